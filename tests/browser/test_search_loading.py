"""Search still works when its index is downloaded only on first use, from any page and from the 404 page."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from browser_helpers import PageProblems

LESSON = "01-pm-foundations/01-what-a-product-manager-does/"
SEARCH_INDEX = "search/search_index.json"


def test_a_page_loads_the_search_index_only_when_the_learner_searches(
    page: Page, site_url: str, problems: PageProblems
) -> None:
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(site_url + LESSON, wait_until="networkidle")
    assert not [url for url in requested if url.endswith(SEARCH_INDEX)]
    page.get_by_role("textbox", name="Search").click()
    page.keyboard.type("waterfall")
    expect(page.locator(".md-search-result__item").first).to_be_visible()
    assert [url for url in requested if url.endswith(SEARCH_INDEX)]
    problems.assert_none()


def test_search_on_a_phone_opens_from_the_search_icon(mobile_page: Page, site_url: str, problems: PageProblems) -> None:
    mobile_page.goto(site_url + LESSON, wait_until="networkidle")
    mobile_page.locator("label.md-header__button[for=__search]").click()
    mobile_page.keyboard.type("agile")
    expect(mobile_page.locator(".md-search-result__item").first).to_be_visible()
    problems.assert_none()


def test_the_404_page_search_form_shows_results(page: Page, site_url: str, problems: PageProblems) -> None:
    page.goto(site_url + "404.html")
    page.get_by_label("Search the course").fill("product vision")
    page.get_by_role("button", name="Search", exact=True).click()
    expect(page.locator(".md-search-result__item").first).to_be_visible()
    expect(page.locator("[data-md-component=search-query]")).to_have_value("product vision")
    problems.assert_none()
