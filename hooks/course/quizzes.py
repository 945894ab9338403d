"""The course's own quiz syntax on top of mkdocs-quiz's: which objectives a question checks.

A lesson writes `<quiz objectives="1 3">` (1-based numbers into its front matter's objectives
list). mkdocs-quiz only knows a bare `<quiz>`, so the attribute is taken out before the plugin
reads the page, and put back on the rendered question as `data-objectives`.
"""

from __future__ import annotations

import re

from course.safety import source_lines

# `<quiz>` or `<quiz objectives="...">` at the start of a line, as mkdocs-quiz expects it.
QUIZ_OPENING = re.compile(r'^(?P<indent>[ \t]*)<quiz(?:\s+objectives="(?P<objectives>[^"]*)")?\s*>')


def split_quiz_objectives(markdown: str) -> tuple[str, list[str | None]]:
    """``markdown`` with every `<quiz objectives="...">` written as `<quiz>`, and each quiz's
    declared objectives (the attribute's text, or None when it has none), in page order.
    Quiz tags inside fenced code blocks are examples and stay as they are."""
    lines = markdown.split("\n")
    declared: list[str | None] = []
    for line in source_lines(markdown, diagrams_are_code=True):
        match = None if line.in_code else QUIZ_OPENING.match(line.text)
        if match:
            declared.append(match.group("objectives"))
            index = line.number - 1
            lines[index] = match.group("indent") + "<quiz>" + line.text[match.end():]
    return "\n".join(lines), declared
