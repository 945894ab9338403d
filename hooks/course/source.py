"""The course's source as the rules read it: each page parsed once, the course as a whole.

A rule never parses a page itself: it asks a `PageSource` for its lines, front matter, headings,
quizzes or definitions, which are parsed on first use and kept, so twenty rules over a page cost
one parse. Pages are plain values (src_path, text, kind), so a page's results depend on its text
alone and could be cached by its hash; the rules that compare pages read a `CourseSource`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property

from course.anchors import Slugify, configured_slugify, page_anchors
from course.definitions import Definition, read_definitions
from course.errors import CourseError
from course.frontmatter import FrontMatter, read_front_matter
from course.quizzes import PageQuizzes, read_quizzes
from course.reuse import LastCall
from course.reading_time import ReadingTime, reading_time
from course.site import NavEntry, NavSectionEntry, PageKind, SiteConfig
from course.structure import NavPage, NavSection
from course.text import Heading, SourceLine, headings, source_lines


@dataclass(frozen=True)
class PageSource:
    """A Markdown page of docs/: its path (relative to docs/), its text and what the nav makes it."""

    src_path: str
    text: str  # decoded, without a byte order mark
    kind: PageKind = "page"

    @cached_property
    def lines(self) -> list[SourceLine]:
        """Every line of the file (front matter included), fenced code and diagrams marked as code."""
        return source_lines(self.text, diagrams_are_code=True)

    @cached_property
    def lines_with_diagrams(self) -> list[SourceLine]:
        """The lines with only escaped code marked as code: Mermaid diagrams count as text, since
        the browser renders them (what the safety rules read)."""
        return source_lines(self.text)

    @cached_property
    def _front_matter(self) -> FrontMatter | CourseError:
        try:
            return read_front_matter(self.src_path, self.text)
        except CourseError as error:
            return error

    @property
    def front_matter(self) -> FrontMatter:
        """The front matter; empty when there is none or it cannot be read."""
        return self._front_matter if isinstance(self._front_matter, FrontMatter) else FrontMatter()

    @property
    def front_matter_problem(self) -> CourseError | None:
        return self._front_matter if isinstance(self._front_matter, CourseError) else None

    @cached_property
    def body(self) -> list[SourceLine]:
        """The lines after the front matter."""
        return self.lines[self.front_matter.end_line:]

    @cached_property
    def headings(self) -> list[Heading]:
        return headings(self.body)

    @cached_property
    def quizzes(self) -> PageQuizzes:
        return read_quizzes(self.body)

    @cached_property
    def reading_time(self) -> ReadingTime:
        """How long the page takes to read, from the lines and quizzes parsed above: computed once
        per page, for the rules and for every minute figure the site shows."""
        return reading_time(self.body, len(self.quizzes.quizzes))

    @cached_property
    def _definitions(self) -> tuple[list[Definition], list[CourseError]]:
        start = self.front_matter.end_line
        return read_definitions(self.src_path, "\n".join(line.text for line in self.body), start + 1)

    @property
    def definitions(self) -> list[Definition]:
        """The page's well-formed definitions (the others are `definition_problems`)."""
        return self._definitions[0]

    @property
    def definition_problems(self) -> list[CourseError]:
        return self._definitions[1]

    def anchors(self, slugify: Slugify) -> frozenset[str]:
        """Every id a link can point at on this page."""
        cache = self.__dict__.setdefault("_anchors", {})
        if slugify not in cache:
            cache[slugify] = page_anchors(self.body, slugify)
        return cache[slugify]

    def forget_lines(self) -> None:
        """Drop the parsed lines (and the quizzes read from them), keeping what was computed from
        them: front matter, definitions, reading time, anchors, links.

        The preview keeps every page's PageSource between saves for the rules that compare pages,
        which read those. Its lines were most of the objects the preview kept (two per line of
        every page), and Python's garbage collector walks every kept object again and again. A
        rule that asks for the lines later gets them parsed again.
        """
        for name in ("lines", "lines_with_diagrams", "body", "headings", "quizzes"):
            self.__dict__.pop(name, None)

    @property
    def title(self) -> str | None:
        title = self.front_matter.data.get("title")
        return " ".join(title.split()) if isinstance(title, str) and title.strip() else None


@dataclass(frozen=True)
class CourseSource:
    """The whole course: mkdocs.yml, every Markdown page, and the names of every other file in docs/."""

    site: SiteConfig
    pages: Mapping[str, PageSource]  # by src_path, in file order
    files: frozenset[str]  # every file of docs/ (Markdown pages too), relative to docs/
    slugify: Slugify = field(default_factory=configured_slugify)
    lesson_template: str | None = None  # tools/templates/lesson.md, for the scaffold rule
    # The course rules' last results, reused while their inputs are equal (the preview; course/reuse.py).
    kept: dict[str, LastCall] | None = field(default=None, compare=False, repr=False)

    @cached_property
    def nav(self) -> list[NavPage | NavSection]:
        """The nav's pages that exist, with their front matter, as the course model reads them."""
        items: list[NavPage | NavSection] = []
        for item in self.site.items:
            if isinstance(item, NavSectionEntry):
                pages = tuple(self._nav_page(entry) for entry in item.entries if entry.src_path in self.pages)
                nested = tuple(title for title, _ in item.nested_sections)
                items.append(NavSection(item.title, pages, nested, line=item.line))
            elif item.src_path in self.pages:
                items.append(self._nav_page(item))
        return items

    def _nav_page(self, entry: NavEntry) -> NavPage:
        # A missing file is left out: the structure rules report it at its nav line.
        page = self.pages[entry.src_path]
        return NavPage(entry.src_path, "", page.front_matter, page.reading_time.minutes)

    @cached_property
    def pages_in_course_order(self) -> list[PageSource]:
        """The pages the nav lists, in its order (the order the glossary follows), then the others."""
        ordered: dict[str, PageSource] = {}
        for entry in self.site.entries:
            if entry.src_path in self.pages:
                ordered.setdefault(entry.src_path, self.pages[entry.src_path])
        return [*ordered.values(), *(page for path, page in self.pages.items() if path not in ordered)]
