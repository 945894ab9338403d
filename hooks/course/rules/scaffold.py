"""Leftover scaffold text: a lesson is published exactly as it is merged, so the guidance text of
the lesson template (tools/templates/lesson.md, what `make lesson` starts from) and words that
mark unfinished work must be gone."""

from __future__ import annotations

import re
from collections.abc import Iterable

from course.errors import Problem
from course.rules.sections import KEY_POINTS, QUIZ_SECTION
from course.source import CourseSource, PageSource
from course.text import blank_inline_code

# Words that mark unfinished work.
_MARKER_WORDS = ("todo", "tbd", "fixme", "coming soon", "placeholder", "lorem ipsum")
UNFINISHED_MARKERS = re.compile(r"\b(" + "|".join(_MARKER_WORDS) + r")\b", re.IGNORECASE)
# Template lines every lesson keeps: its required section headings and the quiz tags.
_STRUCTURE = {f"## {KEY_POINTS}", f"## {QUIZ_SECTION}", "<quiz>", "</quiz>", "---"}
_QUIZ_OPENING = re.compile(r"^<quiz\b[^>]*>$")
_MIN_WORDS = 3  # shorter template lines ("duration: 10") may well be a lesson's own


def unfinished_markers(page: PageSource) -> Iterable[Problem]:
    # Most pages hold none of the words: a lower-case substring test is much faster than the
    # pattern (any case, whole words) over the page, which then runs only where one may be.
    folded = page.text.lower()
    if not any(word in folded for word in _MARKER_WORDS):
        return
    for line in page.lines:
        # A word in `code` is talked about, not left over.
        match = None if line.in_code else UNFINISHED_MARKERS.search(blank_inline_code(line.text))
        if match:
            yield Problem(
                page.src_path,
                f"'{match.group(1)}' marks unfinished work, but pages are published as they are merged",
                "finish the text, or leave the part out until it is ready",
                line=line.number,
            )


def template_text(course: CourseSource) -> Iterable[Problem]:
    """Runs of lines copied unchanged from the lesson template, one problem per run."""
    if not course.lesson_template:
        return
    template = frozenset(_normalised(line) for line in course.lesson_template.split("\n") if _is_guidance(line))
    for page in course.pages.values():
        if page.kind == "lesson":
            yield from _template_runs(page, template)


def _template_runs(page: PageSource, template: frozenset[str]) -> list[Problem]:
    # Kept on the page, as its anchors are (course/source.py): the page's text and the template
    # decide the result, and the preview keeps an unchanged page between saves.
    cache = page.__dict__.setdefault("_template_runs", {})
    if template not in cache:
        found = []
        run: list[int] = []
        for line in page.lines:
            text = _normalised(line.text)
            if not line.in_code and text in template:
                run.append(line.number)
            elif run and ((text and not _structural(text)) or line.number == page.front_matter.end_line):
                # Front matter and body are reported apart: each is fixed in its own place.
                found.append(_leftover(page.src_path, run))
                run = []
        if run:
            found.append(_leftover(page.src_path, run))
        cache.clear()  # one template per course: only the last one's result is worth keeping
        cache[template] = found
    return cache[template]


def _is_guidance(line: str) -> bool:
    text = _normalised(line)
    return "$" not in text and not _structural(text) and len(text.lstrip("#-> ").split()) >= _MIN_WORDS


def _structural(text: str) -> bool:
    return text in _STRUCTURE or bool(_QUIZ_OPENING.match(text))


def _normalised(line: str) -> str:
    return " ".join(line.split())


def _leftover(src_path: str, run: list[int]) -> Problem:
    where = f" (lines {run[0]}-{run[-1]})" if run[-1] != run[0] else ""
    return Problem(
        src_path,
        f"this is still the lesson template's guidance text{where}",
        "replace it with the lesson's own text: the template only shows the format (tools/templates/lesson.md)",
        line=run[0],
    )
