"""Search still works when its index is downloaded only on first use, from any page and from the 404 page."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from browser_helpers import PageProblems, defined_terms

SEARCH_INDEX = "search/search_index.json"


@pytest.fixture(scope="module")
def query(built_site: Path, lesson_paths: list[str]) -> str:
    """Words the course is sure to have: the first term a lesson defines."""
    terms = defined_terms(built_site, lesson_paths)
    assert terms, "the course defines no terms"
    return terms[0].term.lower()


def test_a_page_loads_the_search_index_only_when_the_learner_searches(
    page: Page, site_url: str, lesson_paths: list[str], query: str, problems: PageProblems
) -> None:
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    # Quiet network: everything the page fetches by itself has been asked for.
    page.goto(site_url + lesson_paths[0], wait_until="networkidle")
    assert not [url for url in requested if url.endswith(SEARCH_INDEX)]
    page.get_by_role("textbox", name="Search").click()
    page.keyboard.type(query)
    expect(page.locator(".md-search-result__item").first).to_be_visible()
    assert [url for url in requested if url.endswith(SEARCH_INDEX)]
    problems.assert_none()


def test_search_on_a_phone_opens_from_the_search_icon(
    mobile_page: Page, site_url: str, lesson_paths: list[str], query: str, problems: PageProblems
) -> None:
    mobile_page.goto(site_url + lesson_paths[0])
    mobile_page.locator("label.md-header__button[for=__search]").click()
    expect(mobile_page.get_by_role("textbox", name="Search")).to_be_focused()
    mobile_page.keyboard.type(query)
    expect(mobile_page.locator(".md-search-result__item").first).to_be_visible()
    problems.assert_none()


def test_the_404_page_search_form_shows_results(page: Page, site_url: str, query: str, problems: PageProblems) -> None:
    page.goto(site_url + "404.html")
    page.get_by_label("Search the course").fill(query)
    page.get_by_role("button", name="Search", exact=True).click()
    expect(page.locator(".md-search-result__item").first).to_be_visible()
    expect(page.locator("[data-md-component=search-query]")).to_have_value(query)
    problems.assert_none()
