"""The site opens in a real browser without foreign requests or script errors."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from browser_helpers import PageProblems


def test_home_page_opens_cleanly(page: Page, site_url: str, problems: PageProblems) -> None:
    page.goto(site_url)
    expect(page.locator(".course-outline")).to_be_visible()
    page.wait_for_load_state("networkidle")
    problems.assert_none()
