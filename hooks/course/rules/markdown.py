"""Markdown that the site would render otherwise than its author sees it in an editor.

Each of these builds without a warning and goes wrong on the page: an unclosed fence or comment
swallows the rest of the page, a tab shifts indentation by up to four spaces (an admonition body
or a nested list falls out), and '##Heading' is a heading to Python-Markdown but not to GitHub's
preview or most editors.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from course.errors import Problem
from course.source import PageSource
from course.text import blank_inline_code, unclosed_fences

_HEADING_WITHOUT_SPACE = re.compile(r"^(?P<hashes>#{1,6})(?P<text>[^#\s].*)$")
_COMMENT_OPEN = "<!--"
_COMMENT_CLOSE = "-->"


def tabs(page: PageSource) -> Iterable[Problem]:
    lines = [line.number for line in page.body if "\t" in line.text and not line.in_code]
    if lines:
        more = f" (and {len(lines) - 1} more line(s))" if len(lines) > 1 else ""
        yield Problem(
            page.src_path,
            f"a tab character{more}: Markdown reads it as up to four spaces, so indentation goes wrong",
            "replace each tab with spaces (four to indent an admonition body, two for a nested bullet)",
            line=lines[0],
        )


def heading_without_space(page: PageSource) -> Iterable[Problem]:
    for line in page.body:
        match = None if line.in_code else _HEADING_WITHOUT_SPACE.match(line.text)
        if match:
            yield Problem(
                page.src_path,
                f"'{line.text.strip()[:40]}' has no space after its '#' signs",
                f"write '{match.group('hashes')} {match.group('text').strip()[:40]}': most editors and GitHub only see a heading with the space",
                line=line.number,
            )


def unclosed_fence(page: PageSource) -> Iterable[Problem]:
    for number in unclosed_fences(page.body):
        yield Problem(
            page.src_path,
            "this code fence is never closed, so the rest of the page would show as code",
            "end the code block with a line holding the same fence (e.g. ```) at the same indentation",
            line=number,
        )


def unclosed_comment(page: PageSource) -> Iterable[Problem]:
    opened: int | None = None
    for line in page.body:
        if line.in_code:
            continue
        text = blank_inline_code(line.text)
        position = 0
        while True:
            if opened is None:
                start = text.find(_COMMENT_OPEN, position)
                if start < 0:
                    break
                opened, position = line.number, start + len(_COMMENT_OPEN)
            else:
                end = text.find(_COMMENT_CLOSE, position)
                if end < 0:
                    break
                opened, position = None, end + len(_COMMENT_CLOSE)
    if opened is not None:
        yield Problem(
            page.src_path,
            "this HTML comment '<!--' is never closed, so the rest of the page would be hidden",
            "end the comment with '-->', or remove it",
            line=opened,
        )
