"""What each page of the preview is rendered from, so a save re-renders only the pages it reaches.

Under `make serve` (`properdocs serve --dirty`) every hook notes, per page, the inputs its part of
that page is made from (``PageInputs.note``): the page's own text, the nav entries it shows, the
lessons and blocks of the course model it shows, the glossary entries its text can mention, its
problems, its "Last update" date. hooks/preview_hook.py then re-renders a page only when one of its inputs
differs from the last build that rendered it, and hands every other page its last rendering.

Inputs are plain values compared with ``==`` (frozen dataclasses, tuples, strings), never their
hashes: a page is rendered again exactly when what it shows could have changed. A template that
starts showing something new of another page must have it noted here, or the preview would keep
the old version of that page; tests/build/test_incremental_preview.py compares an incremental
rebuild with a full build for each kind of change, page by page.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

from course.glossary import Entry, Glossary
from course.structure import Course

T = TypeVar("T")

# Every page depends on these: mkdocs.yml, the templates, the hooks, the set of files.
EVERY_PAGE = "*"


@dataclass
class PageInputs:
    """The inputs of each page in the build being made, and in the last build that completed."""

    current: dict[str, dict[str, Any]] = field(default_factory=dict)
    previous: dict[str, dict[str, Any]] = field(default_factory=dict)
    # Whether this process builds incrementally (`properdocs serve --dirty`): only then do the
    # hooks note inputs and keep what they computed in ``memories``.
    active: bool = False
    memories: dict[str, Any] = field(default_factory=dict)

    def memory(self, name: str, factory: Callable[[], T]) -> T:
        """What a hook keeps between the builds of this preview session (a parse cache)."""
        return self.memories.setdefault(name, factory())

    def last_calls(self, name: str) -> dict[str, Any] | None:
        """The ``LastCall``s a hook keeps under ``name`` for course/reuse.py's ``call``; None (compute
        every time) outside the preview."""
        return self.memory(name, dict) if self.active else None

    def start(self, settings: Mapping[str, Any]) -> None:
        """A new build made with these ``settings`` (mkdocs.yml, the templates...), noted for
        every page; nothing else noted yet (the last completed build's inputs stay to compare
        with). When the settings differ from the last build's, what the hooks kept is dropped:
        it was computed with the old ones (a template the glossary page is rendered from).
        """
        self.current = {EVERY_PAGE: dict(settings)}
        before = self.previous.get(EVERY_PAGE, {})
        if any(before.get(name) != value for name, value in settings.items()):
            self.memories.clear()

    def note(self, src_path: str, part: str, value: Any) -> None:
        """``value`` is part of what ``src_path`` (or, for EVERY_PAGE, every page) is rendered from."""
        self.current.setdefault(src_path, {})[part] = value

    def everything_changed(self) -> bool:
        return self.current.get(EVERY_PAGE) != self.previous.get(EVERY_PAGE)

    def changed(self, src_path: str) -> bool:
        """Whether the page must be rendered again: it is new, or one of its own inputs differs
        (the caller asks ``everything_changed`` once per build, not once per page)."""
        before = self.previous.get(src_path)
        return before is None or before != self.current.get(src_path)

    def why(self, src_path: str) -> list[str]:
        """The names of the inputs that changed (for the log)."""
        if self.everything_changed():
            before, now = self.previous.get(EVERY_PAGE, {}), self.current.get(EVERY_PAGE, {})
            return [f"{name} (every page)" for name in sorted(before.keys() | now.keys()) if before.get(name) != now.get(name)]
        before, now = self.previous.get(src_path) or {}, self.current.get(src_path) or {}
        return [name for name in sorted(before.keys() | now.keys()) if before.get(name) != now.get(name)] or ["new"]

    def completed(self) -> None:
        """The build succeeded: its inputs are what the site now shows."""
        self.previous, self.current = self.current, {}

    def forget(self) -> None:
        """Start over: the next build renders every page (another project, or a failed build)."""
        self.current, self.previous = {}, {}
        self.memories.clear()


# The one record of this process: hooks/preview_hook.py drives it, the other hooks note into it.
INPUTS = PageInputs()


def course_view(course: Course, src_path: str, *, homepage: bool) -> tuple[Any, ...]:
    """What a page shows of the course model (overrides/main.html and its partials).

    A lesson shows itself (title, objectives, minutes) and its next step (the next lesson, or
    the next block with its summary, lessons, minutes and objectives); a block overview shows
    its lessons; the home page's outline and the last lesson's "course complete" card show the
    whole course.
    """
    lesson = course.lesson(src_path)
    next_step = course.next_step(lesson) if lesson is not None else None
    view: tuple[Any, ...] = (lesson, next_step, course.block(src_path))
    if homepage or (next_step is not None and next_step.kind == "course-complete"):
        view += (course.blocks,)
    return view


def tooltip_entry(entry: Entry) -> tuple[Any, ...]:
    """What a tooltip shows of a glossary entry, and what decides where the matcher finds it."""
    return (entry.term, entry.slug, entry.short, entry.aliases, entry.everyday_word)


def tooltip_views(glossary: Glossary, found_in_html: Mapping[str, frozenset[str]]) -> dict[str, tuple[Any, ...]]:
    """For each page that gets tooltips: the glossary entries its tooltips could show.

    A tooltip goes on the first use of a term, alias or plural in a lesson (course/glossary.py).
    A page's tooltips can change only when an entry its text uses changes: the entries the
    current glossary finds in the page's Markdown prose (so a new term or alias that the page
    uses counts), and those its last rendering found in its HTML (so a term that is gone counts).
    """
    by_slug = {entry.slug: entry for entry in glossary.entries}
    views = {}
    for src_path in glossary.tooltip_pages:
        slugs = glossary.uses.get(src_path, frozenset()) | found_in_html.get(src_path, frozenset())
        shown = tuple(sorted((slug, tooltip_entry(by_slug[slug]) if slug in by_slug else None) for slug in slugs))
        views[src_path] = (shown, tuple(sorted(glossary.defined_on.get(src_path, ()))))
    return views


def problems_view(problems: Iterable[object]) -> tuple[str, ...]:
    return tuple(str(problem) for problem in problems)
