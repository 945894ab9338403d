"""Course structure: mkdocs.yml can be read, its nav names files that exist, every page is in the
nav (or deliberately left out of it), and the nav's blocks and lessons have the front matter the
course needs, with a `next:` that leads to a lesson or block of the course (course/structure.py).

MkDocs itself warns about a nav entry without a file or a page left out of the nav, but names no
line and no fix; these rules point at the line of mkdocs.yml or the file, with the nearest name.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from pathspec.gitignore import GitIgnoreSpec

from course.errors import Problem
from course.glossary import GLOSSARY_PAGE
from course.reuse import call
from course.source import CourseSource
from course.structure import assemble_course

# Pages the build generates: the nav may list them though docs/ has no such file.
GENERATED_PAGES = frozenset({GLOSSARY_PAGE})


def readable_site_config(course: CourseSource) -> Iterable[Problem]:
    return course.site.problems


def blocks_and_lessons(course: CourseSource) -> Iterable[Problem]:
    """Every mistake course/structure.py finds in the nav's blocks and lessons (not only the first)."""
    _, problems = call(course.kept, "blocks_and_lessons", assemble_course, course.nav)
    return problems


def nav_files_exist(course: CourseSource) -> Iterable[Problem]:
    pages = sorted(path for path in course.files if path.endswith(".md"))
    for entry in course.site.entries:
        if entry.src_path in course.files or entry.src_path in GENERATED_PAGES:
            continue
        close = difflib.get_close_matches(entry.src_path, pages, n=1, cutoff=0.8)
        yield Problem(
            "mkdocs.yml",
            f"the nav lists '{entry.src_path}', which is not a file in docs/",
            f"did you mean '{close[0]}'?" if close else "check the path (relative to docs/), or create the file",
            line=entry.line,
        )


def generated_pages_in_nav(course: CourseSource) -> Iterable[Problem]:
    """The build generates the glossary page; MkDocs fails the strict build on a page the nav omits."""
    if course.site.problems:
        return
    listed = {entry.src_path for entry in course.site.entries}
    for page in sorted(GENERATED_PAGES - listed):
        yield Problem(
            "mkdocs.yml",
            f"the nav does not list '{page}', the page the build generates from the lessons' definitions",
            f"add '  - Glossary: {page}' to the nav, after the last learning block",
            line=course.site.nav_line,
        )


def pages_in_nav(course: CourseSource) -> Iterable[Problem]:
    if course.site.problems:
        return  # no nav to compare with: that is the problem to fix first
    listed = {entry.src_path for entry in course.site.entries}
    left_out = GitIgnoreSpec.from_lines(course.site.not_in_nav)
    for src_path in course.pages:
        if src_path not in listed and src_path not in GENERATED_PAGES and not left_out.match_file(src_path):
            yield Problem(
                src_path,
                "this page is not in the mkdocs.yml nav, so learners cannot reach it from the menu",
                "list it in the nav under its block's section (`make lesson` does this for a new lesson), "
                "or under not_in_nav in mkdocs.yml if other pages link to it",
                line=1,
            )
