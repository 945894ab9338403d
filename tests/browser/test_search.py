"""Material's site search finds a term where a lesson defines it."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlencode, urlparse

from bs4 import BeautifulSoup
from playwright.sync_api import Page, expect

from browser_helpers import PageProblems, page_source

TERM = "Program management"


def defining_section(built_site: Path, lesson_paths: list[str], term: str) -> tuple[str, str]:
    """The lesson whose `!!! definition` box defines `term`, and the id of the section holding it."""
    for path in lesson_paths:
        soup = BeautifulSoup(page_source(built_site, path), "html.parser")
        for title in soup.select(".admonition.definition > .admonition-title"):
            if title.get_text(strip=True) == term:
                return path, title.find_previous(["h2", "h3"])["id"]
    raise AssertionError(f"no lesson defines {term!r}")


def test_search_for_a_term_leads_to_the_section_that_defines_it(
    page: Page, site_url: str, built_site: Path, lesson_paths: list[str], problems: PageProblems
) -> None:
    lesson, section = defining_section(built_site, lesson_paths, TERM)
    page.goto(site_url)
    search = page.get_by_role("textbox", name="Search")
    search.click()
    # The search index is built in a web worker after the page loads; typing before it is ready is
    # not answered until the reader types again.
    expect(page.locator(".md-search-result__meta")).not_to_have_text("Initializing search")
    search.press_sequentially(TERM.lower())

    # Results are drawn again for every letter typed; the ones for the whole term carry it in
    # their links (search.highlight marks it on the page opened).
    expected = f"{site_url}{lesson}?{urlencode({'h': TERM.lower()})}#{section}"
    results = page.locator(".md-search-result__list")
    link = results.locator(f'a[href="{expected}"]')
    expect(link).to_have_count(1)
    folded = results.locator("details", has=page.locator(f'a[href="{expected}"]'))  # "N more on this page"
    if folded.count():
        folded.locator("summary").click()
    link.click()
    expect(page.locator(f'[id="{section}"]')).to_be_in_viewport()
    assert urlparse(page.url).path == "/" + lesson and urlparse(page.url).fragment == section, page.url
    problems.assert_none()
