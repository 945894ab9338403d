"""Titles and file names: every page has its own title and description, and every file and folder
of docs/ is named in lowercase ASCII words joined by hyphens (its name is part of the page's
address, and spaces, capitals and accents make addresses that break or differ between systems)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from course.errors import Problem
from course.source import CourseSource

_NAME = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_EXTENSION = re.compile(r"^[a-z0-9]+$")


def file_names(course: CourseSource) -> Iterable[Problem]:
    reported: set[str] = set()
    for path in sorted(course.files):
        parts = path.split("/")
        for depth, part in enumerate(parts):
            here = "/".join(parts[: depth + 1])
            is_file = depth == len(parts) - 1
            stem, dot, extension = part.rpartition(".") if is_file and "." in part else (part, "", "")
            if here in reported or (_NAME.match(stem) and (not dot or _EXTENSION.match(extension))):
                continue
            reported.add(here)
            kind = "file" if is_file else "folder"
            suggestion = _suggested(stem) + (dot + extension.lower() if dot else "")
            yield Problem(
                here,
                f"the {kind} name '{part}' {_what_is_wrong(part)}; names are lowercase ASCII words joined by hyphens",
                f"rename it to '{suggestion}'" + (" (and update its nav line and the links to it)" if path.endswith(".md") else " (and the links to it)"),
                line=1 if is_file and path.endswith(".md") else None,
            )


def _what_is_wrong(name: str) -> str:
    found = []
    if " " in name:
        found.append("has spaces")
    if any(char.isupper() for char in name):
        found.append("has capitals")
    if "_" in name:
        found.append("has underscores")
    if any(ord(char) > 127 for char in name):
        found.append("has accents or other non-ASCII letters")
    return " and ".join(found) or "has other characters"


def _suggested(stem: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-") or "page"


def one_title_per_page(course: CourseSource) -> Iterable[Problem]:
    """Two pages with the same title look the same in the nav, search results and the course map."""
    seen: dict[str, tuple[str, int | None]] = {}
    in_nav = {entry.src_path for entry in course.site.entries}
    for page in course.pages_in_course_order:
        title = page.title
        if title is None or page.src_path not in in_nav:
            continue  # pages outside the nav (worksheets) are named by the pages that link to them
        key = title.casefold()
        if key in seen:
            where, line = seen[key]
            yield Problem(
                page.src_path,
                f"the title '{title}' is already the title of docs/{where}" + (f":{line}" if line else ""),
                "give each page a title of its own: learners find lessons by their titles in the nav and in search",
                line=page.front_matter.line_of("title"),
            )
        else:
            seen[key] = (page.src_path, page.front_matter.line_of("title"))


def one_description_per_page(course: CourseSource) -> Iterable[Problem]:
    seen: dict[str, str] = {}
    for page in course.pages_in_course_order:
        description = page.front_matter.data.get("description")
        if not isinstance(description, str) or not description.strip():
            continue
        key = " ".join(description.split()).casefold()
        if key in seen:
            yield Problem(
                page.src_path,
                f"the description is the same as that of docs/{seen[key]}",
                "write a sentence for this page alone: it is the page's search-engine summary and appears on cards",
                line=page.front_matter.line_of("description"),
            )
        else:
            seen[key] = page.src_path
