"""Links and anchors: every relative link leads to a file of docs/, and every `#anchor` to a
heading or id on its page.

MkDocs checks links too (validation: in mkdocs.yml), but only after rendering every page, and its
warning names neither the line nor what was meant. Here a link is resolved against the files of
docs/ and an anchor against the ids its page will have (course/anchors.py, with the toc
extension's slugify as configured, attribute-list and HTML ids, and the glossary's generated
entries), and the fix names the nearest existing page or anchor.
"""

from __future__ import annotations

import difflib
import html
import posixpath
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from urllib.parse import unquote

from course.errors import Problem
from course.glossary import GLOSSARY_PAGE, glossary_anchors
from course.source import CourseSource, PageSource
from course.text import Prose

# `[text](target "title")` and `![alt](target)`: the target, without <angle brackets>.
_INLINE = re.compile(r"\]\(\s*(?P<target><[^>\n]*>|[^)\s]*)")
_REFERENCE = re.compile(r"^[ ]{0,3}\[[^\]\n]+\]:[ \t]*(?P<target><[^>\n]*>|\S+)", re.MULTILINE)
_OTHER_SITE = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//)", re.IGNORECASE)


@dataclass(frozen=True)
class Link:
    line: int
    target: str  # as written


def page_links(page: PageSource) -> list[Link]:
    """Every Markdown link, image and reference definition of the page, outside code.

    Kept on the page, as its anchors are (course/source.py): the preview keeps an unchanged
    page's PageSource between saves, and this rule reads every page of the course on each."""
    known = page.__dict__.get("_links")
    if known is None:
        known = page.__dict__["_links"] = _read_links(page)
    return known


def _read_links(page: PageSource) -> list[Link]:
    prose = Prose.of(page.body, without_inline_code=True)
    offset = page.front_matter.end_line
    found = [
        Link(prose.line_at(match.start()) + offset, match.group("target").strip("<>"))
        for pattern in (_INLINE, _REFERENCE)
        for match in pattern.finditer(prose.text)
    ]
    return sorted(found, key=lambda link: link.line)


def links_and_anchors(course: CourseSource) -> Iterable[Problem]:
    anchors = _Anchors(course)
    for page in course.pages.values():
        for link in page_links(page):
            yield from _check(course, anchors, page, link)


def _check(course: CourseSource, anchors: _Anchors, page: PageSource, link: Link) -> Iterator[Problem]:
    target = html.unescape(link.target)  # the browser decodes entities in a URL (&#58; is ':')
    if not target or _OTHER_SITE.match(target):
        return  # links to other sites (and script URLs, refused by the safety rules)
    path, _, anchor = target.partition("#")
    path = unquote(path.split("?")[0])
    if not path:
        if anchor and anchor not in anchors.of(page.src_path):
            yield _no_anchor(page, link, anchor, page.src_path, anchors)
        return
    if path.startswith("/"):
        yield Problem(
            page.src_path,
            f"the link '{target}' starts with '/', so it breaks when the site is not at the root of its domain (and offline)",
            f"write it relative to this file{_suggested(course, page, path.lstrip('/'))}",
            line=link.line,
        )
        return
    resolved = posixpath.normpath(posixpath.join(posixpath.dirname(page.src_path), path))
    if resolved.startswith("../") or resolved == "..":
        yield Problem(
            page.src_path,
            f"the link '{target}' leads out of docs/",
            "link to a page of the course with a path relative to this file, or to another site with https://",
            line=link.line,
        )
        return
    if resolved in course.files or resolved in (GLOSSARY_PAGE,):
        if anchor and resolved.endswith(".md") and anchor not in anchors.of(resolved):
            yield _no_anchor(page, link, anchor, resolved, anchors)
        return
    page_file = next((name for name in (f"{resolved}/index.md", f"{resolved}.md") if name in course.files), None)
    if page_file is not None:
        written = posixpath.relpath(page_file, posixpath.dirname(page.src_path) or ".")
        yield Problem(
            page.src_path,
            f"the link '{target}' names a page's address, not its file, so MkDocs cannot check or rewrite it",
            f"link to the file: '{written}" + (f"#{anchor}" if anchor else "") + "'",
            line=link.line,
        )
        return
    yield Problem(
        page.src_path,
        f"the link '{target}' leads to '{resolved}', which is not a file in docs/",
        f"check the path (it is relative to this file){_suggested(course, page, resolved)}",
        line=link.line,
    )


def _suggested(course: CourseSource, page: PageSource, resolved: str) -> str:
    """`: did you mean '...'?` with the nearest existing file, as a link from ``page``."""
    candidates = sorted(path for path in course.files if path.endswith(".md") == resolved.endswith(".md"))
    close = difflib.get_close_matches(resolved, candidates, n=1, cutoff=0.8)
    if not close:
        return ""
    return f"; did you mean '{posixpath.relpath(close[0], posixpath.dirname(page.src_path) or '.')}'?"


def _no_anchor(page: PageSource, link: Link, anchor: str, target: str, anchors: _Anchors) -> Problem:
    known = sorted(anchors.of(target))
    close = difflib.get_close_matches(anchor, known, n=1, cutoff=0.5)
    where = "this page" if target == page.src_path else f"docs/{target}"
    if close:
        fix = f"did you mean '#{close[0]}'? Anchors are the headings' text in lower case, with hyphens for spaces"
    elif known:
        fix = "link to one of its anchors: " + ", ".join(f"#{name}" for name in known[:8]) + (" ..." if len(known) > 8 else "")
    else:
        fix = "link to the page without '#...': it has no headings to point at"
    return Problem(page.src_path, f"the link '{link.target}' points at '#{anchor}', which {where} does not have", fix, line=link.line)


class _Anchors:
    """The ids of each page, computed when a link first needs them."""

    def __init__(self, course: CourseSource) -> None:
        self._course = course
        self._glossary: frozenset[str] | None = None

    def of(self, src_path: str) -> frozenset[str]:
        if src_path == GLOSSARY_PAGE and src_path not in self._course.pages:
            if self._glossary is None:
                terms = [definition.term for page in self._course.pages.values() for definition in page.definitions]
                self._glossary = glossary_anchors(terms, self._course.slugify)
            return self._glossary
        page = self._course.pages.get(src_path)
        return page.anchors(self._course.slugify) if page is not None else frozenset()
