"""Refuse Markdown that would run script in a learner's browser.

Python-Markdown passes raw HTML through untouched, so a lesson could carry a <script>,
an inline event handler or a javascript: link straight onto the site. The build
(hooks/safety_hook.py) and the lesson lint (course/lint.py) both use this module, so a
pull request is stopped by CI even if nobody runs the lint.

Only fenced code blocks are skipped: they are rendered as escaped text. Anything this
module cannot be sure is code (an unclosed fence, a fence with options, a fence inside
a block quote) is checked like prose, so a mistake here errs towards refusing.
"""

from __future__ import annotations

import bisect
import html
import re
from collections.abc import Iterator
from dataclasses import dataclass

from course.errors import CourseError

# The fence syntax pymdownx.superfences turns into code: ``` or ~~~ (3 or more), an optional
# language, nothing else. Its closing line is exactly the same fence.
_FENCE_OPEN = re.compile(r"^(?P<indent> *)(?P<fence>`{3,}|~{3,})[ \t]*(?:\.?(?P<lang>[\w#.+-]+))?[ \t]*$")

# Mermaid fences are not escaped text to the reader: the build draws them as SVG whose labels are
# the fence's text (hooks/diagram_hook.py), so their content is checked like prose.
_RENDERED_FENCES = {"mermaid"}

# Elements that run script, load other documents or pages, or restyle the whole site.
UNSAFE_TAGS = ("script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "base", "link", "meta")
_UNSAFE_TAG = re.compile(r"<\s*(?P<tag>" + "|".join(UNSAFE_TAGS) + r")\b", re.IGNORECASE)

# An on...= attribute inside an HTML tag, or inside an attr_list block such as { onclick="..." }.
_HANDLER_IN_TAG = re.compile(r"<[a-z][^<>]*?[\s/\"'](?P<name>on[a-z]+)\s*=", re.IGNORECASE)
_HANDLER_IN_ATTR_LIST = re.compile(r"\{:?[^{}\n]*?(?<![\w-])(?P<name>on[a-z]+)\s*=", re.IGNORECASE)

# Browsers ignore tabs and line breaks inside a URL, so 'java\tscript:' still runs.
_SCRIPT_URL = re.compile(r"javascript:|vbscript:|data:text/html", re.IGNORECASE)
_URL_WHITESPACE = re.compile(r"[\t\n\r]")

_TAG_FIXES = {
    "script": "remove it: lessons cannot run script; interactive features belong in the site's code (hooks/ and overrides/)",
    "style": "remove it: the site's styles live in docs/assets/stylesheets/course.css",
    "link": "remove it: the site's styles and scripts are added by the templates in overrides/",
    "meta": "remove it: page metadata comes from the front matter",
    "base": "remove it: links in a lesson are relative Markdown links to .md files",
}
_EMBED_FIX = "remove it and link to the content instead, e.g. [Watch the talk](https://example.org/talk)"


@dataclass(frozen=True)
class SourceLine:
    number: int  # 1-based line number in the file
    text: str
    in_code: bool  # inside a fenced code block that is shown as escaped text (fences included)


def source_lines(text: str, *, diagrams_are_code: bool = False) -> list[SourceLine]:
    """Split ``text`` into lines and mark those that belong to fenced code blocks.

    Mermaid fences count as code only with ``diagrams_are_code``: they hold no lesson text,
    but the browser renders them, so the safety check reads them.
    """
    lines = text.replace("\r\n", "\n").split("\n")
    code = set()
    # Python-Markdown expands tabs before superfences looks for fences; the text itself keeps
    # its tabs, which matter inside URLs.
    for start, end, lang in _fences([line.expandtabs(4) for line in lines]):
        if diagrams_are_code or lang not in _RENDERED_FENCES:
            code.update(range(start, end + 1))
    return [SourceLine(index + 1, line, index in code) for index, line in enumerate(lines)]


@dataclass(frozen=True)
class Prose:
    """A page's text with its code lines blanked, so a pattern can span lines and still give a line number."""

    text: str
    line_starts: tuple[int, ...]

    @classmethod
    def of(cls, lines: list[SourceLine]) -> Prose:
        kept = ["" if line.in_code else line.text for line in lines]
        starts = [0]
        for line in kept[:-1]:
            starts.append(starts[-1] + len(line) + 1)
        return cls("\n".join(kept), tuple(starts))

    def line_at(self, offset: int) -> int:
        return bisect.bisect_right(self.line_starts, offset)


def fences(text: str) -> list[tuple[int, int, str]]:
    """Every closed fenced code block: (first line, last line, language), lines 1-based."""
    lines = text.replace("\r\n", "\n").expandtabs(4).split("\n")
    return [(start + 1, end + 1, lang) for start, end, lang in _fences(lines)]


def _fences(lines: list[str]) -> Iterator[tuple[int, int, str]]:
    index = 0
    while index < len(lines):
        opener = _FENCE_OPEN.match(lines[index])
        if opener is None:
            index += 1
            continue
        indent, fence = opener.group("indent"), opener.group("fence")
        end = _fence_end(lines, index + 1, indent, fence)
        if end is None:
            # Not code to superfences either (never closed, or a line leaves the indentation):
            # read on from the next line as prose.
            index += 1
            continue
        yield index, end, (opener.group("lang") or "").lower()
        index = end + 1


def _fence_end(lines: list[str], start: int, indent: str, fence: str) -> int | None:
    for index in range(start, len(lines)):
        line = lines[index]
        if line.strip() and not line.startswith(indent):
            return None
        if line[len(indent):].rstrip(" \t") == fence:
            return index
    return None


def unsafe_html(src_path: str, text: str) -> list[CourseError]:
    """Every place in ``text`` (a whole page source, front matter included) that could run script."""
    lines = source_lines(text)
    prose = Prose.of(lines)
    problems: list[tuple[int, CourseError]] = []
    for match in _UNSAFE_TAG.finditer(prose.text):
        tag = match.group("tag").lower()
        line = prose.line_at(match.start())
        problems.append((line, CourseError(
            src_path,
            f"raw <{tag}> tag: lessons must never run script, embed other pages or restyle the site",
            _TAG_FIXES.get(tag, _EMBED_FIX) + " (to show the tag as an example, put it in a fenced code block)",
            line=line,
        )))
    for pattern in (_HANDLER_IN_TAG, _HANDLER_IN_ATTR_LIST):
        for match in pattern.finditer(prose.text):
            line = prose.line_at(match.start("name"))
            problems.append((line, CourseError(
                src_path,
                f"inline event handler '{match.group('name')}=': it would run script in the learner's browser",
                "remove the attribute; lessons cannot run script",
                line=line,
            )))
    for line, scheme in _script_urls(lines):
        problems.append((line, CourseError(
            src_path,
            f"'{scheme}' URL: following it would run script in the learner's browser",
            "link to a page with an https:// or a relative .md link instead",
            line=line,
        )))
    problems.sort(key=lambda item: item[0])
    return [problem for _, problem in problems]


def _script_urls(lines: list[SourceLine]) -> Iterator[tuple[int, str]]:
    """(line, scheme) of every script URL, also when written with entities or split by a tab or line break."""
    characters: list[str] = []
    numbers: list[int] = []
    for line in lines:
        if line.in_code:
            continue
        decoded = _URL_WHITESPACE.sub("", html.unescape(line.text))
        characters.extend(decoded)
        numbers.extend([line.number] * len(decoded))
    for match in _SCRIPT_URL.finditer("".join(characters)):
        yield numbers[match.start()], match.group(0).lower()


def refuse_unsafe_html(src_path: str, text: str) -> None:
    """Raise CourseError for the first place in ``text`` that could run script."""
    problems = unsafe_html(src_path, text)
    if problems:
        raise problems[0]
