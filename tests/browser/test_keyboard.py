"""A learner with a keyboard alone, on a desktop (1280 px) and at 320 px (a phone, or a desktop
zoomed to 400 %): from the home page into the first lesson, its quiz, "Mark lesson as done", the
card to what comes next, then a search result and the glossary filter. At every stop focus is
on screen and drawn; after every instant navigation it lands in the new page's main content
and the new page's title is announced. Pages and lessons come from the course itself."""

from __future__ import annotations

import re
from collections.abc import Callable
from urllib.parse import urlencode

import pytest
from playwright.sync_api import Locator, Page, expect

from a11y_helpers import focus, is_focused, tab_to
from browser_helpers import PageProblems, at_page, kept_document, mark_document

# WCAG 1.4.10 reflow: 320 CSS px is a 1280 px desktop at 400 % zoom.
WIDTHS = (1280, 320)
# From a lesson's load (its title after instant navigation, or the skip link after a full load).
TAB_BUDGET = 15


def title(page: Page) -> Locator:
    """The page's title (Material's search results hold titles of their own)."""
    return page.locator("[data-md-component=content] h1")


def open_page(new_page: Callable[..., Page], width: int) -> Page:
    return new_page(viewport={"width": width, "height": 800})


def expect_arrival(page: Page, url: str | re.Pattern[str]) -> None:
    """The page at `url` opened through instant navigation, with focus in its main content,
    drawn, and its title announced in the course's live region."""
    expect(page).to_have_url(url)
    assert kept_document(page), f"{page.url} should open through instant navigation"
    expect(page.locator("[data-md-component=content] :focus")).to_have_count(1)
    stop = focus(page)
    assert not stop.problem, f"after instant navigation to {page.url}, focus is on {stop.where}: {stop.problem}"
    expect(page.locator("[data-course-announcer]")).to_have_text(page.title())


def follow(page: Page, link_url: str | re.Pattern[str]) -> None:
    page.keyboard.press("Enter")
    expect_arrival(page, link_url)


def open_drawer_at_its_top(page: Page) -> None:
    """At 320 px the navigation is a drawer: reach its button, open it, and go back to the
    drawer's top level if it opened on the current section's panel."""
    tab_to(page, page.locator("[data-course-drawer-button]"), backwards=True)
    page.keyboard.press("Enter")
    expect(page.locator("[data-course-drawer-button]")).to_have_attribute("aria-expanded", "true")
    stop = focus(page)
    assert not stop.problem, f"the opened drawer's focus is on {stop.where}: {stop.problem}"
    if page.locator(".course-nav-back:focus").count():
        page.keyboard.press("Enter")
        expect(page.locator(".course-nav-toggle:focus")).to_have_attribute("aria-expanded", "false")


@pytest.mark.parametrize("width", WIDTHS)
def test_a_keyboard_alone_takes_a_learner_through_the_course(
    new_page: Callable[..., Page], site_url: str, lesson_paths: list[str], width: int, problems: PageProblems
) -> None:
    page = open_page(new_page, width)
    # Material takes over links (instant navigation) once it has read the sitemap.
    page.goto(site_url, wait_until="networkidle")
    mark_document(page)

    # Home: the one primary action starts the first lesson.
    start = page.locator("[data-course-start]")
    expect(start).to_have_text("Start the course")
    tab_to(page, start)
    follow(page, at_page(site_url + lesson_paths[0]))
    expect(title(page)).to_be_focused()

    # The lesson's first quiz answer, within the budget from the lesson's title.
    first_quiz = page.locator(".quiz").first
    presses = tab_to(page, first_quiz.locator("input").first)
    assert presses <= TAB_BUDGET, f"the first quiz answer took {presses} Tab presses from the lesson's title"
    page.keyboard.press("Space")
    tab_to(page, first_quiz.locator("button[type=submit]"))
    page.keyboard.press("Enter")
    expect(first_quiz.locator(".quiz-feedback")).to_be_visible()

    # Mark the lesson done (Space, as on any button), then follow the card to what comes next.
    done = page.locator("[data-lesson-done] button")
    tab_to(page, done)
    page.keyboard.press("Space")
    expect(done).to_have_attribute("aria-pressed", "true")
    card = page.locator(".next-block a.next-block__link")
    tab_to(page, card)
    follow(page, at_page(card.evaluate("link => link.href")))
    if page.locator(".block-lessons").count():  # the card named the next block: its first lesson
        first_lesson = page.locator(".block-lessons a").first
        tab_to(page, first_lesson)
        follow(page, at_page(first_lesson.evaluate("link => link.href")))
    expect(page).to_have_url(at_page(site_url + lesson_paths[1]))

    # Search for the last lesson by its title, and open the result with the arrow keys and Enter.
    query = title_of(page, site_url + lesson_paths[-1])
    tab_to(page, page.locator(".md-search__input"), backwards=True)
    page.keyboard.type(query)
    # Results are drawn again for every letter typed; the ones for the whole query carry it.
    expect(page.locator(".md-search-result__link").first).to_have_attribute(
        "href", re.compile(re.escape(urlencode({"h": query.lower()})))
    )
    expect(page.locator(".md-search-result__meta")).to_have_text(re.compile(r"\d+ matching documents?"))
    page.keyboard.press("ArrowDown")
    stop = focus(page)
    assert not stop.problem, f"the first search result's focus is on {stop.where}: {stop.problem}"
    result = page.evaluate("document.activeElement.href")
    assert result.startswith(site_url + lesson_paths[-1]), f"the first result for {query!r} is {result}"
    follow(page, result)

    # The glossary, from the navigation, and its filter.
    glossary = page.locator('.md-sidebar--primary a.md-nav__link[href$="/glossary/"]')
    if width < 1220:
        open_drawer_at_its_top(page)
        tab_to(page, glossary)
    else:
        tab_to(page, glossary, backwards=True)
    follow(page, at_page(glossary.evaluate("link => link.href")))
    expect(title(page)).to_be_focused()
    tab_to(page, page.locator("[data-glossary-filter] input"))
    term = page.locator(".glossary-entry h3").first.evaluate("heading => heading.firstChild.textContent.trim()")
    page.keyboard.type(term)
    expect(page.locator("[data-glossary-filter]").get_by_role("status")).to_have_text(re.compile(r"\d+ matching terms?\."))
    problems.assert_none()


def title_of(page: Page, url: str) -> str:
    """The title of the page at `url`, read without leaving the current one."""
    html = page.evaluate("url => fetch(url).then(response => response.text())", url)
    return re.search(r"<h1[^>]*>(.*?)</h1>", html, re.DOTALL).group(1).strip()


@pytest.mark.parametrize("width", WIDTHS)
def test_after_a_full_load_the_skip_link_leads_to_the_title_and_the_first_answer_is_near(
    new_page: Callable[..., Page], site_url: str, lesson_paths: list[str], width: int, problems: PageProblems
) -> None:
    page = open_page(new_page, width)
    page.goto(site_url + lesson_paths[0], wait_until="networkidle")
    # A full load leaves focus where the browser puts it, and announces nothing.
    assert page.evaluate("document.activeElement === document.body")
    expect(page.locator("[data-course-announcer]")).to_have_text("")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to content")
    expect(skip).to_be_focused()
    assert not focus(page).problem, focus(page)
    page.keyboard.press("Enter")
    expect(title(page)).to_be_focused()
    presses = 1 + tab_to(page, page.locator(".quiz input").first)
    assert presses <= TAB_BUDGET, f"the first quiz answer took {presses} Tab presses from the lesson's load"
    problems.assert_none()


def test_a_jump_within_the_page_is_left_to_the_browser(page: Page, site_url: str, lesson_paths: list[str]) -> None:
    """Only a new page takes focus to its title and is announced. A table of contents link
    jumps within the page (the first such jump makes Material swap the same page in again):
    the next Tab continues from the section, as the browser has it, and nothing is announced."""
    page.goto(site_url + lesson_paths[0], wait_until="networkidle")
    mark_document(page)
    toc = page.locator(".md-sidebar--secondary a.md-nav__link")
    for link in (toc.last, toc.first):
        section = link.evaluate("link => link.hash")
        link.focus()
        page.keyboard.press("Enter")
        expect(page).to_have_url(re.compile(re.escape(section) + "$"))
        # Material scrolls to the section once it has swapped the page in (the first time).
        expect(page.locator(section)).to_be_in_viewport()
        expect(title(page)).not_to_be_focused()
        page.keyboard.press("Tab")
        after = page.locator(section).evaluate(
            "heading => Boolean(heading.compareDocumentPosition(document.activeElement) & Node.DOCUMENT_POSITION_FOLLOWING)"
        )
        assert after, f"Tab after the jump to {section} went to {focus(page).where}"
        assert not focus(page).problem, focus(page)
    assert kept_document(page)
    expect(page.locator("[data-course-announcer]")).to_have_text("")
