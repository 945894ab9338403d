"""Find the `definition` admonitions of a lesson: the single source of the glossary."""

from __future__ import annotations

import re
from dataclasses import dataclass

from course.errors import CourseError

_ADMONITION = re.compile(r"^(?P<indent> *)(?:!!!|\?\?\?\+?) +definition\b(?P<rest>.*)$")
_TITLE = re.compile(r'^(?P<modifiers>(?:\s+[\w-]+)*)\s*"(?P<title>[^"]*)"\s*$')
_HEADING = re.compile(r"^(?P<hashes>#{2,6}) +(?P<text>.+?)(?: +#+)? *$")
_FENCE = re.compile(r"^ *(```|~~~)")
ALIASES_PREFIX = "Also called:"
# `!!! definition everyday-word "Planning"`: the term is also an everyday word, wrong in most prose
# ("roadmap planning sessions"), so only its aliases ("planning phase") are recognized in other lessons.
# An extra admonition class, so learners never see it.
EVERYDAY_WORD = "everyday-word"


@dataclass(frozen=True)
class Definition:
    term: str
    text: str  # the definition's body, Markdown, without the aliases line
    aliases: tuple[str, ...]
    src_path: str
    line: int  # 1-based line of the '!!! definition' opener
    section: str | None  # text of the nearest heading above it, if any
    everyday_word: bool = False  # only the aliases are recognized in lessons, not the term itself


def find_definitions(src_path: str, markdown: str, first_line: int = 1) -> list[Definition]:
    """Parse every definition admonition in ``markdown`` (which starts at ``first_line``).

    Raises CourseError for the first definition without a title or without a body.
    """
    definitions, problems = read_definitions(src_path, markdown, first_line)
    if problems:
        raise problems[0]
    return definitions


def read_definitions(src_path: str, markdown: str, first_line: int = 1) -> tuple[list[Definition], list[CourseError]]:
    """Every well-formed definition admonition in ``markdown`` (which starts at ``first_line``),
    and a problem for each one that is not (no title, an unknown option, an empty body)."""
    lines = markdown.replace("\r\n", "\n").split("\n")
    definitions: list[Definition] = []
    problems: list[CourseError] = []
    section: str | None = None
    in_fence = False
    number = 0
    while number < len(lines):
        line = lines[number]
        if _FENCE.match(line):
            in_fence = not in_fence
        heading = None if in_fence else _HEADING.match(line)
        if heading:
            section = heading.group("text").strip()
        opener = None if in_fence else _ADMONITION.match(line)
        if opener is None:
            number += 1
            continue
        line_no = first_line + number
        title = _TITLE.match(opener.group("rest"))
        body, number = _body(lines, number + 1, len(opener.group("indent")) + 4)
        if title is None or not title.group("title").strip():
            problems.append(CourseError(
                src_path,
                "a 'definition' admonition has no title, so the glossary cannot name its term",
                'put the term in quotes after the type, e.g. !!! definition "Product manager"',
                line=line_no,
            ))
            continue
        term = title.group("title").strip()
        unknown = [word for word in title.group("modifiers").split() if word != EVERYDAY_WORD]
        if unknown:
            problems.append(CourseError(
                src_path,
                f"the definition of '{term}' has an unknown option '{unknown[0]}'",
                f"the only option is '{EVERYDAY_WORD}' (!!! definition {EVERYDAY_WORD} \"Term\"); remove the other",
                line=line_no,
            ))
            continue
        text, aliases = _split_aliases(body)
        if not text:
            problems.append(CourseError(
                src_path,
                f"the definition of '{term}' has an empty body",
                "indent the definition text by four spaces on the lines below the '!!! definition' line",
                line=line_no,
            ))
            continue
        definitions.append(
            Definition(
                term=term,
                text=text,
                aliases=aliases,
                src_path=src_path,
                line=line_no,
                section=section,
                everyday_word=EVERYDAY_WORD in title.group("modifiers").split(),
            )
        )
    return definitions, problems


def _body(lines: list[str], start: int, indent: int) -> tuple[list[str], int]:
    """Collect the indented lines of an admonition body; return them and the next line index."""
    body: list[str] = []
    number = start
    while number < len(lines):
        line = lines[number]
        if line.strip() and not line.startswith(" " * indent):
            break
        body.append(line[indent:])
        number += 1
    while body and not body[-1].strip():
        body.pop()
    return body, number


def _split_aliases(body: list[str]) -> tuple[str, tuple[str, ...]]:
    aliases: tuple[str, ...] = ()
    kept = []
    for line in body:
        if line.strip().startswith(ALIASES_PREFIX):
            names = line.strip()[len(ALIASES_PREFIX):].split(",")
            aliases = tuple(name.strip() for name in names if name.strip())
        else:
            kept.append(line)
    return "\n".join(kept).strip(), aliases
