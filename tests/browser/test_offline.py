"""The offline copy (`make offline`) opened straight from the file system, as a learner who
downloaded it would: lessons, progress, search and the print view work, and nothing is
fetched from anywhere but the copy itself."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from browser_helpers import PageProblems, watch
from site_helpers import read_front_matter


@pytest.fixture
def offline_page(browser: Browser, problems: PageProblems) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})

    def guard(route) -> None:  # type: ignore[no-untyped-def]
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            problems.foreign_requests.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    yield watch(context.new_page(), problems)
    context.close()


def test_offline_copy_works_from_the_file_system(
    offline_page: Page, offline_site: Path, nav_blocks, problems: PageProblems
) -> None:
    page = offline_page
    lessons = [lesson for block in nav_blocks for lesson in block.lessons]
    first = read_front_matter(lessons[0])["title"]
    page.goto((offline_site / "index.html").as_uri())
    expect(page.locator("[data-progress-summary]")).to_contain_text(f"0 of {len(lessons)} lessons done")

    page.locator(".course-outline").get_by_role("link", name=first, exact=True).click()
    expect(page).to_have_url(re.compile(re.escape(lessons[0].removesuffix(".md") + ".html") + "$"))
    page.get_by_role("button", name="Mark lesson as done").click()
    expect(page.get_by_role("button", name="Mark lesson as done")).to_have_attribute("aria-pressed", "true")

    page.goto((offline_site / "index.html").as_uri())
    expect(page.locator("[data-progress-summary]")).to_contain_text(f"1 of {len(lessons)} lessons done")

    # Search runs in Material's worker through the self-hosted iframe-worker shim.
    search = page.get_by_role("textbox", name="Search")
    search.click()
    search.press_sequentially("program management")
    expect(page.locator(".md-search-result__item").first).to_be_visible()

    page.goto((offline_site / "print.html").as_uri())
    # The same drawings as online, inline SVG named by their accTitle.
    expect(page.locator("#print-site-page figure.diagram svg[role=img]").first).to_be_visible()
    problems.assert_none()
