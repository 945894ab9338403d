"""MkDocs events for the course structure and the "next learning block" card.

Thin on purpose: each event translates MkDocs objects for the plain-Python logic in
``course/`` and hands the result to the Jinja partials in ``overrides/``.
"""

from __future__ import annotations

from typing import Any

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from course import (
    Course,
    CourseError,
    FrontMatter,
    NavPage,
    NavSection,
    build_course,
    format_minutes,
    read_front_matter,
)
from course.definitions import find_definitions

# Rebuilt in on_nav for every build, so `properdocs serve` picks up edits.
_course: Course | None = None
# Front matter of the nav's pages, parsed once in on_nav and reused by on_page_markdown.
_front_matter: dict[str, FrontMatter] = {}


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    global _course
    _front_matter.clear()
    items = [_nav_item(item) for item in nav.items if isinstance(item, (Page, Section))]
    _course = _checked(build_course, items)
    return nav


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    # Definitions are validated on every page (a missing title must fail the build);
    # the glossary hook is what collects them.
    front_matter = _front_matter.get(page.file.src_uri) or _checked(
        read_front_matter, page.file.src_uri, page.file.content_string
    )
    _checked(find_definitions, page.file.src_uri, markdown, front_matter.end_line + 1)
    return markdown


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    env.filters["minutes"] = format_minutes
    return env


def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation) -> dict[str, Any]:
    assert _course is not None  # on_nav always runs first
    lesson = _course.lesson(page.file.src_uri)
    context["course"] = _course
    context["lesson"] = lesson
    context["next_step"] = _course.next_step(lesson) if lesson else None
    context["block"] = _course.block(page.file.src_uri)
    return context


def _nav_item(item: Page | Section) -> NavPage | NavSection:
    if isinstance(item, Page):
        return _nav_page(item)
    return NavSection(
        title=item.title,
        pages=tuple(_nav_page(child) for child in item.children if isinstance(child, Page)),
        nested_sections=tuple(child.title for child in item.children if isinstance(child, Section)),
    )


def _nav_page(page: Page) -> NavPage:
    src_path = page.file.src_uri
    front_matter = _front_matter[src_path] = _checked(read_front_matter, src_path, page.file.content_string)
    return NavPage(src_path, page.url, front_matter)


def _checked(function: Any, *args: Any) -> Any:
    """Run course logic; turn a contributor's mistake into a build error without a traceback."""
    try:
        return function(*args)
    except CourseError as error:
        raise PluginError(str(error)) from None
