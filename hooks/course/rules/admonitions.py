"""Admonitions (`!!! example "Title"`, `??? info "Title"`): a type Material styles, and a body
indented by four spaces under the opener.

Python-Markdown takes only lines indented by four spaces as the body: with two, the box renders
empty and the text follows it as an ordinary paragraph; with a misspelt type the box is gray and
has no icon. Neither gives a warning.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

from course.errors import Problem
from course.source import PageSource

# Material for MkDocs' admonition types (its admonition reference), and the course's own.
MATERIAL_TYPES = (
    "note", "abstract", "summary", "tldr", "info", "todo", "tip", "hint", "important", "success", "check", "done",
    "question", "help", "faq", "warning", "caution", "attention", "failure", "fail", "missing", "danger", "error",
    "bug", "example", "quote", "cite",
)
COURSE_TYPES = ("definition",)  # course/definitions.py; its icon is set in mkdocs.yml
KNOWN_TYPES = (*MATERIAL_TYPES, *COURSE_TYPES)

_OPENER = re.compile(r"^(?P<indent>[ ]*)(?P<marker>!!!|\?\?\?\+?)[ ]?(?P<type>[\w-]+)(?P<rest>.*)$")
INDENT = 4


def known_types(page: PageSource) -> Iterable[Problem]:
    for line in page.body:
        opener = None if line.in_code else _OPENER.match(line.text.expandtabs(INDENT))
        if opener is None or opener.group("type") in KNOWN_TYPES:
            continue
        kind = opener.group("type")
        close = difflib.get_close_matches(kind.lower(), KNOWN_TYPES, n=1)
        yield Problem(
            page.src_path,
            f"'{kind}' is not an admonition type, so the box would have no color or icon",
            (f"did you mean '{close[0]}'? " if close else "") + "The course uses example, info, tip, note, warning and definition"
            " (all types: squidfunk.github.io/mkdocs-material/reference/admonitions/#supported-types)",
            line=line.number,
        )


def indented_bodies(page: PageSource) -> Iterable[Problem]:
    body = page.body
    for index, line in enumerate(body):
        opener = None if line.in_code else _OPENER.match(line.text.expandtabs(INDENT))
        if opener is None or opener.group("type") == "definition":
            continue  # definitions have their own rule (an empty body names the term)
        indent = len(opener.group("indent"))
        following = next((other for other in body[index + 1:] if other.text.strip()), None)
        depth = len(following.text.expandtabs(INDENT)) - len(following.text.expandtabs(INDENT).lstrip()) if following else 0
        if following is not None and indent < depth < indent + INDENT:
            yield Problem(
                page.src_path,
                f"the body of this admonition is indented {depth - indent} space(s), so it would render as an empty box",
                f"indent every line of the body by {indent + INDENT} spaces",
                line=line.number,
            )
        elif following is None or depth <= indent:
            yield Problem(
                page.src_path,
                "this admonition has no body, so it would render as an empty box",
                f"write its text on the lines below it, indented by {indent + INDENT} spaces",
                line=line.number,
            )
