"""MkDocs events that put every table of a page inside a focusable, named scroll region.

Thin on purpose: course/scroll_regions.py finds the tables and names them; the region's markup
is the theme's partials/scroll-region.html, which diagrams wider than the column can reuse.
"""

from __future__ import annotations

from jinja2 import Template
from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from course.scroll_regions import wrap_tables

_region_template: Template | None = None


def on_files(files: Files, config: MkDocsConfig) -> Files:
    global _region_template
    # Pages get their content before on_env, so the template comes from the theme here.
    _region_template = config.theme.get_env().get_template("partials/scroll-region.html")
    return files


@event_priority(10)  # before mkdocs-print-site-plugin (priority 0) keeps each page's HTML for the print view
def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    template = _region_template
    assert template is not None  # on_files runs before any page is read
    return wrap_tables(html, lambda name, content: template.render(name=name, content=Markup(content)))
