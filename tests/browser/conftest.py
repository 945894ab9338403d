"""Browser fixtures: the built site served on 127.0.0.1 and one shared Chromium.

Playwright's own browser download is not reachable everywhere, so the system Chromium
is looked up (Debian's `chromium`, or Chrome) and Playwright's bundled one is the fallback
(`playwright install chromium` on GitHub Actions).
"""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser_helpers import CHROMIUM_FLAGS, PageProblems, open_context, system_chromium, watch
from playwright.sync_api import Browser, BrowserContext, Page, Playwright, sync_playwright

OUTPUT_DIR = Path(__file__).resolve().parents[2] / "test-output"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib name
        pass


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    """The built site, served like GitHub Pages serves it (static files, at the root)."""
    handler = functools.partial(_QuietHandler, directory=str(built_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/"
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
def mobile_page(browser: Browser, site_url: str, problems: PageProblems) -> Iterator[Page]:
    context = open_context(
        browser, site_url, problems, viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True
    )
    yield watch(context.new_page(), problems)
    context.close()


@pytest.fixture(scope="session")
def output_dir() -> Path:
    """Screenshots and other evidence for review (git-ignored)."""
    OUTPUT_DIR.mkdir(exist_ok=True)
    return OUTPUT_DIR
