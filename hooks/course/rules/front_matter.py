"""Front matter: readable YAML, and only the keys the course knows.

Which keys a lesson or block overview must have, and their types, are the course model's
(course/structure.py) and are checked by the structure rule with the rest of the course.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from course.errors import Problem
from course.source import PageSource
from course.structure import BLOCK_KEYS, LESSON_KEYS

# Keys a page may set besides its own: `duration` and `next` (lessons), and Material's per-page switches.
OPTIONAL_KEYS = ("hide", "search")
LESSON_OPTIONAL_KEYS = ("duration", "next", *OPTIONAL_KEYS)


def readable(page: PageSource) -> Iterable[Problem]:
    """Front matter that starts with '---' is closed and is valid YAML (MkDocs would print it as text)."""
    if page.front_matter_problem is not None:
        yield page.front_matter_problem


def unknown_keys(page: PageSource) -> Iterable[Problem]:
    if page.kind == "lesson":
        required, optional = LESSON_KEYS, LESSON_OPTIONAL_KEYS
    elif page.kind == "block":
        required, optional = BLOCK_KEYS, OPTIONAL_KEYS
    else:
        return
    known = (*required, *optional)
    for key in page.front_matter.data:
        if key in known:
            continue
        close = difflib.get_close_matches(str(key).lower(), known, n=1)
        hint = f"did you mean '{close[0]}'? " if close else ""
        yield Problem(
            page.src_path,
            f"unknown front matter key '{key}'",
            f"{hint}check its spelling; the keys are {', '.join(required)} (optional: {', '.join(optional)})",
            line=page.front_matter.line_of(str(key)),
        )
