"""Material's site search finds a term where a lesson defines it."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlencode, urlparse

from playwright.sync_api import Page, expect

from browser_helpers import PageProblems, defined_terms, searchable_term


def test_search_for_a_term_leads_to_the_section_that_defines_it(
    page: Page, site_url: str, built_site: Path, lesson_paths: list[str], problems: PageProblems
) -> None:
    # A term the course defines, read from the built lessons.
    defined = searchable_term(defined_terms(built_site, lesson_paths))
    term, lesson, section = defined.term, defined.page, defined.section
    page.goto(site_url)
    search = page.get_by_role("textbox", name="Search")
    search.click()
    # The search index is built in a web worker after the page loads; typing before it is ready is
    # not answered until the reader types again.
    expect(page.locator(".md-search-result__meta")).not_to_have_text("Initializing search")
    search.press_sequentially(term.lower())

    # Results are drawn again for every letter typed; the ones for the whole term carry it in
    # their links (search.highlight marks it on the page opened).
    expected = f"{site_url}{lesson}?{urlencode({'h': term.lower()})}#{section}"
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
