"""The "what comes next" card at the end of every lesson: it leads to the page it names, under
instant navigation and on a full load, on a desktop and on a phone; the last lesson ends the course."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from browser_helpers import PageProblems, at_page, kept_document, mark_document

COURSE_COMPLETE = "You have finished the course"


def follow_card(page: Page, tap: bool = False) -> None:
    """Follow the lesson's card to the page it names, which must open through instant navigation."""
    link = page.locator(".next-block a.next-block__link")
    name, url = link.inner_text().strip(), link.evaluate("link => link.href")
    # The card is a region named by its title, so screen reader users can find it.
    expect(page.get_by_role("region", name=name)).to_be_visible()
    mark_document(page)
    link.tap() if tap else link.click()
    expect(page).to_have_url(at_page(url))
    expect(page.locator("h1")).to_have_text(name)
    assert kept_document(page), f"the card to {url} should open it through instant navigation"


def test_each_card_leads_to_the_page_it_names_from_a_full_load(
    page: Page, site_url: str, lesson_paths: list[str], problems: PageProblems
) -> None:
    for lesson in lesson_paths[:-1]:
        page.goto(site_url + lesson)
        follow_card(page)
    problems.assert_none()


def test_following_the_cards_through_instant_navigation_walks_the_course_to_its_end(
    page: Page, site_url: str, lesson_paths: list[str], problems: PageProblems
) -> None:
    page.goto(site_url + lesson_paths[0])
    mark_document(page)
    reached = [page.url]
    for _ in range(2 * len(lesson_paths)):
        if at_page(site_url + lesson_paths[-1]).match(page.url):
            break
        follow_card(page)
        if page.locator(".block-lessons").count():
            # A card that names the next block leads to its overview; its lesson list goes on.
            page.locator(".block-lessons a").first.click()
        reached.append(page.url)
    assert at_page(site_url + lesson_paths[-1]).match(page.url), f"the cards never led to the last lesson: {reached}"
    assert kept_document(page), "every step should use instant navigation"
    expect(page.get_by_role("region", name=COURSE_COMPLETE)).to_be_visible()
    problems.assert_none()


def test_last_lesson_shows_the_course_complete_card(
    page: Page, site_url: str, lesson_paths: list[str], problems: PageProblems
) -> None:
    page.goto(site_url + lesson_paths[-1])
    card = page.get_by_role("region", name=COURSE_COMPLETE)
    expect(card).to_be_visible()
    expect(card.locator("a.next-block__link")).to_have_count(0)
    card.get_by_role("link", name="course outline").click()
    expect(page).to_have_url(at_page(site_url))
    expect(page.locator(".course-outline")).to_be_visible()
    problems.assert_none()


def test_card_can_be_followed_by_tapping_on_a_phone(
    mobile_page: Page, site_url: str, lesson_paths: list[str], problems: PageProblems
) -> None:
    mobile_page.goto(site_url + lesson_paths[0])
    card = mobile_page.locator(".next-block")
    card.scroll_into_view_if_needed()
    box = card.bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= 375, f"the card does not fit the screen: {box}"
    follow_card(mobile_page, tap=True)
    problems.assert_none()
