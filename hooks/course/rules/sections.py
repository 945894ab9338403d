"""The shape of a lesson: no page title of its own, '## Key points' with bullets, and
'## Check your understanding' as the last section."""

from __future__ import annotations

import re
from collections.abc import Iterable

from course.errors import Problem
from course.source import PageSource
from course.text import Heading, SourceLine

KEY_POINTS = "Key points"
QUIZ_SECTION = "Check your understanding"
MIN_QUIZZES = 3  # questions under QUIZ_SECTION

_BULLET = re.compile(r"^\s{0,3}(?:[-*+]|\d+[.)])\s+\S")
_OBJECTIVES_HEADING = re.compile(r"^(?:learning )?objectives$|^what you will learn$", re.IGNORECASE)


def page_title_heading(page: PageSource) -> Iterable[Problem]:
    if page.kind != "lesson":
        return
    for heading in page.headings:
        if heading.level == 1:
            yield Problem(
                page.src_path,
                f"'# {heading.text}' is a page title, but a lesson's title comes from its front matter",
                "make it a '## ' section heading, or remove it if it repeats the title",
                line=heading.line,
            )


def objectives_section(page: PageSource) -> Iterable[Problem]:
    if page.kind != "lesson":
        return
    for heading in page.headings:
        if heading.level == 2 and _OBJECTIVES_HEADING.match(heading.text):
            yield Problem(
                page.src_path,
                f"the section '{heading.text}' repeats the objectives, which the site shows from the front matter",
                "remove the section and keep the objectives in the front matter list 'objectives:'",
                line=heading.line,
            )


def lesson_sections(page: PageSource) -> Iterable[Problem]:
    if page.kind != "lesson":
        return
    body, headings = page.body, page.headings
    last_line = len(page.lines)
    sections = [heading for heading in headings if heading.level == 2]
    titles = [heading.text for heading in sections]
    quiz = sections[titles.index(QUIZ_SECTION)] if QUIZ_SECTION in titles else None
    key_points = sections[titles.index(KEY_POINTS)] if KEY_POINTS in titles else None
    if key_points is None:
        yield Problem(
            page.src_path,
            f"the lesson has no '## {KEY_POINTS}' section",
            f"add '## {KEY_POINTS}' before '## {QUIZ_SECTION}', with 4-7 bullets that sum up the lesson",
            line=quiz.line if quiz else last_line,
        )
    elif not any(_BULLET.match(line.text) for line in _section_lines(body, key_points, headings)):
        yield Problem(
            page.src_path,
            f"'## {KEY_POINTS}' has no bullet list",
            "write one '- ' bullet per key idea (4-7 bullets)",
            line=key_points.line,
        )
    if quiz is None:
        # Where the heading belongs: above the first quiz, else after the key points.
        first_quiz = page.quizzes.quizzes[0].line if page.quizzes.quizzes else None
        yield Problem(
            page.src_path,
            f"the lesson has no '## {QUIZ_SECTION}' section",
            f"end the lesson with '## {QUIZ_SECTION}' and at least {MIN_QUIZZES} <quiz> blocks",
            line=first_quiz or (key_points.line if key_points else last_line),
        )
        return
    if key_points is not None and key_points.line > quiz.line:
        yield Problem(
            page.src_path,
            f"'## {KEY_POINTS}' comes after '## {QUIZ_SECTION}'",
            f"move '## {KEY_POINTS}' above '## {QUIZ_SECTION}'",
            line=key_points.line,
        )
    for later in sections[sections.index(quiz) + 1:]:
        if later is not key_points:
            yield Problem(
                page.src_path,
                f"'## {later.text}' comes after '## {QUIZ_SECTION}', which must close the lesson",
                f"move the section above '## {KEY_POINTS}'",
                line=later.line,
            )


def _section_lines(body: list[SourceLine], heading: Heading, headings: list[Heading]) -> list[SourceLine]:
    following = [other.line for other in headings if other.line > heading.line and other.level <= heading.level]
    end = following[0] if following else body[-1].number + 1
    return [line for line in body if heading.line < line.number < end and not line.in_code]
