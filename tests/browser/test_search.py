"""Material's site search finds a term where a lesson defines it."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

from playwright.sync_api import Page, expect

from browser_helpers import PageProblems, defined_terms, search_for, search_result_link, searchable_term


def test_search_for_a_term_leads_to_the_section_that_defines_it(
    page: Page, site_url: str, built_site: Path, lesson_paths: list[str], problems: PageProblems
) -> None:
    # A term the course defines, read from the built lessons.
    defined = searchable_term(defined_terms(built_site, lesson_paths))
    term, lesson, section = defined.term, defined.page, defined.section
    page.goto(site_url)
    page.get_by_role("textbox", name="Search").click()
    search_for(page, term.lower())

    # The link carries the words it matched (?h=..., which search.highlight marks on the page opened).
    search_result_link(page.locator(".md-search-result__list"), site_url + lesson, section).click()
    expect(page.locator(f'[id="{section}"]')).to_be_in_viewport()
    assert urlparse(page.url).path == "/" + lesson and urlparse(page.url).fragment == section, page.url
    problems.assert_none()
