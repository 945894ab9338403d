"""Lesson durations: the site shows each lesson's reading time, computed from its text
(course/reading_time.py), so a `duration:` a contributor declares must agree with it, and no
lesson may outgrow the length the home page promises."""

from __future__ import annotations

from collections.abc import Iterable

from course.errors import Problem
from course.source import PageSource

# How far a declared duration may be from the computed reading time, as a share of it.
MAX_DEVIATION = 0.25
# The longest lesson the course promises (docs/index.md: "10 to 15 minutes").
MAX_LESSON_MINUTES = 15


def declared_duration(page: PageSource) -> Iterable[Problem]:
    """A declared `duration:` is within 25 % of the lesson's reading time."""
    declared = page.front_matter.data.get("duration")
    if page.kind != "lesson" or isinstance(declared, bool) or not isinstance(declared, int) or declared <= 0:
        return  # no duration, or one the structure rules report as not a number
    time = page.reading_time
    if abs(declared - time.minutes) > MAX_DEVIATION * time.minutes:
        yield Problem(
            page.src_path,
            f"'duration: {declared}' is more than {MAX_DEVIATION:.0%} away from the lesson's reading time,"
            f" {time.minutes} min ({time.explained()})",
            f"set duration: {time.minutes}, or remove the line: the site shows the computed reading time",
            line=page.front_matter.line_of("duration"),
        )


def lesson_length(page: PageSource) -> Iterable[Problem]:
    """A lesson takes at most 15 minutes, as the home page promises."""
    if page.kind != "lesson":
        return
    time = page.reading_time
    if time.minutes > MAX_LESSON_MINUTES:
        yield Problem(
            page.src_path,
            f"this lesson takes {time.minutes} min to read ({time.explained()}); lessons take at most {MAX_LESSON_MINUTES}",
            "split it into two lessons, or cut what its objectives do not need",
            line=page.front_matter.line_of("title") or 1,
        )
