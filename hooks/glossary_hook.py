"""MkDocs events for the glossary: the generated glossary page and the term tooltips in lessons.

Thin on purpose: course/glossary.py collects the definitions once per build and places the
tooltips (the course rules, run by hooks/course_hook.py, check the definitions); the page is
rendered from overrides/partials/glossary.md and each tooltip from overrides/partials/glossary-term.html.
"""

from __future__ import annotations

import re
from typing import Any

from jinja2 import Template
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from course.anchors import configured_slugify
from course.glossary import GLOSSARY_PAGE, Entry, Glossary, GlossaryMemory, SourcePage, add_tooltips, collect_glossary
from course.preview import INPUTS, tooltip_views
from course.reuse import call

# Material's search multiplies the glossary's scores by this, so a term's entry comes before the
# lessons that mention it.
SEARCH_BOOST = 5

# Rebuilt for every build, so `properdocs serve` picks up edits.
_glossary: Glossary | None = None
_glossary_file: File | None = None
_term_template: Template | None = None
# The terms each page's HTML held at its last rendering (src_path -> slugs), for the incremental preview.
_found_in_html: dict[str, frozenset[str]] = {}


def on_files(files: Files, config: MkDocsConfig) -> Files:
    global _glossary_file
    # A docs/glossary.md of its own is a mistake the course rules report (the build stops there);
    # the preview serves the generated page in its place.
    existing = files.get_file_from_path(GLOSSARY_PAGE)
    if existing is not None:
        files.remove(existing)
    # The content is rendered in on_nav, once the nav gives the course order.
    _glossary_file = File.generated(config, GLOSSARY_PAGE, content="")
    files.append(_glossary_file)
    return files


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    global _glossary, _term_template
    assert _glossary_file is not None  # on_files always runs first
    pages = [_source_page(page, course_page) for page, course_page in _pages_in_order(nav.items)]
    # hooks/course_hook.py has run the course rules on these pages (a term defined twice, a name
    # given to two terms); the glossary is collected once, here, from the text it decoded.
    # The preview keeps what the glossary read from each page: a save reads the saved page again.
    memory = INPUTS.memory("glossary", GlossaryMemory) if INPUTS.active else None
    _glossary = collect_glossary(pages, configured_slugify(config.mdx_configs.get("toc")), memory)
    if INPUTS.active:
        # The entries each lesson's text could get a tooltip for (the incremental preview).
        for src_path, view in tooltip_views(_glossary, _found_in_html).items():
            INPUTS.note(src_path, "glossary", view)
    env = config.theme.get_env()
    page_template = env.get_template("partials/glossary.md")
    # The preview renders the page's Markdown again only when the glossary changed (course/reuse.py;
    # a changed template starts the preview's memory afresh, hooks/preview_hook.py). The template
    # reads the glossary alone: anything else it comes to read must join the glossary as an argument.
    _glossary_file.content_string = call(
        INPUTS.last_calls("glossary page"),
        "markdown",
        lambda glossary: page_template.render(glossary=glossary, search_boost=SEARCH_BOOST),
        _glossary,
    )
    _term_template = env.get_template("partials/glossary-term.html")
    return nav


@event_priority(50)  # before mkdocs-quiz (priority 0) puts its quizzes in, so they never get tooltips
def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    assert _glossary is not None and _glossary_file is not None and _term_template is not None
    glossary_url = _glossary_file.url_relative_to(page.file)
    template = _term_template

    def render(entry: Entry, text: str) -> str:
        return template.render(entry=entry, text=text, href=f"{glossary_url}#{entry.slug}")

    seen: set[str] = set()
    html = add_tooltips(html, _glossary, page.file.src_uri, render, seen)
    _found_in_html[page.file.src_uri] = frozenset(seen)
    return permalinks_without_tooltips(html)


# The ¶ link the toc extension puts after each heading, with its fixed title.
_PERMALINK = re.compile(r'(<a class="headerlink" href="#[^"]*") title="Permanent link">')


def permalinks_without_tooltips(html: str) -> str:
    """Each heading's ¶ link without its title, and out of the keyboard's and screen readers' way.

    `content.tooltips` is on for the glossary terms, and Material then builds a tooltip for
    every element with a title, each reading the layout as the page starts: on the glossary
    (one heading per term) that was over half a second of a phone's main thread.
    The link sits inside its heading, so any name it has ends the heading's name ("Vision and
    strategy Permanent link"), and it was a Tab stop per heading before the lesson's quiz. It
    is there to copy a section's address with the mouse; the table of contents links to the
    same addresses for everyone, so the ¶ is hidden from screen readers and the Tab order.
    """
    return _PERMALINK.sub(r'\1 aria-hidden="true" tabindex="-1">', html)


def _pages_in_order(items: list[Any], in_block: bool = False) -> list[tuple[Page, bool]]:
    """Every page of the nav in order, and whether it belongs to a learning block (a top-level section)."""
    pages: list[tuple[Page, bool]] = []
    for item in items:
        if isinstance(item, Section):
            pages += _pages_in_order(item.children, in_block=True)
        elif isinstance(item, Page) and item.file is not _glossary_file:
            pages.append((item, in_block))
    return pages


def _source_page(page: Page, course_page: bool) -> SourcePage:
    return SourcePage(page.file.src_uri, page.file.content_string, course_page, nav_title=page.title)
