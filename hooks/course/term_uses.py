"""Where a lesson's teaching text uses a term, read from its Markdown the way the tooltips read its HTML.

The glossary's tooltips (course/glossary.py, `add_tooltips`) go on words of the rendered lesson,
never inside headings, links, code, quizzes, summaries or definitions. The rule that a lesson
defines a term before it uses it (rules/definitions.py) must agree with them on what a use is, so
here the lesson's source is copied with those parts blanked out (spaces of the same length, so
offsets still give lines), and the glossary's own `TermMatcher` then finds the terms in it.
Also blanked: the lesson's opening paragraph (an introduction may name what the lesson is about,
like its title and objectives, which are front matter and not in the body), HTML tags and
comments, attribute lists, and the type of each admonition (its title is text learners read).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from course.glossary import TermMatcher
from course.definitions import Definition
from course.quizzes import PageQuizzes
from course.text import Prose, SourceLine, blank_inline_code

# A `!!! type "Title"` or `??? type "Title"` opener; `???` titles are <summary> elements.
_ADMONITION = re.compile(r"^(?P<indent>[ \t]*)(?P<marker>!!!|\?\?\?\+?)[ \t]+(?P<type>[\w-]+(?:[ \t]+[\w-]+)*)")
_DEFINITION = re.compile(r"^(?P<indent>[ \t]*)(?:!!!|\?\?\?\+?)[ \t]+definition\b")
_HEADING = re.compile(r"^[ \t]{0,3}#{1,6}(?:[ \t]|$)")
# What tooltips never see: links and images (text and target), HTML tags and comments,
# attribute lists, abbreviation definitions.
_NOT_TEXT = re.compile(
    r"!?\[[^\]\n]*\]\([^)\n]*\)"
    r"|!?\[[^\]\n]*\]\[[^\]\n]*\]"
    r"|<!--.*?-->"
    r"|</?[A-Za-z][^<>]*>"
    r"|\{:?[ \t]*[.#][^}\n]*\}"
    r"|^\*\[[^\]\n]+\]:[^\n]*",
    re.DOTALL | re.MULTILINE,
)


@dataclass(frozen=True)
class TermUse:
    definition: Definition
    line: int
    text: str  # as written


def uses_before_definition(body: list[SourceLine], quizzes: PageQuizzes, definitions: Iterable[Definition]) -> Iterator[TermUse]:
    """The first use of each of the page's own ``definitions`` in its teaching text above that
    definition (``body`` is the page's lines after the front matter, code marked)."""
    definitions = list(definitions)
    if not definitions or not body:
        return
    # Only the text above the last definition can hold a use before one.
    last = max(definition.line for definition in definitions)
    above = [line for line in body if line.number < last]
    if not above:
        return
    prose = teaching_prose(above, quizzes)
    seen: set[int] = set()
    for match in TermMatcher(definitions).find(prose.text):
        line = prose.line_at(match.start) + above[0].number - 1
        if id(match.entry) not in seen and line < match.entry.line:
            seen.add(id(match.entry))
            yield TermUse(match.entry, line, match.text)


def teaching_prose(body: list[SourceLine], quizzes: PageQuizzes) -> Prose:
    """The body's text with what tooltips skip blanked out (see the module's docstring)."""
    skipped = _skipped_lines(body, quizzes)
    kept = []
    for line in body:
        if line.number in skipped:
            kept.append(" " * len(line.text))
            continue
        text = blank_inline_code(line.text)
        opener = _ADMONITION.match(text)
        if opener:  # keep only the title in quotes
            text = _blank(text[: opener.end()]) + text[opener.end():]
        kept.append(text)
    prose = Prose.of([SourceLine(line.number, text, False) for line, text in zip(body, kept)])
    return Prose(_NOT_TEXT.sub(lambda match: _blank(match.group()), prose.text), prose.line_starts)


def _skipped_lines(body: list[SourceLine], quizzes: PageQuizzes) -> set[int]:
    skipped = {line.number for line in body if line.in_code or _HEADING.match(line.text)}
    last = body[-1].number if body else 0
    for quiz in quizzes.quizzes:
        skipped.update(range(quiz.line, (quiz.closing_line or last) + 1))
    skipped.update(_opening_paragraph(body))
    index = 0
    while index < len(body):
        line = body[index]
        opener = None if line.in_code else _ADMONITION.match(line.text)
        if opener and opener.group("marker") != "!!!":
            skipped.add(line.number)  # a collapsible box's title is its <summary>
        if opener and _DEFINITION.match(line.text):
            # The definition box, down to the first line indented no deeper than its opener.
            indent = len(opener.group("indent").expandtabs(4))
            skipped.add(line.number)
            index += 1
            while index < len(body) and (
                not body[index].text.strip() or len(body[index].text.expandtabs(4)) - len(body[index].text.expandtabs(4).lstrip()) > indent
            ):
                skipped.add(body[index].number)
                index += 1
            continue
        index += 1
    return skipped


def _opening_paragraph(body: list[SourceLine]) -> list[int]:
    """The lines of the first paragraph of the body (none when the body opens with a heading)."""
    lines = iter(body)
    first = next((line for line in lines if line.text.strip()), None)
    if first is None or first.in_code or _HEADING.match(first.text):
        return []
    found = [first.number]
    for line in lines:
        if not line.text.strip():
            break
        found.append(line.number)
    return found


def _blank(text: str) -> str:
    """``text`` as spaces, its line breaks kept."""
    return re.sub(r"[^\n]", " ", text)
