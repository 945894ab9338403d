"""Browser fixtures: the built site served on 127.0.0.1 and one shared Chromium.

Playwright's own browser download is not reachable everywhere, so the system Chromium
is looked up (Debian's `chromium`, or Chrome) and Playwright's bundled one is the fallback
(`make test` installs it first when there is no system Chromium: tools/ensure_chromium.py).
"""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from browser_helpers import CHROMIUM_FLAGS, PageProblems, built_pages, open_context, system_chromium, watch
from playwright.sync_api import Browser, BrowserContext, Page, Playwright, expect, sync_playwright
from site_helpers import NavBlock, page_url

OUTPUT_DIR = Path(__file__).resolve().parents[2] / "test-output"

# Room for a busy two-core machine building the site next to the browser (default: 5 s).
expect.set_options(timeout=10_000)


class _SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, except that sitemap.xml names the pages at this server's own address.

    Material's instant navigation only takes over links to pages listed in sitemap.xml, matched
    with the port included; the sitemap lists them under the real site_url. `properdocs serve`
    rebuilds with its own address as site_url; this server rewrites the sitemap likewise.
    """

    published_url = ""
    served_url = ""

    def do_GET(self) -> None:
        if self.path != "/sitemap.xml":
            return super().do_GET()
        sitemap = (Path(self.directory) / "sitemap.xml").read_text()
        body = sitemap.replace(self.published_url, self.served_url).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/xml")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib name
        pass


@pytest.fixture(scope="session")
def site_url(built_site: Path, mkdocs_config: dict) -> Iterator[str]:
    """The built site, served like GitHub Pages serves it (static files, at the root)."""
    handler = type("Handler", (_SiteHandler,), {"published_url": mkdocs_config["site_url"]})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(built_site)))
    handler.served_url = f"http://127.0.0.1:{server.server_port}/"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield handler.served_url
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def playwright_instance() -> Iterator[Playwright]:
    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def browser(playwright_instance: Playwright) -> Iterator[Browser]:
    browser = playwright_instance.chromium.launch(executable_path=system_chromium(), args=CHROMIUM_FLAGS)
    yield browser
    browser.close()


@pytest.fixture
def problems() -> PageProblems:
    return PageProblems()


@pytest.fixture
def context(browser: Browser, site_url: str, problems: PageProblems) -> Iterator[BrowserContext]:
    context = open_context(browser, site_url, problems, viewport={"width": 1280, "height": 900})
    yield context
    context.close()


@pytest.fixture
def page(context: BrowserContext, problems: PageProblems) -> Page:
    """A desktop page in a fresh profile; the test fails on any foreign request or script error."""
    return watch(context.new_page(), problems)


@pytest.fixture
def new_page(browser: Browser, site_url: str, problems: PageProblems) -> Iterator[Callable[..., Page]]:
    """Opens pages in further fresh profiles (e.g. `new_page(color_scheme="dark")`), watched like `page`."""
    contexts: list[BrowserContext] = []

    def open_page(**options: object) -> Page:
        options = {"viewport": {"width": 1280, "height": 900}, **options}
        contexts.append(open_context(browser, site_url, problems, **options))
        return watch(contexts[-1].new_page(), problems)

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def mobile_page(browser: Browser, site_url: str, problems: PageProblems) -> Iterator[Page]:
    context = open_context(
        browser, site_url, problems, viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True
    )
    yield watch(context.new_page(), problems)
    context.close()


@pytest.fixture(scope="session")
def site_pages(built_site: Path) -> list[str]:
    """Every page of the built site, as URL paths from the site root."""
    return built_pages(built_site)


@pytest.fixture(scope="session")
def lesson_paths(nav_blocks: list[NavBlock]) -> list[str]:
    """Every lesson in course order (from mkdocs.yml), as URL paths from the site root."""
    return [page_url(lesson) for block in nav_blocks for lesson in block.lessons]


@pytest.fixture(scope="session")
def output_dir() -> Path:
    """Screenshots and other evidence for review (git-ignored)."""
    OUTPUT_DIR.mkdir(exist_ok=True)
    return OUTPUT_DIR
