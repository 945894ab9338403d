"""Material's site search finds a term where a lesson defines it."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

from playwright.sync_api import Page, expect

from browser_helpers import PageProblems, defined_terms, search_for, searchable_term


def test_search_for_a_term_leads_to_the_section_that_defines_it(
    page: Page, site_url: str, built_site: Path, lesson_paths: list[str], problems: PageProblems
) -> None:
    # A term the course defines, read from the built lessons.
    defined = searchable_term(defined_terms(built_site, lesson_paths))
    term, lesson, section = defined.term, defined.page, defined.section
    page.goto(site_url)
    page.get_by_role("textbox", name="Search").click()
    search_for(page, term.lower())

    # Results are drawn again for every letter typed. Each link carries the words it matched
    # (?h=..., which search.highlight marks on the page opened) and the section it leads to.
    results = page.locator(".md-search-result__list")
    selector = f'a[href^="{site_url}{lesson}?h="][href$="#{section}"]'
    link = results.locator(selector)
    expect(link).to_have_count(1)
    folded = results.locator("details", has=page.locator(selector))  # "N more on this page"
    if folded.count():
        folded.locator("summary").click()
    link.click()
    expect(page.locator(f'[id="{section}"]')).to_be_in_viewport()
    assert urlparse(page.url).path == "/" + lesson and urlparse(page.url).fragment == section, page.url
    problems.assert_none()
