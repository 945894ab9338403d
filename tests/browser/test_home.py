"""The home page's first screen, on a small phone (375 × 667): the course's name as the title, one
sentence of promise, how long the whole course takes, and one action: "Start the course", or
"Resume where you left off" for a learner who has been here before."""

from __future__ import annotations

from collections.abc import Callable

from playwright.sync_api import Locator, Page, expect

from browser_helpers import PageProblems, at_page
from site_helpers import NavBlock, page_url, read_front_matter

FIRST_SCREEN = {"width": 375, "height": 667}


def total_time(nav_blocks: list[NavBlock]) -> str:
    minutes = sum(read_front_matter(lesson)["duration"] for block in nav_blocks for lesson in block.lessons)
    hours, rest = divmod(minutes, 60)
    return f"{hours} h {rest} min" if hours and rest else f"{hours} h" if hours else f"{rest} min"


def expect_on_first_screen(target: Locator) -> None:
    expect(target).to_be_visible()
    box = target.bounding_box()
    assert box and box["y"] >= 0 and box["y"] + box["height"] <= FIRST_SCREEN["height"], f"{target} is at {box}"


def test_the_first_screen_names_the_course_its_promise_its_length_and_where_to_start(
    new_page: Callable[..., Page], site_url: str, mkdocs_config: dict, nav_blocks: list[NavBlock], problems: PageProblems
) -> None:
    page = new_page(viewport=FIRST_SCREEN, is_mobile=True, has_touch=True)
    page.goto(site_url)
    title = page.locator("[data-md-component=content] h1")
    expect(title).to_have_text(mkdocs_config["site_name"])
    promise = page.locator(".course-start__promise")
    expect(promise).to_have_text(read_front_matter("index.md")["description"])
    length = page.locator(".course-start__meta")
    expect(length).to_contain_text(total_time(nav_blocks))
    start = page.locator(".course-start").get_by_role("link")
    expect(start).to_have_count(1)
    expect(start).to_have_text("Start the course")
    assert start.evaluate("link => link.href") == site_url + page_url(nav_blocks[0].lessons[0])
    for part in (title, promise, length, start):
        expect_on_first_screen(part)

    # A returning learner resumes where they left off.
    last = nav_blocks[-1].lessons[0]
    page.goto(site_url + page_url(last))
    page.goto(site_url)
    resume = page.locator(".course-start").get_by_role("link")
    expect(resume).to_have_text("Resume where you left off")
    expect(page.locator("[data-progress-resume]")).to_have_text(f"Last opened: {read_front_matter(last)['title']}")
    expect_on_first_screen(resume)
    resume.tap()
    expect(page).to_have_url(at_page(site_url + page_url(last)))
    problems.assert_none()
