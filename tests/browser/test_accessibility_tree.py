"""Names and states as screen readers get them: read from Chromium's accessibility tree, not from
the markup. The navigation's menu button and section toggles, the landmarks they name, headings,
quiz links, "Mark lesson as done", the loading bar, search's result count and the skip link."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from bs4 import BeautifulSoup
from playwright.sync_api import Page, expect

from a11y_helpers import AXNode, accessibility_tree, ax_node, ax_nodes
from browser_helpers import PageProblems, built_pages, page_source, settle
from site_helpers import NavBlock, page_url


def the_only(page: Page, role: str, name: str) -> AXNode:
    """The one node of the accessibility tree with this role and name."""
    found = ax_nodes(page, role, name)
    assert len(found) == 1, f"expected one {role} named {name!r} in the accessibility tree, found {found}"
    return found[0]


def test_navigation_controls_have_names_and_states_and_work_with_enter_and_space(
    new_page: Callable[..., Page], site_url: str, nav_blocks: list[NavBlock], problems: PageProblems
) -> None:
    block = nav_blocks[0]
    page = new_page(viewport={"width": 1280, "height": 800})
    page.goto(site_url + page_url(block.lessons[0]))

    # The section toggle: a button named after its section, expanded on one of its pages.
    toggle = the_only(page, "button", block.title)
    assert toggle.properties.get("expanded") is True, toggle
    # Every navigation landmark is named, and no two share a name (axe's landmark-unique).
    navigations = [node.name for node in ax_nodes(page, "navigation")]
    assert block.title in navigations, navigations
    assert all(navigations) and len(set(navigations)) == len(navigations), navigations

    button = page.locator(f'.course-nav-toggle[aria-label="{block.title}"]')
    # Material makes the navigation's links absolute when it starts.
    lessons = page.locator(f'.md-nav--primary a.md-nav__link[href$="/{page_url(block.lessons[-1])}"]')
    expect(lessons).to_be_visible()
    button.focus()
    page.keyboard.press("Space")
    toggle = the_only(page, "button", block.title)
    assert toggle.properties.get("expanded") is False, toggle
    expect(lessons).to_be_hidden()
    page.keyboard.press("Enter")
    toggle = the_only(page, "button", block.title)
    assert toggle.properties.get("expanded") is True, toggle
    expect(lessons).to_be_visible()

    # Below 76.25em the navigation is a drawer behind a named menu button with its state.
    page.set_viewport_size({"width": 320, "height": 640})
    settle(page)  # the drawer, now closed, hides after its slide
    menu = the_only(page, "button", "Navigation")
    assert menu.properties.get("expanded") is False, menu
    assert not ax_nodes(page, "link", "Glossary"), "the closed drawer's links are in the accessibility tree"
    page.get_by_role("button", name="Navigation", exact=True).focus()
    page.keyboard.press("Space")
    menu = the_only(page, "button", "Navigation")
    assert menu.properties.get("expanded") is True, menu
    page.keyboard.press("Escape")
    expect(page.get_by_role("button", name="Navigation", exact=True)).to_be_focused()
    menu = the_only(page, "button", "Navigation")
    assert menu.properties.get("expanded") is False, menu
    problems.assert_none()


def test_headings_quiz_links_and_the_done_button_say_only_what_they_are(
    page: Page, site_url: str, built_site: Path, lesson_paths: list[str], problems: PageProblems
) -> None:
    lesson = next(path for path in lesson_paths if 'class="quiz"' in page_source(built_site, path))
    page.goto(site_url + lesson)
    tree = accessibility_tree(page)

    # A heading's name is its text: its ¶ link adds nothing ("... Permanent link", "... ¶").
    headings = [node.name for node in tree if node.role == "heading"]
    texts = page.locator("article").locator("h1, h2, h3, h4").evaluate_all(
        "headings => headings.map(heading => heading.textContent.replace('¶', '').trim())"
    )
    assert set(texts) <= set(headings), f"heading names {headings} differ from their texts {texts}"
    # Each question's link is named after the question; none is just "#".
    questions = page.locator(".quiz").count()
    links = [node.name for node in tree if node.role == "link"]
    assert [name for name in links if name.startswith("Link to question")] == [
        f"Link to question {number}" for number in range(1, questions + 1)
    ]
    assert "#" not in links and not [name for name in links if "Permanent link" in name], links
    # The loading bar is not a progress bar while nothing loads.
    assert not ax_nodes(page, "progressbar"), "a progress bar is exposed on a page that is not loading"
    # "Mark lesson as done": the name stays, the pressed state changes.
    done = the_only(page, "button", "Mark lesson as done")
    assert done.properties.get("pressed") == "false", done
    page.get_by_role("button", name="Mark lesson as done").focus()
    page.keyboard.press("Space")
    expect(page.locator("[data-lesson-done-status]")).to_contain_text("Marked as done")
    done = the_only(page, "button", "Mark lesson as done")
    assert done.properties.get("pressed") == "true", done
    problems.assert_none()


def test_search_announces_how_many_results_it_found(page: Page, site_url: str, lesson_paths: list[str]) -> None:
    page.goto(site_url + lesson_paths[0])
    count = page.locator(".md-search-result__meta")
    expect(count).to_have_attribute("role", "status")
    page.get_by_role("textbox", name="Search").click()
    expect(count).not_to_have_text("Initializing search")
    page.keyboard.type(page.locator("[data-md-component=content] h1").inner_text())
    expect(count).to_have_text(re.compile(r"^\d+ matching documents?$"))
    # Screen readers get the line as a polite live region, so the count is read out as it changes.
    node = ax_node(count)
    assert node.role == "status" and node.properties.get("live") == "polite", node


def test_every_page_has_a_skip_link_to_its_title(built_site: Path) -> None:
    missing = []
    for path in built_pages(built_site):
        html = page_source(built_site, path)
        if 'class="md-skip course-skip"' not in html or not re.search(r'id="__title"', html):
            missing.append(path)
    assert not missing, f"pages without a skip link to their title: {missing}"


def test_no_page_repeats_a_navigation_landmarks_name(built_site: Path) -> None:
    """Material renders the table of contents twice (sidebar, and inside the navigation for the
    phone's drawer): the built HTML, where both copies are, holds no two navigation landmarks of
    the same name (what html-validate's unique-landmark reads)."""
    repeated = {}
    for path in built_pages(built_site):
        soup = BeautifulSoup(page_source(built_site, path), "html.parser")
        names = []
        for nav in soup.find_all("nav"):
            label = nav.get("aria-label")
            if label is None and nav.get("aria-labelledby"):
                target = soup.find(id=nav["aria-labelledby"])
                label = target and (target.get("aria-label") or target.get_text(" ", strip=True))
            if label:
                names.append(label)
        doubles = sorted({name for name in names if names.count(name) > 1})
        if doubles:
            repeated[path] = doubles
    assert not repeated, f"navigation landmarks sharing a name: {repeated}"
