"""MkDocs events for the whole-course print view (mkdocs-print-site-plugin, the last plugin).

The plugin joins the pages' Markdown HTML, so the parts the site's templates put around it
(the title, the lesson objectives, the block summary) would be missing, and each quiz page
would bring its own copy of mkdocs-quiz's code. Here each page's share of the print view is
rendered from a Jinja partial instead, from the same context the page itself gets.
"""

from __future__ import annotations

from typing import Any

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url
from mkdocs_print_site_plugin import renderer as print_view_renderer
from mkdocs_print_site_plugin.plugin import PrintSitePlugin
from mkdocs_print_site_plugin.urls import fix_internal_links, get_page_key

from course.preview import INPUTS
from course.printing import printable

_env: Environment | None = None
# The stylesheets and script the plugin adds to every page; only its own page uses them.
_print_view_css: list[str] = []
_print_view_js: list[str] = []


@event_priority(-50)  # after the plugin (priority 0) has added its assets to the config
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    # mkdocs-print-site-plugin lists its CSS and JS in extra_css / extra_javascript, so every
    # page of the site would load them (3 requests, about 2 KB gzipped) for a view one page
    # shows. They are taken out here and put back on the print page by on_post_build and
    # overrides/main.html.
    _print_view_css[:] = [path for path in config.extra_css if _from_plugin(str(path))]
    _print_view_js[:] = [str(script) for script in config.extra_javascript if _from_plugin(str(script))]
    config.extra_css = [path for path in config.extra_css if not _from_plugin(str(path))]
    config.extra_javascript = [script for script in config.extra_javascript if not _from_plugin(str(script))]
    if INPUTS.active:
        # The plugin rewrites the links of every page's share on every build, most of a preview
        # rebuild's time at a thousand lessons; a save changes few pages' shares, so each page's
        # rewrite is kept by its HTML (the function is pure: HTML, URL and numbering in, HTML out).
        print_view_renderer.fix_internal_links = _kept_fix_internal_links  # type: ignore[attr-defined]
    return config


_fixed_links: dict[str, tuple[tuple[str, bool, str], str]] = {}  # page URL -> (arguments, result)


def _kept_fix_internal_links(page_html: str, page_url: str, directory_urls: bool, heading_number: str) -> str:
    arguments = (page_html, directory_urls, heading_number)
    known = _fixed_links.get(page_url)
    if known is None or known[0] != arguments:
        known = (arguments, fix_internal_links(page_html, page_url, directory_urls, heading_number))
        _fixed_links[page_url] = known
    return known[1]


def _from_plugin(path: str) -> bool:
    return path.startswith(("css/print-site", "js/print-site"))


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    global _env
    _env = env
    return env


# Marks a page whose share of the print view on_page_context renders (the plugin's own copy is not used).
IN_PRINT_VIEW = ""


@event_priority(-60)  # after the plugin (priority 0) has kept the page's HTML
def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    # The plugin keeps each page's HTML as mkdocs-quiz left it, with the quiz's whole stylesheet
    # and script inlined (about 45 KB a page), until on_page_context below replaces it: at a
    # thousand lessons that was 130 MB held at once, half the build's memory. Only the fact that
    # the plugin kept a copy is used, so the copy goes now.
    if getattr(page, "html", None) is not None:
        page.html = IN_PRINT_VIEW
    return html


def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation) -> dict[str, Any]:
    # The plugin keeps each page's HTML in `page.html` and joins them only in on_post_build,
    # after every page's context event; hooks/course_hook.py has put `lesson` and `block` in
    # the context by now (it is registered first).
    # The plugin keeps its copy before the hooks that run after it (hooks/quiz_hook.py names each
    # question's objectives there), so the print view takes the page's finished content instead.
    if getattr(page, "html", None) is None:
        return context
    assert _env is not None  # on_env always runs before the pages are rendered
    html = _env.get_template("partials/print-page.html").render({**context, "content": page.content})
    page.html = printable(html, id_prefix=get_page_key(page.url) + "-")
    return context


@event_priority(-50)  # once the page is written
def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    # Nothing reads a page's content once the page is written but the print view, which has its
    # own copy (page.html, above); MkDocs would keep it to the end of the build, through the print
    # view's assembly, the build's peak of memory (14 MB at a thousand lessons). Emptied, not
    # removed: Page.title tells a rendered page by its content being set.
    page.content = ""
    return output


@event_priority(50)  # before the plugin (priority 0) renders its page in its own on_post_build
def on_post_build(config: MkDocsConfig) -> None:
    # The plugin renders its page with the 404 page's template context, whose base URL is the
    # site's absolute path. Material resolves its search index and stored settings against it,
    # which fails in the offline copy opened from the file system; the print page's own
    # relative base works everywhere.
    for plugin in config.plugins.values():
        if isinstance(plugin, PrintSitePlugin) and plugin.config.get("enabled") and plugin.context:
            plugin.context["base_url"] = get_relative_url(".", plugin.print_page.url)
            plugin.context["print_view_css"] = list(_print_view_css)
            plugin.context["print_view_js"] = list(_print_view_js)

