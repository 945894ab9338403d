"""The glossary as learners use it: the filter, the term tooltips in lessons, and site search.

The terms, aliases and lessons used here are read from the built site, so the tests hold
whatever terms the course defines."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Browser, Locator, Page, expect

from a11y_helpers import tab_to
from browser_helpers import (
    PageProblems,
    at_page,
    defined_terms,
    kept_document,
    mark_document,
    open_context,
    page_source,
    search_for,
    search_result_link,
    searchable_term,
)

GLOSSARY = "glossary/"


@dataclass
class Entry:
    """A glossary entry as the page lists it: its term and the names the filter matches
    (the term and its aliases, in small letters)."""

    term: str
    anchor: str
    names: list[str]


@dataclass
class TermInLesson:
    """The first glossary term with a tooltip in a lesson: its lesson, text, tooltip and anchor."""

    lesson: str
    text: str
    definition: str
    anchor: str


@pytest.fixture(scope="module")
def entries(built_site: Path) -> list[Entry]:
    page = BeautifulSoup(page_source(built_site, GLOSSARY), "html.parser")
    found = [
        Entry(entry.h3.get_text(strip=True).removesuffix("¶"), entry.h3["id"], entry["data-glossary-names"].split("|"))
        for entry in page.select("[data-glossary-entry]")
    ]
    assert len(found) >= 2, "the glossary needs at least two terms to filter"
    return found


def matching(entries: list[Entry], query: str) -> list[str]:
    """The terms the filter must show for `query`: those with a name that contains it."""
    return [entry.term for entry in entries if any(query.lower() in name for name in entry.names)]


@pytest.fixture(scope="module")
def shared_word(entries: list[Entry]) -> str:
    """A word that starts a term and matches several terms, but not all of them."""
    words = sorted({entry.term.split()[0].lower() for entry in entries})
    counts = {word: len(matching(entries, word)) for word in words if 1 < len(matching(entries, word)) < len(entries)}
    assert counts, "no word of the glossary matches several terms"
    return max(counts, key=lambda word: counts[word])


@pytest.fixture(scope="module")
def alias(entries: list[Entry]) -> tuple[str, str]:
    """An alias that only its own entry matches, with that entry's term."""
    for entry in entries:
        for name in entry.names[1:]:
            if matching(entries, name) == [entry.term] and name not in entry.term.lower():
                return name, entry.term
    raise AssertionError("no glossary entry has an alias of its own")


@pytest.fixture(scope="module")
def term_in_lesson(built_site: Path, lesson_paths: list[str]) -> TermInLesson:
    for lesson in lesson_paths:
        term = BeautifulSoup(page_source(built_site, lesson), "html.parser").select_one("article a.glossary-term")
        if term is not None:
            return TermInLesson(lesson, term.get_text(strip=True), term["title"], term["href"].split("#")[1])
    raise AssertionError("no lesson has a glossary term")


def visible_terms(page: Page) -> list[str]:
    return [text.removesuffix("¶").strip() for text in page.locator(".glossary-entry:visible h3").all_inner_texts()]


def filter_box(page: Page) -> Locator:
    return page.get_by_label("Filter terms")


def filter_status(page: Page) -> Locator:
    """The filter's own live region (the page has others: the search's count, the course's announcer)."""
    return page.locator("[data-glossary-filter]").get_by_role("status")


def status_text(count: int) -> str:
    return "No matching terms." if count == 0 else "1 matching term." if count == 1 else f"{count} matching terms."


def test_the_filter_narrows_the_list_to_matching_terms_and_aliases(
    page: Page, site_url: str, entries: list[Entry], shared_word: str, alias: tuple[str, str], problems: PageProblems
) -> None:
    page.goto(site_url + GLOSSARY)
    status = filter_status(page)

    expected = matching(entries, shared_word)
    filter_box(page).fill(shared_word)
    expect(page.locator(".glossary-entry:visible")).to_have_count(len(expected))
    assert visible_terms(page) == expected
    expect(status).to_have_text(status_text(len(expected)))
    # The letter index keeps only the letters that still have terms.
    expect(page.locator(".glossary-letters a:visible")).to_have_text(sorted({term[0].upper() for term in expected}))

    name, term = alias
    filter_box(page).fill(name)
    expect(page.locator(".glossary-entry:visible h3")).to_have_text([f"{term}¶"])
    expect(status).to_have_text("1 matching term.")

    filter_box(page).fill(name.upper())  # typed in any case
    expect(page.locator(".glossary-entry:visible h3")).to_have_text([f"{term}¶"])

    nothing = "qqqq"
    assert not matching(entries, nothing)
    filter_box(page).fill(nothing)
    expect(page.locator(".glossary-entry:visible")).to_have_count(0)
    expect(status).to_have_text("No matching terms.")
    expect(status).to_be_visible()

    filter_box(page).fill("")
    expect(page.locator(".glossary-entry:visible")).to_have_count(len(entries))
    expect(status).to_have_text("")
    problems.assert_none()


def test_the_filter_works_from_the_keyboard(
    page: Page, site_url: str, entries: list[Entry], shared_word: str, problems: PageProblems
) -> None:
    page.goto(site_url + GLOSSARY)
    # Start the keyboard's path at the introduction: the filter is the next stop.
    page.locator("article > p").first.click()
    page.keyboard.press("Tab")
    expect(filter_box(page)).to_be_focused()
    page.keyboard.type(shared_word)
    expected = matching(entries, shared_word)
    expect(filter_status(page)).to_have_text(status_text(len(expected)))
    assert visible_terms(page) == expected
    problems.assert_none()


def test_the_filter_runs_after_instant_navigation_to_the_glossary(
    page: Page, site_url: str, lesson_paths: list[str], entries: list[Entry], problems: PageProblems
) -> None:
    page.goto(site_url + lesson_paths[0])
    mark_document(page)
    page.locator(".md-nav--primary").get_by_role("link", name="Glossary", exact=True).click()
    expect(page).to_have_url(at_page(site_url + GLOSSARY))
    assert kept_document(page), "expected instant navigation, got a page load"
    query = entries[-1].term.lower()
    filter_box(page).fill(query)
    expect(filter_status(page)).to_have_text(status_text(len(matching(entries, query))))
    assert visible_terms(page) == matching(entries, query)
    problems.assert_none()


def test_the_filter_box_appears_without_moving_the_list(page: Page, site_url: str, problems: PageProblems) -> None:
    """The box is shown by glossary.js; the list below it is where it will be before the script runs."""
    letters = page.locator("nav.glossary-letters")
    # The script held back (an empty one served in its place): the page as it is before it runs.
    page.route("**/assets/javascripts/glossary.js", lambda route: route.fulfill(body="", content_type="text/javascript"))
    page.goto(site_url + GLOSSARY)
    expect(filter_box(page)).to_be_hidden()
    before = letters.bounding_box()
    page.unroute("**/assets/javascripts/glossary.js")
    page.reload()
    expect(filter_box(page)).to_be_visible()
    assert before is not None and letters.bounding_box() == before
    problems.assert_none()


def test_without_javascript_every_term_is_listed_and_the_filter_is_hidden(
    browser: Browser, site_url: str, entries: list[Entry], problems: PageProblems
) -> None:
    context = open_context(browser, site_url, problems, java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + GLOSSARY)
    expect(page.locator(".glossary-entry:visible")).to_have_count(len(entries))
    expect(filter_box(page)).to_be_hidden()
    letter = entries[0].term[0].upper()
    page.get_by_role("link", name=letter, exact=True).click()
    expect(page).to_have_url(site_url + GLOSSARY + f"#letter-{letter.lower()}")
    context.close()


def tooltip_of(page: Page, term: Locator) -> Locator:
    """The tooltip Material shows for ``term``: the element its aria-describedby names, once shown."""
    expect(term).to_have_attribute("aria-describedby", re.compile(r"^__tooltip"))
    tooltip = page.locator("#" + term.get_attribute("aria-describedby"))
    expect(tooltip).to_have_attribute("role", "tooltip")
    return tooltip


def test_a_term_shows_its_definition_on_hover(
    page: Page, site_url: str, term_in_lesson: TermInLesson, problems: PageProblems
) -> None:
    page.goto(site_url + term_in_lesson.lesson)
    term = page.locator("article a.glossary-term").first
    expect(term).to_have_text(term_in_lesson.text)
    term.hover()
    tooltip = tooltip_of(page, term)
    expect(tooltip).to_be_visible()
    expect(tooltip).to_have_text(term_in_lesson.definition)
    page.mouse.move(0, 0)
    expect(tooltip).to_be_hidden()
    problems.assert_none()


def test_a_term_shows_its_definition_on_keyboard_focus(
    page: Page, site_url: str, term_in_lesson: TermInLesson, problems: PageProblems
) -> None:
    page.goto(site_url + term_in_lesson.lesson)
    first = page.locator("article a.glossary-term").first
    tab_to(page, first)  # from the top of the lesson
    tooltip = tooltip_of(page, first)
    expect(tooltip).to_be_visible()
    expect(tooltip).to_have_text(term_in_lesson.definition)
    page.keyboard.press("Enter")
    expect(page).to_have_url(site_url + GLOSSARY + "#" + term_in_lesson.anchor)
    expect(page.locator(f'h3[id="{term_in_lesson.anchor}"]')).to_be_in_viewport()
    problems.assert_none()


# Records where the address was each time a script asked to rewrite it (history.replaceState),
# before the site decides whether to let it through (overrides/main.html).
ADDRESS_REWRITES = """
(() => {
    const rewrites = window.courseAddressRewrites = [];
    let current = History.prototype.replaceState;
    Object.defineProperty(history, "replaceState", {
        configurable: true,
        get() {
            const target = current;
            return function (...args) {
                rewrites.push(location.pathname);
                return target.apply(history, args);
            };
        },
        set(value) { current = value; },
    });
})();
"""


def test_a_term_followed_while_the_lesson_still_scrolls_opens_its_entry(
    page: Page, site_url: str, term_in_lesson: TermInLesson, problems: PageProblems
) -> None:
    """Material updates the address for the section in view and the scroll position a moment
    after the page last moved; when that moment falls after a link was followed but before the
    new page is shown, the old page's section must not end up on the new page's address."""
    page.add_init_script(ADDRESS_REWRITES)
    page.goto(site_url + term_in_lesson.lesson)
    mark_document(page)
    held = []
    page.route(f"{site_url}{GLOSSARY}", lambda route: held.append(route))  # the glossary arrives when the test says
    page.locator("article a.glossary-term").first.click()
    expect(page).to_have_url(site_url + GLOSSARY + "#" + term_in_lesson.anchor)
    # The lesson, still shown, moves: Material's scroll-position update (100 ms later) and its
    # section-in-view update (250 ms) follow while the glossary is on its way.
    page.mouse.wheel(0, 600)
    page.wait_for_function("path => window.courseAddressRewrites.includes(path)", arg="/" + GLOSSARY)
    assert held, "the glossary was not requested"  # long before the rewrite, 100 ms after the scroll
    held[0].continue_()
    entry = page.locator(f'h3[id="{term_in_lesson.anchor}"]')
    expect(entry).to_be_in_viewport()
    # At the top of the window, where following an anchor puts it; not where the lesson was scrolled to.
    assert entry.bounding_box()["y"] < page.viewport_size["height"] / 2, entry.bounding_box()
    expect(page).to_have_url(site_url + GLOSSARY + "#" + term_in_lesson.anchor)
    assert kept_document(page), "the term should open the glossary through instant navigation"
    problems.assert_none()


def test_on_a_touch_screen_the_first_tap_shows_the_definition_and_the_second_opens_the_entry(
    mobile_page: Page, site_url: str, term_in_lesson: TermInLesson, problems: PageProblems
) -> None:
    mobile_page.goto(site_url + term_in_lesson.lesson)
    term = mobile_page.locator("article a.glossary-term").first
    term.scroll_into_view_if_needed()
    term.tap()
    tooltip = tooltip_of(mobile_page, term)
    expect(tooltip).to_be_visible()
    expect(tooltip).to_have_text(term_in_lesson.definition)
    expect(mobile_page).to_have_url(at_page(site_url + term_in_lesson.lesson))  # still on the lesson
    term.tap()
    expect(mobile_page).to_have_url(site_url + GLOSSARY + "#" + term_in_lesson.anchor)
    expect(mobile_page.locator(f'h3[id="{term_in_lesson.anchor}"]')).to_be_in_viewport()
    problems.assert_none()


def test_searching_a_term_lists_the_glossary_first_and_jumps_to_the_entry(
    page: Page, site_url: str, built_site: Path, lesson_paths: list[str], entries: list[Entry], problems: PageProblems
) -> None:
    term = searchable_term(defined_terms(built_site, lesson_paths)).term
    anchor = next(entry.anchor for entry in entries if entry.term == term)
    page.goto(site_url)
    page.get_by_placeholder("Search").click()
    search_for(page, term.lower())
    # Material groups results by page: the page, then its best-matching sections. The glossary
    # is boosted, so it comes first; the entry is one of its sections.
    first_result = page.locator(".md-search-result__item").first
    expect(first_result.locator("a.md-search-result__link").first).to_have_attribute(
        "href", re.compile(rf"^{re.escape(site_url + GLOSSARY)}\?")
    )
    link = search_result_link(first_result, site_url + GLOSSARY, anchor)
    expect(link).to_contain_text(term)
    link.click()
    expect(page).to_have_url(re.compile(rf"^{re.escape(site_url + GLOSSARY)}\?h=[^#]*#{re.escape(anchor)}$"))
    expect(page.locator(f'h3[id="{anchor}"]')).to_be_in_viewport()
    problems.assert_none()
