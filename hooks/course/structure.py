"""The course's shape: learning blocks and lessons, in nav order, and what comes next.

The nav in mkdocs.yml is the single source of truth for the order. A top-level nav
section is a learning block; its ``index.md`` is the block overview and every other page
in it is a lesson, in the order listed.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Any, Literal

from course.errors import CourseError
from course.frontmatter import FrontMatter

LESSON_KEYS = ("title", "description", "objectives")
BLOCK_KEYS = ("title", "description", "summary")


@dataclass(frozen=True)
class NavPage:
    """A page as the nav lists it, with its front matter."""

    src_path: str
    url: str
    front_matter: FrontMatter = field(default_factory=FrontMatter)
    reading_minutes: int | None = None  # computed from the page's text (course/reading_time.py)


@dataclass(frozen=True)
class NavSection:
    """A nav section: its title, its pages, and the titles of any sections nested in it."""

    title: str
    pages: tuple[NavPage, ...]
    nested_sections: tuple[str, ...] = ()
    line: int | None = None  # of the section in mkdocs.yml


@dataclass(frozen=True)
class Lesson:
    src_path: str
    url: str
    title: str
    description: str
    objectives: tuple[str, ...]
    duration: int  # minutes, computed from the lesson's text: every minute figure of the site
    next_src_path: str | None = None  # an explicit successor from the `next:` key


@dataclass(frozen=True)
class LearningBlock:
    src_path: str  # the block overview page, <block folder>/index.md
    url: str
    title: str
    description: str
    summary: str
    lessons: tuple[Lesson, ...]

    @property
    def folder(self) -> str:
        return posixpath.dirname(self.src_path)

    @property
    def duration(self) -> int:
        """Total minutes of the block's lessons."""
        return sum(lesson.duration for lesson in self.lessons)

    @property
    def objectives(self) -> tuple[str, ...]:
        """Every lesson objective of the block, in lesson order."""
        return tuple(objective for lesson in self.lessons for objective in lesson.objectives)


@dataclass(frozen=True)
class NextStep:
    """What a learner meets after a lesson: another lesson, a new block, or the end."""

    kind: Literal["lesson", "block", "course-complete"]
    lesson: Lesson | None = None
    block: LearningBlock | None = None


@dataclass(frozen=True)
class Course:
    blocks: tuple[LearningBlock, ...]

    # Lookups by path are dictionaries built once per course: templates and hooks ask for every
    # page, and scanning all lessons each time made large courses build in quadratic time.
    @cached_property
    def lessons(self) -> tuple[Lesson, ...]:
        return tuple(lesson for block in self.blocks for lesson in block.lessons)

    @cached_property
    def _lessons_by_path(self) -> dict[str, Lesson]:
        return {lesson.src_path: lesson for lesson in self.lessons}

    @cached_property
    def _blocks_by_path(self) -> dict[str, LearningBlock]:
        return {block.src_path: block for block in self.blocks}

    @cached_property
    def _block_positions(self) -> dict[str, int]:
        """Position of each block, keyed by its overview page and by each of its lessons."""
        positions = {}
        for position, block in enumerate(self.blocks):
            positions[block.src_path] = position
            positions.update((lesson.src_path, position) for lesson in block.lessons)
        return positions

    @property
    def duration(self) -> int:
        return sum(block.duration for block in self.blocks)

    def lesson(self, src_path: str) -> Lesson | None:
        return self._lessons_by_path.get(src_path)

    def block(self, src_path: str) -> LearningBlock | None:
        """The block whose overview page is ``src_path``."""
        return self._blocks_by_path.get(src_path)

    def block_of(self, lesson: Lesson) -> LearningBlock:
        return self.blocks[self._block_positions[lesson.src_path]]

    def next_step(self, lesson: Lesson) -> NextStep:
        """The successor of ``lesson``: its `next:` target, the next lesson, the next block, or the end."""
        if lesson.next_src_path is not None:
            target_lesson = self.lesson(lesson.next_src_path)
            if target_lesson is not None:
                return NextStep("lesson", lesson=target_lesson)
            return NextStep("block", block=self.block(lesson.next_src_path))
        block = self.block_of(lesson)
        position = block.lessons.index(lesson)
        if position + 1 < len(block.lessons):
            return NextStep("lesson", lesson=block.lessons[position + 1])
        block_position = self._block_positions[block.src_path]
        if block_position + 1 < len(self.blocks):
            return NextStep("block", block=self.blocks[block_position + 1])
        return NextStep("course-complete")


def format_minutes(minutes: int) -> str:
    """How a duration reads: 12 -> '12 min', 75 -> '1 h 15 min'."""
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{rest} min"
    return f"{hours} h" + (f" {rest} min" if rest else "")


def build_course(nav: list[NavPage | NavSection]) -> Course:
    """Turn the nav into a validated Course; raise CourseError on the first mistake."""
    course, problems = assemble_course(nav)
    if problems:
        raise problems[0]
    return course


def assemble_course(nav: list[NavPage | NavSection]) -> tuple[Course, list[CourseError]]:
    """The course the nav describes, and every mistake in its structure and front matter.

    A lesson or block with a mistake is left out of the course (and its mistake listed), so
    the preview (`properdocs serve`) can still render every page while it shows the problems.
    """
    problems: list[CourseError] = []
    blocks: list[LearningBlock] = []
    for item in nav:
        if isinstance(item, NavPage):
            problems += _stray_lesson_problems(item)
        else:
            block = _block_from_section(item, problems)
            if block is not None:
                blocks.append(block)
    course = Course(blocks=tuple(blocks))
    problems += _next_key_problems(course, nav)
    # A `next:` that leads nowhere in this course (a mistake, or a lesson left out for one) is dropped.
    unresolved = {lesson.src_path for lesson in course.lessons if _leads_nowhere(course, lesson)}
    if unresolved:
        course = Course(blocks=tuple(
            replace(block, lessons=tuple(
                replace(lesson, next_src_path=None) if lesson.src_path in unresolved else lesson for lesson in block.lessons
            ))
            for block in course.blocks
        ))
    return course, problems


def _leads_nowhere(course: Course, lesson: Lesson) -> bool:
    target = lesson.next_src_path
    return target is not None and (target == lesson.src_path or (course.lesson(target) is None and course.block(target) is None))


def _stray_lesson_problems(page: NavPage) -> list[CourseError]:
    declared = [key for key in ("objectives", "duration") if key in page.front_matter.data]
    if not declared:
        return []
    return [CourseError(
        page.src_path,
        f"this page declares {' and '.join(declared)} like a lesson, but mkdocs.yml lists it outside any learning block",
        "move it into a block folder and list it under that block's section in the mkdocs.yml nav",
        line=page.front_matter.line_of(declared[0]),
    )]


def _block_from_section(section: NavSection, problems: list[CourseError]) -> LearningBlock | None:
    if section.nested_sections:
        problems.append(CourseError(
            "mkdocs.yml",
            f"the learning block '{section.title}' contains a nested section '{section.nested_sections[0]}'",
            "list the block's lessons directly under the block's section",
            line=section.line,
        ))
    index = next((page for page in section.pages if posixpath.basename(page.src_path) == "index.md"), None)
    if index is None:
        problems.append(CourseError(
            "mkdocs.yml",
            f"the learning block '{section.title}' has no overview page",
            "add <block folder>/index.md as the first entry of the section",
            line=section.line,
        ))
        return None
    block_problems = block_front_matter_problems(index)
    title = index.front_matter.data.get("title")
    if isinstance(title, str) and title.strip() and " ".join(title.split()) != section.title:
        block_problems.append(CourseError(
            index.src_path,
            f"title '{' '.join(title.split())}' differs from the block's nav section '{section.title}' in mkdocs.yml",
            "use the same title in both places",
            line=index.front_matter.line_of("title"),
        ))
    lessons = []
    for page in section.pages:
        if page is not index:
            lesson = _lesson_from_page(page, index, problems)
            if lesson is not None:
                lessons.append(lesson)
    if len(section.pages) == 1:
        problems.append(CourseError(
            "mkdocs.yml",
            f"the learning block '{section.title}' has no lessons",
            "list at least one lesson under the block's section",
            line=section.line,
        ))
    problems += block_problems
    if block_problems or not lessons:
        return None
    return LearningBlock(
        src_path=index.src_path,
        url=index.url,
        title=_required_text(index, "title"),
        description=_required_text(index, "description"),
        summary=_required_text(index, "summary"),
        lessons=tuple(lessons),
    )


def _lesson_from_page(page: NavPage, index: NavPage, problems: list[CourseError]) -> Lesson | None:
    folder = posixpath.dirname(index.src_path)
    if posixpath.dirname(page.src_path) != folder:
        problems.append(CourseError(
            page.src_path,
            f"this lesson is listed in the block '{folder}' but lives outside that block's folder",
            f"move the file into docs/{folder}/",
        ))
        return None
    if not page.front_matter.data:
        problems.append(CourseError(
            page.src_path,
            "this lesson has no front matter",
            f"start the file with '---', the keys {', '.join(LESSON_KEYS)}, and a closing '---'",
            line=1,
        ))
        return None
    found = lesson_front_matter_problems(page)
    if found:
        problems += found
        return None
    return Lesson(
        src_path=page.src_path,
        url=page.url,
        title=_required_text(page, "title"),
        description=_required_text(page, "description"),
        objectives=_objectives(page),
        duration=_duration(page),
        next_src_path=_next_key(page),
    )


def _required_text(page: NavPage, key: str) -> str:
    value: Any = page.front_matter.data.get(key)
    if not isinstance(value, str) or not value.strip():
        found = "is missing" if value is None else f"must be text, not {value!r}"
        raise CourseError(
            page.src_path,
            f"front matter '{key}' {found}",
            f"add '{key}: ...' with a non-empty text to the front matter",
            line=page.front_matter.line_of(key) or 1,
        )
    return " ".join(value.split())


def _objectives(page: NavPage) -> tuple[str, ...]:
    value: Any = page.front_matter.data.get("objectives")
    line = page.front_matter.line_of("objectives") or 1
    if not isinstance(value, list) or not value:
        found = "is missing" if value is None else "is empty or not a list"
        raise CourseError(
            page.src_path,
            f"front matter 'objectives' {found}",
            "list what the learner will be able to do, one '- ...' item per line under 'objectives:'",
            line=line,
        )
    if not all(isinstance(item, str) and item.strip() for item in value):
        raise CourseError(
            page.src_path,
            "front matter 'objectives' holds an empty or non-text item",
            "write each objective as a sentence on its own '- ...' line",
            line=line,
        )
    return tuple(" ".join(item.split()) for item in value)


def _duration(page: NavPage) -> int:
    """The lesson's minutes: its reading time, computed from its text. A declared `duration` is
    optional; when there is one it must be a number (the rules compare it with the reading time)."""
    value: Any = page.front_matter.data.get("duration")
    if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value <= 0):
        raise CourseError(
            page.src_path,
            f"front matter 'duration' is {value!r}, but must be a positive whole number of minutes",
            "write e.g. 'duration: 12', or remove the line: the build computes the reading time from the text",
            line=page.front_matter.line_of("duration") or 1,
        )
    if page.reading_minutes is not None:
        return page.reading_minutes
    if value is None:  # a page given without its text: nothing to compute the minutes from
        raise CourseError(
            page.src_path,
            "the lesson's reading time is unknown",
            "build the course from the pages' text (course.source.CourseSource), or declare 'duration: N'",
            line=1,
        )
    return value


def _next_key(page: NavPage) -> str | None:
    value: Any = page.front_matter.data.get("next")
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise CourseError(
            page.src_path,
            f"front matter 'next' must name a page, not {value!r}",
            "give the path of the next lesson relative to this file, e.g. 'next: 03-project-phases.md'",
            line=page.front_matter.line_of("next"),
        )
    return posixpath.normpath(posixpath.join(posixpath.dirname(page.src_path), value.strip()))


def _next_key_problems(course: Course, nav: list[NavPage | NavSection]) -> list[CourseError]:
    # Checked against the nav rather than the course, so a target left out of the course for a
    # mistake of its own is not reported here too.
    listed = {page.src_path for item in nav if isinstance(item, NavSection) for page in item.pages}
    problems = []
    for lesson in course.lessons:
        target = lesson.next_src_path
        if target is None:
            continue
        if target == lesson.src_path or target not in listed:
            line = _front_matter_of(nav, lesson.src_path).line_of("next")
            problem = "names the lesson itself" if target == lesson.src_path else f"names no lesson or block overview ('docs/{target}')"
            problems.append(CourseError(
                lesson.src_path,
                f"front matter 'next' {problem}",
                "give the path of another lesson or block overview relative to this file, or remove 'next'",
                line=line,
            ))
    return problems


def _front_matter_of(nav: list[NavPage | NavSection], src_path: str) -> FrontMatter:
    pages = [page for item in nav for page in (item.pages if isinstance(item, NavSection) else (item,))]
    return next(page.front_matter for page in pages if page.src_path == src_path)


def lesson_front_matter_problems(page: NavPage) -> list[CourseError]:
    """Every front matter mistake of a lesson, not only the first (the build stops at one; the lint lists all)."""
    checks = (
        lambda: _required_text(page, "title"),
        lambda: _required_text(page, "description"),
        lambda: _objectives(page),
        lambda: _duration(page),
        lambda: _next_key(page),
    )
    return _problems(checks)


def block_front_matter_problems(page: NavPage) -> list[CourseError]:
    """Every front matter mistake of a block overview page."""
    return _problems([lambda key=key: _required_text(page, key) for key in BLOCK_KEYS])


def _problems(checks: Iterable[Callable[[], object]]) -> list[CourseError]:
    problems = []
    for check in checks:
        try:
            check()
        except CourseError as error:
            problems.append(error)
    return problems
