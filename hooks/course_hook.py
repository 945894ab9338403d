"""MkDocs events that check the course with its rules, and give templates the course and the next step.

Thin on purpose: `course.check.check_course` runs every course rule (the same call `make lint`
makes); this hook hands it mkdocs.yml and the bytes of every file of docs/, and decides what a
problem means:

- `properdocs build` (and CI): every problem is printed as `docs/<file>:<line>: <problem> — <fix>`,
  then the build fails, before any page is rendered;
- `properdocs serve` (`make serve`): the problems are printed and each page shows its own in a
  panel at its top (overrides/partials/course-problems.html); the preview keeps serving, and the
  panel goes when the file is fixed.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.utils import CountHandler

from course import Course, FrontMatter, NavPage, NavSection, Problem, format_minutes
from course.anchors import configured_slugify
from course.check import CheckMemory, CourseCheck, check_course
from course.preview import EVERY_PAGE, INPUTS, course_view, problems_view
from course.reuse import call
from course.structure import assemble_course
from course.site import config_chain

log = get_plugin_logger("course")

# The scaffold `make lesson` copies: the rules report its guidance text left in a lesson.
LESSON_TEMPLATE = Path("tools/templates/lesson.md")

_serving = False
# Rebuilt for every build, so `properdocs serve` picks up edits. Only what the later events need is
# kept of the check (each page's front matter and reading time, the problems by file): its parse of every line of
# every page would stay in memory for the whole build.
_nav_sources: dict[str, tuple[FrontMatter, int]] = {}  # src_path -> (front matter, reading minutes)
_problems: dict[str, tuple[Problem, ...]] = {}
_course: Course | None = None


def on_startup(command: str, dirty: bool) -> None:
    global _serving
    _serving = command == "serve"


@event_priority(100)  # first, so no other on_config warns before strict mode is lifted
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    if _serving:
        # MkDocs counts warnings for strict mode (mkdocs.yml) with a handler on its logger and, in
        # `serve`, stops rebuilding after a failed build ("the server will appear stuck"). The
        # preview must keep serving a page with a mistake and show the mistake, so the count is
        # dropped here; `properdocs build` keeps it, and there the course rules fail the build.
        logger = logging.getLogger("properdocs")
        for handler in [handler for handler in logger.handlers if isinstance(handler, CountHandler)]:
            logger.removeHandler(handler)
    return config


@event_priority(100)  # before any plugin, and before MkDocs decodes a page
def on_files(files: Files, config: MkDocsConfig) -> Files:
    global _problems
    project = Path(config.config_file_path).parent
    docs_dir = os.path.normpath(config.docs_dir)
    docs = [file for file in files if file.src_dir is not None and os.path.normpath(file.src_dir) == docs_dir]
    pages = {file.src_uri: _read_bytes(file.abs_src_path) for file in docs if file.is_documentation_page()}
    template = project / LESSON_TEMPLATE
    # mkdocs.yml and what it inherits (MkDocs' INHERIT), as the course reads its nav and not_in_nav.
    mkdocs_yml, *inherited = (text.decode("utf-8") for text in config_chain(Path(config.config_file_path)))
    check = check_course(
        mkdocs_yml,
        pages,
        [file.src_uri for file in docs if not file.is_documentation_page()],
        slugify=configured_slugify(config.mdx_configs.get("toc")),
        lesson_template=template.read_text(encoding="utf-8") if template.is_file() else None,
        inherited_configs=inherited,
        # The preview keeps each page's parse and page-rule results: a save checks that page again.
        memory=INPUTS.memory("check", CheckMemory) if INPUTS.active else None,
    )
    # MkDocs would read each page again, as strict UTF-8; handing it the text decoded above saves
    # that read and lets the preview show a page saved in another encoding (from its best guess).
    # Setting the content unsets the file's source path, which MkDocs still reads (the preview
    # compares its modification time), so it is put back.
    for file in docs:
        text = check.text_of(file.src_uri)
        if text is not None:
            source = file.abs_src_path
            file.content_string = text
            file.abs_src_path = source
    _nav_sources.clear()
    _nav_sources.update(
        (src_path, (page.front_matter, page.reading_time.minutes)) for src_path, page in check.source.pages.items()
    )
    _problems = check.by_file
    if check.problems:
        _report(check)
    return files


def _read_bytes(path: str) -> bytes:
    # Not Path(path).read_bytes(): a third slower, and every build reads every page (1,100 at a thousand lessons).
    with open(path, "rb") as file:
        return file.read()


def _report(check: CourseCheck) -> None:
    files = len(check.by_file)
    summary = f"{len(check.problems)} problem(s) in {files} file(s); the rules are explained in docs/contribute.md"
    for problem in check.problems:
        (log.warning if _serving else log.error)(str(problem))
    if not _serving:
        raise PluginError(summary)
    log.warning(f"{summary}. The preview shows each page's problems at its top until they are fixed.")


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    global _course
    items = [_nav_item(item) for item in nav.items if isinstance(item, (Page, Section))]
    # The rules have reported every mistake; a lesson or block with one is left out of the course
    # (only `serve` gets this far with mistakes), so every other page still renders.
    # The preview assembles it again only when a page's entry in it changed (course/reuse.py).
    _course, _ = call(INPUTS.last_calls("course"), "course", assemble_course, items)
    if INPUTS.active:
        # What each page shows of the course and of the problems (the incremental preview).
        homepage = nav.homepage.file.src_uri if nav.homepage is not None else None
        INPUTS.note(EVERY_PAGE, "problems", problems_view(_problems.get("mkdocs.yml", ())))
        for file in files.documentation_pages():
            INPUTS.note(file.src_uri, "course", course_view(_course, file.src_uri, homepage=file.src_uri == homepage))
            INPUTS.note(file.src_uri, "problems", problems_view(_problems.get(file.src_uri, ())))
    return nav


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
    # Only `serve` builds pages with problems: the panel shows this page's own, and those of
    # mkdocs.yml on every page.
    context["course_problems"] = [*_problems.get("mkdocs.yml", ()), *_problems.get(page.file.src_uri, ())]
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
    # The front matter the rules parsed and the reading time computed from the same lines: read once per build.
    source = _nav_sources.get(page.file.src_uri)
    if source is None:
        return NavPage(page.file.src_uri, page.url)
    return NavPage(page.file.src_uri, page.url, *source)

