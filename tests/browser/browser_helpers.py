"""Browser helpers: find Chromium, fence each profile off from other hosts, record script errors."""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from urllib.parse import urlparse

from playwright.sync_api import Browser, BrowserContext, Page

CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


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


def open_context(browser: Browser, site_url: str, problems: PageProblems, **options: object) -> BrowserContext:
    """A fresh browser profile that aborts and records every request to another host."""
    context = browser.new_context(**options)
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
