"""Read a page's YAML front matter ourselves, so broken YAML gets a line number.

MkDocs silently drops front matter it cannot parse (and renders it as text), which would
hide a contributor's typo; here it becomes a clear error instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from course.errors import CourseError
from course.text import normalise_newlines

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*\n", re.DOTALL)


@dataclass(frozen=True)
class FrontMatter:
    """Front matter values and the 1-based line of each top-level key."""

    data: dict[str, Any] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)
    end_line: int = 0  # line of the closing '---'; 0 without front matter
    # The YAML as written. Compared too: Python finds values equal that the course checks apart
    # (`duration: 10` and `duration: 10.0`, `1` and `true`), and the preview reuses the course
    # model while every page's front matter is equal (course/reuse.py).
    source: str = ""

    def line_of(self, key: str) -> int | None:
        return self.lines.get(key)


def read_front_matter(src_path: str, text: str) -> FrontMatter:
    """Parse the front matter at the top of ``text``; raise CourseError if it is not valid."""
    text = normalise_newlines(text.lstrip("\ufeff"))
    if not text.startswith("---"):
        return FrontMatter()
    match = _FRONT_MATTER.match(text)
    if match is None:
        raise CourseError(
            src_path,
            "front matter starts with '---' but is never closed",
            "end the front matter with a line holding only '---'",
            line=1,
        )
    body = match.group(1) or ""
    try:
        node, data = _parse(body)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1
        problem = getattr(exc, "problem", None) or "it cannot be parsed"
        tab = next((number + 2 for number, text in enumerate(body.split("\n")) if "\t" in text), None)
        if tab is not None:
            # PyYAML's own words for a tab ("found character '\t' that cannot start any token")
            # rarely make the fix clear.
            raise CourseError(
                src_path,
                "front matter is not valid YAML: a line is indented with a tab",
                "indent with spaces only (YAML does not allow tabs): two spaces before each '- ' item",
                line=tab,
            ) from None
        raise CourseError(
            src_path,
            f"front matter is not valid YAML ({problem})",
            "check indentation and quote values that contain ': ' or start with a special character",
            line=line,
        ) from None
    if data is None:
        data = {}
    if not isinstance(data, dict) or not isinstance(node, yaml.MappingNode):
        raise CourseError(
            src_path,
            "front matter is not a set of 'key: value' lines",
            "write the front matter as YAML keys such as 'title: ...'",
            line=2,
        )
    lines = {
        str(key.value): key.start_mark.line + 2
        for key, _ in node.value
    }
    end_line = text[: match.end()].count("\n")
    return FrontMatter(data=data, lines=lines, end_line=end_line, source=body)


# libyaml's parser when PyYAML has it (it is about ten times faster; every page is parsed each build).
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _parse(body: str) -> tuple[yaml.Node | None, Any]:
    """The YAML node tree (for line numbers) and the values, from one parse (what yaml.safe_load does inside)."""
    loader = _YAML_LOADER(body)
    try:
        node = loader.get_single_node()
        return node, loader.construct_document(node) if node is not None else None
    finally:
        loader.dispose()
