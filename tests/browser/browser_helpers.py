"""Browser helpers: find Chromium, fence each profile off from other hosts, record script errors,
find the built pages, run axe-core."""

from __future__ import annotations

import os
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

from axe_playwright_python.base import AXE_SCRIPT, AxeResults
from bs4 import BeautifulSoup
from playwright.sync_api import Browser, BrowserContext, Locator, Page, expect

CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

# WCAG 2.0, 2.1 and 2.2, levels A and AA (axe-core has no separate wcag22a tag).
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]},
    "resultTypes": ["violations"],
}

# Material's palette: the `scheme` emulated by the browser -> the body's data-md-color-scheme.
MATERIAL_SCHEMES = {"light": "default", "dark": "slate"}

# A diagram, drawn at build time as inline SVG inside its figure (hooks/diagram_hook.py).
DIAGRAM_SVG = "figure.diagram .diagram-drawing > svg"


def system_chromium() -> str | None:
    """The path of a system Chromium, or None to use Playwright's own."""
    explicit = os.environ.get("CHROMIUM_PATH")
    if explicit:
        return explicit
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        path = shutil.which(name)
        if path:
            return path
    return None


@dataclass
class PageProblems:
    """What went wrong while a page was open: requests to other hosts, script and console errors."""

    foreign_requests: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)

    def assert_none(self) -> None:
        assert not self.foreign_requests, f"requests to other hosts: {self.foreign_requests}"
        assert not self.page_errors, f"uncaught script errors: {self.page_errors}"
        assert not self.console_errors, f"console errors: {self.console_errors}"

    def take(self) -> list[str]:
        """Everything recorded so far, as readable lines; the record starts again empty."""
        lines = (
            [f"request to another host: {url}" for url in self.foreign_requests]
            + [f"uncaught script error: {error}" for error in self.page_errors]
            + [f"console error: {message}" for message in self.console_errors]
        )
        self.foreign_requests.clear()
        self.page_errors.clear()
        self.console_errors.clear()
        return lines


# Material takes over links for instant navigation only once it has read sitemap.xml, which it
# fetches after the page has loaded; a click before that is an ordinary page load. Nothing on the
# page says when that is, so each profile notes it: the sitemap's XML is parsed by DOMParser and,
# in the same task, stored by Material (bundle.js: fetchSitemap, setupInstantNavigation).
SITEMAP_WATCH = """
(() => {
    const parse = DOMParser.prototype.parseFromString;
    DOMParser.prototype.parseFromString = function (...args) {
        const parsed = parse.apply(this, args);
        if (parsed.documentElement && parsed.documentElement.localName === "urlset") window.courseSitemapRead = true;
        return parsed;
    };
})();
"""


def open_context(browser: Browser, site_url: str, problems: PageProblems, **options: object) -> BrowserContext:
    """A fresh browser profile that aborts and records every request to another host."""
    context = browser.new_context(**options)
    context.add_init_script(SITEMAP_WATCH)
    own_host = urlparse(site_url).netloc

    def guard(route) -> None:  # type: ignore[no-untyped-def]
        url = route.request.url
        if urlparse(url).scheme in ("http", "https") and urlparse(url).netloc != own_host:
            problems.foreign_requests.append(url)
            route.abort()
        else:
            route.continue_()

    context.route("**/*", guard)
    return context


def watch(page: Page, problems: PageProblems) -> Page:
    page.on("pageerror", lambda error: problems.page_errors.append(str(error)))
    page.on("console", lambda message: problems.console_errors.append(message.text) if message.type == "error" else None)
    return page


def page_source(site_dir: Path, path: str) -> str:
    """The built HTML of the page at `path` (a URL path from the site root, as `built_pages` gives)."""
    file = site_dir / path
    return (file / "index.html" if path == "" or path.endswith("/") else file).read_text()


def built_pages(site_dir: Path) -> list[str]:
    """Every HTML page of the built site as a URL path from the site root: whatever the nav,
    the hooks and the plugins produced, so new pages are tested without listing them here."""
    paths = []
    for html in sorted(site_dir.rglob("*.html")):
        relative = html.relative_to(site_dir).as_posix()
        paths.append(relative.removesuffix("index.html") if html.name == "index.html" else relative)
    return paths


def settle(page: Page) -> None:
    """Wait until no CSS transition or finite animation is running: the colours a learner sees
    once the page is still. Material fades colours in over 125 ms (e.g. a button's background
    after a click or a dialog opening); measured half-way, contrast is neither the old nor the
    new value. Infinite animations (a spinner) never settle and are left out."""
    page.wait_for_function(
        """() => document.getAnimations().every(animation =>
            animation.playState !== "running" || animation.effect?.getTiming().iterations === Infinity)"""
    )


def start_axe(page: Page, scope: str | None = None) -> None:
    """Start axe-core on the page (or inside `scope`, a CSS selector) without waiting for it, so
    pages in several browser profiles are checked at the same time; `axe_report` collects it.
    Colours are read once every transition has settled."""
    settle(page)
    page.evaluate(AXE_SCRIPT)
    # axe does much of its work before its first await: started from a timer, it runs after
    # this call has returned.
    page.evaluate(
        """([scope, options]) => {
            window.courseAxeRun = new Promise(resolve => setTimeout(resolve)).then(
                () => axe.run(scope || document, options)
            ).then(results => ({violations: results.violations}));
        }""",
        [scope, AXE_OPTIONS],
    )


def axe_report(page: Page) -> str:
    """The WCAG 2.2 A/AA violations found by `start_axe`, as a readable report; empty when none."""
    results = AxeResults(page.evaluate("() => window.courseAxeRun"))
    return results.generate_report() if results.violations_count else ""


def expect_scheme(page: Page, scheme: str) -> None:
    """Wait until Material shows `scheme` ("light" or "dark")."""
    page.wait_for_function(
        "scheme => document.body.getAttribute('data-md-color-scheme') === scheme", arg=MATERIAL_SCHEMES[scheme]
    )


@dataclass
class RenderedDiagram:
    width: float
    height: float
    name: str
    description: str
    role: str


def rendered_diagrams(page: Page) -> list[RenderedDiagram]:
    """The diagrams on the page: each one's drawn size and the name and description screen
    readers get for it, read from the browser's own accessibility tree (Chrome DevTools Protocol)."""
    cdp = page.context.new_cdp_session(page)
    try:
        document = cdp.send("DOM.getDocument", {"depth": 0})
        found = cdp.send("DOM.querySelectorAll", {"nodeId": document["root"]["nodeId"], "selector": DIAGRAM_SVG})
        diagrams = []
        for node_id in found["nodeIds"]:
            box = cdp.send("DOM.getBoxModel", {"nodeId": node_id})["model"]
            accessible = cdp.send("Accessibility.getPartialAXTree", {"nodeId": node_id, "fetchRelatives": False})["nodes"][0]
            diagrams.append(
                RenderedDiagram(
                    width=box["width"],
                    height=box["height"],
                    name=accessible.get("name", {}).get("value", ""),
                    description=accessible.get("description", {}).get("value", ""),
                    role=accessible.get("role", {}).get("value", ""),
                )
            )
        return diagrams
    finally:
        cdp.detach()


def at_page(url: str) -> re.Pattern[str]:
    """Matches `url` with or without a #section. Material's navigation.tracking writes the
    section in view into the address a moment after the page scrolls, and Playwright scrolls a
    page to bring what it clicks or checks into view."""
    return re.compile(re.escape(url) + r"(#[^/]*)?$")


def mark_document(page: Page) -> None:
    """Before following a link by instant navigation: wait until Material has read the sitemap
    (a click before that is a page load, as it is for a learner that quick), then leave a marker
    on the current document, which only a full page load removes. Needs a profile from
    `open_context`."""
    page.wait_for_function("() => window.courseSitemapRead === true")
    page.evaluate("window.courseTestMarker = true")


def kept_document(page: Page) -> bool:
    """True when the marker survives: the page changed through instant navigation, not a reload."""
    return page.evaluate("window.courseTestMarker === true")


@dataclass
class DefinedTerm:
    """A term as a lesson defines it: the lesson (URL path from the site root) and the section
    that holds the definition."""

    term: str
    page: str
    section: str
    heading: str


def defined_terms(site_dir: Path, paths: list[str]) -> list[DefinedTerm]:
    """Every `!!! definition` of the built pages at `paths`, in page order."""
    terms = []
    for path in paths:
        soup = BeautifulSoup(page_source(site_dir, path), "html.parser")
        for title in soup.select("article .admonition.definition > .admonition-title"):
            heading = title.find_previous(["h2", "h3"])
            terms.append(DefinedTerm(title.get_text(strip=True), path, heading["id"], heading.get_text(strip=True).removesuffix("¶")))
    return terms


def searchable_term(terms: list[DefinedTerm]) -> DefinedTerm:
    """The defined term a search is surest to find in its own section: one its section's heading
    names, with the most words (the least ambiguous query); the first such in course order."""
    named = [term for term in terms if term.term.lower() in term.heading.lower()] or terms
    assert named, "the course defines no terms"
    return max(named, key=lambda term: len(term.term.split()))


def search_for(page: Page, query: str) -> None:
    """Search the course for `query` in the focused, empty search box, as one question. Material
    asks its worker again on every key released and redraws the results each time; typed letter by
    letter, a test would race the redraws of the partial queries (a "more on this page" box it
    opens, or the result it focuses, is replaced by the next one). Entered at once and then a key
    released, the query is asked once, and the results drawn once."""
    expect(page.locator("[data-md-component=search-query]")).to_be_focused()
    page.keyboard.insert_text(query)
    page.keyboard.press("End")


def search_result_link(results: Locator, page_url: str, section: str) -> Locator:
    """The one link in `results` to `section` of the page at `page_url`, shown. Each link carries
    the words it matched (?h=...) and the section it leads to; Material folds a page's further
    sections into a "N more on this page" box, which is opened when the link is in one."""
    selector = f'a[href^="{page_url}?h="][href$="#{section}"]'
    link = results.locator(selector)
    expect(link).to_have_count(1)
    folded = results.locator("details", has=results.page.locator(selector))
    if folded.count():
        folded.locator("summary").click()
    return link

