"""In the browser: "Edit this page", the repository link and the last-updated date, with no request to GitHub."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from browser_helpers import PageProblems
from site_helpers import NavBlock, page_url

REPO_URL = "https://github.com/open-pm-course/open-pm-course.github.io"


def test_a_lesson_offers_edit_and_last_update_without_calling_github(
    page: Page, site_url: str, nav_blocks: list[NavBlock], problems: PageProblems
) -> None:
    lesson = nav_blocks[0].lessons[0]
    page.goto(site_url + page_url(lesson))
    edit = page.get_by_role("link", name="Edit this page")
    expect(edit).to_be_visible()
    expect(edit).to_have_attribute("href", f"{REPO_URL}/edit/main/docs/{lesson}")
    expect(page.locator("header a.md-source")).to_have_attribute("href", REPO_URL)
    last_update = page.locator("aside.md-source-file .md-source-file__fact").filter(has=page.locator('[title="Last update"]'))
    expect(last_update).to_have_text(re.compile(r"^\s*[A-Z][a-z]+ \d{1,2}, \d{4}\s*$"))
    # Material's repository widget would ask api.github.com for stars and forks once the page is idle.
    page.wait_for_load_state("networkidle")
    problems.assert_none()


def test_the_home_page_and_the_guide_make_no_foreign_request(page: Page, site_url: str, problems: PageProblems) -> None:
    for path in ("", "contribute/"):
        page.goto(site_url + path)
        page.wait_for_load_state("networkidle")
    expect(page.locator("footer .md-copyright")).to_contain_text("CC BY 4.0")
    problems.assert_none()
