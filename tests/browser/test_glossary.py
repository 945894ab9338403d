"""The glossary as learners use it: the filter, the term tooltips in lessons, and site search."""

from __future__ import annotations

import re

from playwright.sync_api import Browser, Locator, Page, expect

from browser_helpers import PageProblems, open_context

GLOSSARY = "glossary/"
# A lesson that uses terms defined in the lesson before it (stakeholder, product manager, ...).
LESSON = "01-pm-foundations/02-product-project-program/"


def visible_terms(page: Page) -> list[str]:
    return [text.removesuffix("¶").strip() for text in page.locator(".glossary-entry:visible h3").all_inner_texts()]


def filter_box(page: Page) -> Locator:
    return page.get_by_label("Filter terms")


def filter_status(page: Page) -> Locator:
    """The filter's own live region (the page has others: the search's count, the course's announcer)."""
    return page.locator("[data-glossary-filter]").get_by_role("status")


def test_the_filter_narrows_the_list_to_matching_terms_and_aliases(page: Page, site_url: str, problems: PageProblems) -> None:
    page.goto(site_url + GLOSSARY)
    total = page.locator(".glossary-entry").count()
    status = filter_status(page)

    filter_box(page).fill("program")
    expect(page.locator(".glossary-entry:visible")).to_have_count(3)
    assert visible_terms(page) == ["Program", "Program management", "Program manager"]
    expect(status).to_have_text("3 matching terms.")
    # The letter index keeps only the letters that still have terms.
    expect(page.locator(".glossary-letters a:visible")).to_have_text(["P"])

    filter_box(page).fill("stretch goal")  # an alias of "Aspirational OKR"
    expect(page.locator(".glossary-entry:visible h3")).to_have_text(["Aspirational OKR¶"])
    expect(status).to_have_text("1 matching term.")

    filter_box(page).fill("PM")  # an abbreviation, typed in any case
    assert visible_terms(page) == ["Product manager"]

    filter_box(page).fill("zzz")
    expect(page.locator(".glossary-entry:visible")).to_have_count(0)
    expect(status).to_have_text("No matching terms.")
    expect(status).to_be_visible()

    filter_box(page).fill("")
    expect(page.locator(".glossary-entry:visible")).to_have_count(total)
    expect(status).to_have_text("")
    problems.assert_none()


def test_the_filter_works_from_the_keyboard(page: Page, site_url: str, problems: PageProblems) -> None:
    page.goto(site_url + GLOSSARY)
    # Start the keyboard's path at the introduction: the filter is the next stop.
    page.locator("article > p").first.click()
    page.keyboard.press("Tab")
    expect(filter_box(page)).to_be_focused()
    page.keyboard.type("okr")
    assert visible_terms(page) == ["Aspirational OKR", "Committed OKR", "OKR"]
    expect(filter_status(page)).to_have_text("3 matching terms.")
    problems.assert_none()


def test_the_filter_runs_after_instant_navigation_to_the_glossary(page: Page, site_url: str, problems: PageProblems) -> None:
    page.goto(site_url + LESSON, wait_until="networkidle")  # Material navigates instantly once it has the sitemap
    page.evaluate("window.glossaryTestMarker = true")
    page.locator(".md-nav--primary").get_by_role("link", name="Glossary", exact=True).click()
    expect(page).to_have_url(site_url + GLOSSARY)
    assert page.evaluate("window.glossaryTestMarker === true"), "expected instant navigation, got a page load"
    filter_box(page).fill("roadmap")
    assert visible_terms(page) == ["Roadmap"]
    problems.assert_none()


def test_without_javascript_every_term_is_listed_and_the_filter_is_hidden(
    browser: Browser, site_url: str, problems: PageProblems
) -> None:
    context = open_context(browser, site_url, problems, java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + GLOSSARY)
    entries = page.locator(".glossary-entry")
    assert entries.count() >= 20
    expect(page.locator(".glossary-entry:visible")).to_have_count(entries.count())
    expect(filter_box(page)).to_be_hidden()
    page.get_by_role("link", name="P", exact=True).click()
    expect(page).to_have_url(site_url + GLOSSARY + "#letter-p")
    context.close()


def tooltip_of(page: Page, term: Locator) -> Locator:
    """The tooltip Material shows for ``term``: the element its aria-describedby names, once shown."""
    expect(term).to_have_attribute("aria-describedby", re.compile(r"^__tooltip"))
    tooltip = page.locator("#" + term.get_attribute("aria-describedby"))
    expect(tooltip).to_have_attribute("role", "tooltip")
    return tooltip


def test_a_term_shows_its_definition_on_hover(page: Page, site_url: str, problems: PageProblems) -> None:
    page.goto(site_url + LESSON)
    term = page.locator("article a.glossary-term", has_text="stakeholders")
    definition = term.get_attribute("title")
    assert definition and definition.startswith("Any person or group with an interest")
    term.hover()
    tooltip = tooltip_of(page, term)
    expect(tooltip).to_be_visible()
    expect(tooltip).to_have_text(definition)
    page.mouse.move(0, 0)
    expect(tooltip).to_be_hidden()
    problems.assert_none()


def test_a_term_shows_its_definition_on_keyboard_focus(page: Page, site_url: str, problems: PageProblems) -> None:
    page.goto(site_url + LESSON)
    first = page.locator("article a.glossary-term").first
    definition = first.get_attribute("title")
    # Tab from the top of the lesson until the first term has the focus.
    for _ in range(80):
        page.keyboard.press("Tab")
        if first.evaluate("element => element === document.activeElement"):
            break
    expect(first).to_be_focused()
    tooltip = tooltip_of(page, first)
    expect(tooltip).to_be_visible()
    expect(tooltip).to_have_text(definition)
    page.keyboard.press("Enter")
    expect(page).to_have_url(site_url + GLOSSARY + "#product-manager")
    problems.assert_none()


def test_on_a_touch_screen_the_first_tap_shows_the_definition_and_the_second_opens_the_entry(
    mobile_page: Page, site_url: str, problems: PageProblems
) -> None:
    mobile_page.goto(site_url + LESSON)
    term = mobile_page.locator("article a.glossary-term", has_text="stakeholders")
    definition = term.get_attribute("title")  # Material moves the title into the tooltip while it shows
    term.scroll_into_view_if_needed()
    term.tap()
    tooltip = tooltip_of(mobile_page, term)
    expect(tooltip).to_be_visible()
    expect(tooltip).to_have_text(definition)
    expect(mobile_page).to_have_url(site_url + LESSON)
    term.tap()
    expect(mobile_page).to_have_url(site_url + GLOSSARY + "#stakeholder")
    expect(mobile_page.locator("h3#stakeholder")).to_be_in_viewport()
    problems.assert_none()


def test_searching_a_term_lists_its_glossary_entry_first_and_jumps_to_it(page: Page, site_url: str, problems: PageProblems) -> None:
    page.goto(site_url)
    page.get_by_placeholder("Search").click()
    page.keyboard.type("program management")
    first_result = page.locator(".md-search-result__item").first
    # Material groups results by page: the page, then its best-matching sections.
    links = first_result.locator("a.md-search-result__link")
    expect(links.first).to_have_attribute("href", re.compile(rf"^{re.escape(site_url + GLOSSARY)}\?"))
    expect(links.nth(1)).to_have_attribute("href", f"{site_url}{GLOSSARY}?h=program+management#program-management")
    expect(links.nth(1)).to_contain_text("Program management")
    links.nth(1).click()
    expect(page).to_have_url(f"{site_url}{GLOSSARY}?h=program+management#program-management")
    expect(page.locator("h3#program-management")).to_be_in_viewport()
    problems.assert_none()
