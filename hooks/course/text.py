"""A page's Markdown source as lines: which are code, where the headings are, and offsets to lines.

The course rules read lessons line by line, so that every problem gets its line. Fenced code
blocks are rendered as escaped text, so most rules skip them; anything this module cannot be
sure is code (an unclosed fence, a fence with options, a fence inside a block quote) is read
as prose, so a mistake here errs towards checking too much.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass

# The fence syntax pymdownx.superfences turns into code: ``` or ~~~ (3 or more), an optional
# language, nothing else. Its closing line is exactly the same fence.
_FENCE_OPEN = re.compile(r"^(?P<indent> *)(?P<fence>`{3,}|~{3,})[ \t]*(?:\.?(?P<lang>[\w#.+-]+))?[ \t]*$")
# Any line that starts a fence, with options or not: what a reader takes for the start of code.
_ANY_FENCE_OPEN = re.compile(r"^(?P<indent> *)(?P<fence>`{3,}|~{3,})(?P<rest>.*)$")

# Mermaid fences are not escaped text to the reader: the build draws them as SVG whose labels are
# the fence's text (hooks/diagram_hook.py), so the safety rules read them like prose.
_RENDERED_FENCES = {"mermaid"}

# An ATX heading as Python-Markdown reads it: 1-6 '#', the text, optional closing '#'s.
_HEADING = re.compile(r"^(?P<hashes>#{1,6})[ \t]+(?P<text>.+?)(?:[ \t]+#+)?[ \t]*$")
_INLINE_CODE = re.compile(r"(?<!`)(?P<ticks>`+)(?!`).+?(?<!`)(?P=ticks)(?!`)")


def normalise_newlines(text: str) -> str:
    """Line ends as Python's text mode reads them (what MkDocs sees): CRLF and CR become LF."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


@dataclass(frozen=True)
class SourceLine:
    number: int  # 1-based line number in the file
    text: str
    in_code: bool  # inside a fenced code block that is shown as escaped text (fences included)


def source_lines(text: str, *, diagrams_are_code: bool = False) -> list[SourceLine]:
    """Split ``text`` into lines and mark those that belong to fenced code blocks.

    Mermaid fences count as code only with ``diagrams_are_code``: they hold no lesson text,
    but the browser renders them, so the safety rules read them.
    """
    lines = normalise_newlines(text).split("\n")
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
    def of(cls, lines: list[SourceLine], *, without_inline_code: bool = False) -> Prose:
        kept = ["" if line.in_code else line.text for line in lines]
        if without_inline_code:
            kept = [blank_inline_code(line) for line in kept]
        starts = [0]
        for line in kept[:-1]:
            starts.append(starts[-1] + len(line) + 1)
        return cls("\n".join(kept), tuple(starts))

    def line_at(self, offset: int) -> int:
        return bisect.bisect_right(self.line_starts, offset)


def blank_inline_code(line: str) -> str:
    """``line`` with each `code span` replaced by spaces of the same length (offsets stay right)."""
    return _INLINE_CODE.sub(lambda match: " " * len(match.group()), line) if "`" in line else line


def fences(text: str) -> list[tuple[int, int, str]]:
    """Every closed fenced code block: (first line, last line, language), lines 1-based."""
    lines = normalise_newlines(text).expandtabs(4).split("\n")
    return [(start + 1, end + 1, lang) for start, end, lang in _fences(lines)]


def unclosed_fences(lines: list[SourceLine]) -> list[int]:
    """The lines (1-based) of fence openers that no line of their own closes: superfences then
    renders the rest of the page as code, or closes the fence with the end of a later code block
    (whose own opener then shows as code: a fenced block holds no opener like its own)."""
    texts = [line.text.expandtabs(4) for line in lines]
    found = []
    for start, end, _ in _fences(texts):
        opener = _FENCE_OPEN.match(texts[start])
        assert opener is not None
        for inner in texts[start + 1:end]:
            nested = _ANY_FENCE_OPEN.match(inner)
            if nested and nested.group("fence") == opener.group("fence") and nested.group("rest").strip():
                found.append(lines[start].number)
                break
    index = 0
    while index < len(texts):
        if lines[index].in_code:
            index += 1
            continue
        opener = _ANY_FENCE_OPEN.match(texts[index])
        if opener and "`" not in opener.group("rest"):
            end = _fence_end(texts, index + 1, opener.group("indent"), opener.group("fence"))
            if end is None:
                found.append(lines[index].number)
                break  # everything after it is swallowed: one report is enough
            index = end + 1
            continue
        index += 1
    return sorted(found)


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


@dataclass(frozen=True)
class Heading:
    line: int
    level: int
    text: str


def headings(lines: list[SourceLine]) -> list[Heading]:
    """The ATX headings (`## Text`) outside code, at the start of their line."""
    found = []
    for line in lines:
        match = None if line.in_code else _HEADING.match(line.text)
        if match:
            found.append(Heading(line.number, len(match.group("hashes")), match.group("text").strip()))
    return found


_MARKDOWN_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MARKDOWN_MARKS = re.compile(r"(\*\*|__|\*|`|(?<!\w)_|_(?!\w))")


def plain_text(markdown: str) -> str:
    """Markdown inline text without its marks: links become their text, emphasis and code marks go."""
    return " ".join(_MARKDOWN_MARKS.sub("", _MARKDOWN_LINK.sub(r"\1", markdown)).split())
