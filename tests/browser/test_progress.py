"""Learner progress as a learner meets it: marking lessons done, quizzes, the course map, the
navigation marks, resuming, saving and loading a progress file, resetting, instant navigation,
the keyboard alone, and pages without JavaScript."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Locator, Page, expect

from browser_helpers import PageProblems, open_context, settle, watch
from site_helpers import page_url, read_front_matter

WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}}
# What this feature adds to pages: the course map with the progress panel and reset dialog, the
# block's lesson list, the done button, and the navigation with its marks. Whole pages are checked
# by tests/browser/test_pages.py.
PROGRESS_UI = {"include": [".course-outline", ".block-lessons", "[data-lesson-done]", ".md-sidebar--primary"]}
# A toggle button: its name stays, aria-pressed says whether the lesson is done.
MARK = "Mark lesson as done"


@pytest.fixture(scope="module")
def lessons(nav_blocks) -> list[str]:
    return [lesson for block in nav_blocks for lesson in block.lessons]


def title(src_path: str) -> str:
    return read_front_matter(src_path)["title"]


def minutes_left(lessons: list[str], done: set[str]) -> str:
    left = sum(read_front_matter(lesson)["duration"] for lesson in lessons if lesson not in done)
    hours, rest = divmod(left, 60)
    return f"{hours} h {rest} min" if hours and rest else f"{hours} h" if hours else f"{rest} min"


def done_button(page: Page) -> Locator:
    return page.locator("[data-lesson-done] button")


def progress_summary(page: Page) -> Locator:
    return page.locator("[data-progress-summary]")


def nav_link(page: Page, src_path: str) -> Locator:
    return page.locator(".md-nav--primary").get_by_role("link", name=re.compile("^" + re.escape(title(src_path))))


def lesson_state(page: Page, src_path: str) -> Locator:
    return page.locator(f'[data-lesson="{page_url(src_path)}"] [data-lesson-state]')


def answer(quiz: Locator) -> None:
    """Choose a quiz's right answers and submit them (mkdocs-quiz submits single choices by itself)."""
    for choice in quiz.locator("input[data-correct]").all():
        choice.check()
    submit = quiz.locator("button[type=submit]")
    if submit.count() and submit.is_visible() and submit.is_enabled():
        submit.click()
    expect(quiz.locator("input").first).to_be_disabled()


def answer_every_question_right(page: Page) -> None:
    for quiz in page.locator(".quiz").all():
        if quiz.locator("input").first.is_enabled():
            answer(quiz)


def test_marking_a_lesson_done_and_undoing_it(page: Page, site_url: str, lessons: list[str], problems: PageProblems) -> None:
    page.goto(site_url + page_url(lessons[0]))
    button = page.get_by_role("button", name=MARK)
    expect(button).to_have_attribute("aria-pressed", "false")
    button.click()
    expect(page.get_by_role("button", name=MARK)).to_have_attribute("aria-pressed", "true")
    expect(page.get_by_role("status").filter(has_text="Marked as done")).to_have_text(
        f"Marked as done. 1 of {len(lessons)} lessons done."
    )
    page.reload()
    expect(page.get_by_role("button", name=MARK)).to_have_attribute("aria-pressed", "true")
    page.get_by_role("button", name=MARK).click()
    expect(page.get_by_role("button", name=MARK)).to_have_attribute("aria-pressed", "false")
    expect(page.locator("[data-lesson-done-status]")).to_have_text(f"Marked as not done. 0 of {len(lessons)} lessons done.")
    problems.assert_none()


def test_home_counts_states_and_block_progress_after_a_reload(page: Page, site_url: str, nav_blocks, lessons: list[str]) -> None:
    page.goto(site_url + page_url(lessons[0]))
    page.get_by_role("button", name=MARK).click()
    expect(done_button(page)).to_have_attribute("aria-pressed", "true")
    page.goto(site_url)
    page.reload()
    expected = f"1 of {len(lessons)} lessons done · {minutes_left(lessons, {lessons[0]})} left"
    expect(progress_summary(page)).to_have_text(expected)
    expect(lesson_state(page, lessons[0])).to_have_text("Done")
    expect(lesson_state(page, lessons[1])).to_have_text("Not started")
    # The course map shows every block and lesson with its minutes and objectives.
    for block in nav_blocks:
        expect(page.locator(".course-outline").get_by_role("heading", name=re.compile(re.escape(block.title)))).to_be_visible()
        for lesson in block.lessons:
            item = page.locator(f'.course-outline [data-lesson="{page_url(lesson)}"]')
            expect(item).to_contain_text(f"{read_front_matter(lesson)['duration']} min")
            expect(item.locator("details li")).to_have_count(len(read_front_matter(lesson)["objectives"]))
    first = nav_blocks[0]
    expect(page.locator(f'.course-outline [data-block-progress="{page_url(first.index)}"]')).to_have_text(
        f"1 of {len(first.lessons)} lessons done"
    )
    page.goto(site_url + page_url(first.index))
    expect(page.locator(".block-lessons [data-block-progress]")).to_have_text(f"1 of {len(first.lessons)} lessons done")
    expect(lesson_state(page, lessons[0])).to_have_text("Done")


def test_a_lesson_is_done_when_every_quiz_question_is_answered_correctly(page: Page, site_url: str, lessons: list[str]) -> None:
    lesson = lessons[1]
    page.goto(site_url + page_url(lesson))
    answer(page.locator(".quiz").first)
    expect(done_button(page)).to_have_attribute("aria-pressed", "false")
    answer_every_question_right(page)
    expect(page.get_by_role("button", name=MARK)).to_have_attribute("aria-pressed", "true")
    expect(page.locator("[data-lesson-done-status]")).to_have_text("Every question answered correctly: this lesson is done.")
    # The answers are mkdocs-quiz's own record; the home page reads them.
    page.goto(site_url)
    expect(lesson_state(page, lesson)).to_have_text("Done")
    expect(progress_summary(page)).to_contain_text(f"1 of {len(lessons)} lessons done")
    # Undoing wins over the quiz until the learner does something new.
    page.goto(site_url + page_url(lesson))
    page.get_by_role("button", name=MARK).click()
    page.reload()
    expect(done_button(page)).to_have_attribute("aria-pressed", "false")


def test_a_visited_lesson_or_a_started_quiz_is_in_progress(page: Page, site_url: str, lessons: list[str]) -> None:
    page.goto(site_url + page_url(lessons[2]))
    expect(done_button(page)).to_be_visible()
    page.goto(site_url)
    expect(lesson_state(page, lessons[2])).to_have_text("In progress")
    expect(lesson_state(page, lessons[3])).to_have_text("Not started")


def test_done_lessons_are_marked_in_the_navigation(page: Page, site_url: str, lessons: list[str]) -> None:
    page.goto(site_url + page_url(lessons[0]))
    page.get_by_role("button", name=MARK).click()
    expect(nav_link(page, lessons[0]).first).to_have_accessible_name(f"{title(lessons[0])} (done)")
    # Table-of-contents links to sections of the done page are not marked.
    expect(page.locator(".md-nav--secondary .course-nav-done")).to_have_count(0)
    page.goto(site_url + page_url(lessons[1]))
    expect(nav_link(page, lessons[0])).to_have_accessible_name(f"{title(lessons[0])} (done)")
    expect(nav_link(page, lessons[0]).locator(".course-nav-done")).to_be_visible()
    expect(nav_link(page, lessons[1]).first).to_have_accessible_name(title(lessons[1]))


def test_resume_link_leads_to_the_last_lesson_opened(page: Page, site_url: str, lessons: list[str]) -> None:
    page.goto(site_url)
    expect(progress_summary(page)).to_be_visible()
    expect(page.get_by_role("link", name="Resume where you left off")).to_be_hidden()
    page.goto(site_url + page_url(lessons[0]))
    page.goto(site_url + page_url(lessons[2]))
    page.goto(site_url)
    expect(page.locator("[data-progress-resume]")).to_contain_text(f"Last opened: {title(lessons[2])}")
    page.get_by_role("link", name="Resume where you left off").click()
    expect(page).to_have_url(site_url + page_url(lessons[2]))


def save_progress(page: Page, target: Path) -> dict:
    with page.expect_download() as download:
        page.get_by_role("button", name="Save progress to a file").click()
    download.value.save_as(target)
    return json.loads(target.read_text())


def load_progress(page: Page, source: Path) -> None:
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="Load progress from a file").click()
    chooser.value.set_files(source)


def reset_progress(page: Page) -> None:
    page.get_by_role("button", name="Reset progress…").click()
    page.get_by_role("dialog", name="Reset your progress?").get_by_role("button", name="Reset progress").click()


def test_progress_saved_to_a_file_loads_back(page: Page, site_url: str, lessons: list[str], tmp_path: Path) -> None:
    page.goto(site_url + page_url(lessons[0]))
    page.get_by_role("button", name=MARK).click()
    page.goto(site_url + page_url(lessons[1]))
    answer_every_question_right(page)
    expect(done_button(page)).to_have_attribute("aria-pressed", "true")
    page.goto(site_url)
    two_done = f"2 of {len(lessons)} lessons done"
    expect(progress_summary(page)).to_contain_text(two_done)

    saved = save_progress(page, tmp_path / "progress.json")
    assert saved["lessons"][page_url(lessons[0])]["done"] is True
    assert all(answer["correct"] for answer in saved["quizzes"][page_url(lessons[1])].values())

    reset_progress(page)
    expect(progress_summary(page)).to_contain_text(f"0 of {len(lessons)} lessons done")
    expect(page.locator("[data-progress-resume]")).to_be_hidden()

    load_progress(page, tmp_path / "progress.json")
    expect(page.get_by_role("status").filter(has_text="Progress loaded")).to_have_text(
        f"Progress loaded from progress.json: {two_done}."
    )
    expect(progress_summary(page)).to_contain_text(two_done)
    expect(page.locator("[data-progress-resume]")).to_contain_text(title(lessons[1]))
    # The quiz answers came back too: the lesson's quiz shows them as answered.
    page.goto(site_url + page_url(lessons[1]))
    expect(done_button(page)).to_have_attribute("aria-pressed", "true")
    expect(page.locator(".quiz input[data-correct]").first).to_be_checked()


BAD_FILES = {
    "not-json.json": (
        "{ this is not json",
        "This file is not a progress file saved from this course (it is not JSON). Nothing was changed.",
    ),
    "foreign.json": (
        '{"hello": "world"}',
        "This file is not a progress file saved from this course. Nothing was changed.",
    ),
    "other-course.json": (
        '{"format": "pm-course-progress", "version": 1, "course": "Another course", "last": null, "lessons": {}, "quizzes": {}}',
        "This progress file belongs to another course (Another course). Nothing was changed.",
    ),
    "damaged.json": (
        '{"format": "pm-course-progress", "version": 1, "course": "%s", "last": null, "lessons": {"x/": {"done": "yes"}}, "quizzes": {}}',
        "This progress file is damaged: some of its entries are not what the course saves. Nothing was changed.",
    ),
}


def test_a_bad_progress_file_is_explained_and_changes_nothing(
    page: Page, site_url: str, lessons: list[str], tmp_path: Path, mkdocs_config: dict
) -> None:
    page.goto(site_url + page_url(lessons[0]))
    page.get_by_role("button", name=MARK).click()
    page.goto(site_url)
    before = progress_summary(page).inner_text()
    status = page.locator("[data-progress-status]")
    expect(status).to_have_attribute("role", "status")
    for name, (content, message) in BAD_FILES.items():
        bad = tmp_path / name
        bad.write_text(content.replace("%s", mkdocs_config["site_name"]))
        load_progress(page, bad)
        expect(status).to_have_text(message)
        expect(progress_summary(page)).to_have_text(before)
    page.reload()
    expect(progress_summary(page)).to_have_text(before)


def test_reset_asks_first_and_can_be_cancelled(page: Page, site_url: str, lessons: list[str]) -> None:
    page.goto(site_url + page_url(lessons[0]))
    page.get_by_role("button", name=MARK).click()
    page.goto(site_url)
    reset = page.get_by_role("button", name="Reset progress…")
    reset.click()
    dialog = page.get_by_role("dialog", name="Reset your progress?")
    expect(dialog).to_be_visible()
    expect(dialog.get_by_role("button", name="Keep my progress")).to_be_focused()
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    expect(reset).to_be_focused()
    expect(progress_summary(page)).to_contain_text(f"1 of {len(lessons)}")
    reset.click()
    dialog.get_by_role("button", name="Keep my progress").click()
    expect(progress_summary(page)).to_contain_text(f"1 of {len(lessons)}")
    reset_progress(page)
    expect(page.locator("[data-progress-status]")).to_have_text("Your progress has been reset.")
    expect(progress_summary(page)).to_contain_text(f"0 of {len(lessons)}")
    expect(lesson_state(page, lessons[0])).to_have_text("Not started")


def test_progress_follows_instant_navigation(
    page: Page, site_url: str, lessons: list[str], problems: PageProblems
) -> None:
    # The site_url fixture serves a sitemap with this server's address, so navigation is instant.
    page.goto(site_url, wait_until="networkidle")
    page.evaluate("window.courseTestMarker = true")
    page.locator(".course-outline").get_by_role("link", name=title(lessons[0]), exact=True).click()
    expect(page).to_have_url(site_url + page_url(lessons[0]))
    page.get_by_role("button", name=MARK).click()
    expect(nav_link(page, lessons[0])).to_have_accessible_name(f"{title(lessons[0])} (done)")
    nav_link(page, lessons[1]).click()
    expect(page).to_have_url(site_url + page_url(lessons[1]))
    # One click toggles once, however many pages were opened in this document.
    page.get_by_role("button", name=MARK).click()
    expect(done_button(page)).to_have_attribute("aria-pressed", "true")
    page.locator(".md-header").get_by_role("link").first.click()
    expect(page).to_have_url(site_url)
    expect(progress_summary(page)).to_contain_text(f"2 of {len(lessons)} lessons done")
    expect(page.locator("[data-progress-resume]")).to_contain_text(title(lessons[1]))
    assert page.evaluate("window.courseTestMarker === true"), "the pages were not reached through instant navigation"
    problems.assert_none()


def test_keyboard_alone_marks_a_lesson_and_resets_progress(page: Page, site_url: str, lessons: list[str]) -> None:
    page.goto(site_url + page_url(lessons[0]))
    expect(done_button(page)).to_be_visible()
    for _ in range(400):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('[data-lesson-done] button')"):
            break
    expect(done_button(page)).to_be_focused()
    page.keyboard.press("Enter")
    expect(done_button(page)).to_have_attribute("aria-pressed", "true")
    page.keyboard.press("Space")
    expect(done_button(page)).to_have_attribute("aria-pressed", "false")
    page.keyboard.press("Enter")

    page.goto(site_url)
    page.get_by_role("button", name="Reset progress…").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("button", name="Keep my progress")).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Reset progress", exact=True)).to_be_focused()
    page.keyboard.press("Enter")
    expect(progress_summary(page)).to_contain_text(f"0 of {len(lessons)}")


def test_controls_have_accessible_names_and_live_regions(page: Page, site_url: str, lessons: list[str]) -> None:
    page.goto(site_url)
    for name in ("Save progress to a file", "Load progress from a file", "Reset progress…"):
        expect(page.get_by_role("button", name=name, exact=True)).to_be_visible()
    expect(page.locator("[data-progress-status]")).to_have_attribute("role", "status")
    page.goto(site_url + page_url(lessons[0]))
    expect(page.get_by_role("button", name=MARK, exact=True)).to_be_visible()
    expect(page.locator("[data-lesson-done-status]")).to_have_attribute("role", "status")


@pytest.fixture
def no_script_page(browser: Browser, site_url: str, problems: PageProblems) -> Iterator[Page]:
    context = open_context(browser, site_url, problems, java_script_enabled=False)
    yield watch(context.new_page(), problems)
    context.close()


def test_pages_are_complete_without_javascript(no_script_page: Page, site_url: str, nav_blocks, lessons: list[str]) -> None:
    page = no_script_page
    page.goto(site_url)
    outline = page.locator(".course-outline")
    for lesson in lessons:
        expect(outline.get_by_role("link", name=title(lesson), exact=True)).to_be_visible()
    expect(page.locator("[data-course-progress]")).to_be_hidden()
    for name in ("Save progress to a file", "Load progress from a file", "Reset progress…"):
        expect(page.get_by_role("button", name=name)).to_have_count(0)
    page.goto(site_url + page_url(lessons[0]))
    expect(page.get_by_role("button", name=MARK)).to_have_count(0)
    expect(page.locator(".next-block")).to_be_visible()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_progress_pages_meet_wcag_22_aa(
    browser: Browser, site_url: str, lessons: list[str], problems: PageProblems, tmp_path: Path, scheme: str
) -> None:
    context = open_context(browser, site_url, problems, color_scheme=scheme)
    page = watch(context.new_page(), problems)
    axe = Axe()
    reports = []
    try:
        page.goto(site_url + page_url(lessons[0]))
        page.get_by_role("button", name=MARK).click()
        expect(page.get_by_role("status").filter(has_text="Marked as done")).to_be_visible()
        settle(page)
        reports.append(axe.run(page, context=PROGRESS_UI, options=WCAG_AA))
        page.goto(site_url + page_url(lessons[1]))
        expect(done_button(page)).to_be_visible()
        settle(page)
        reports.append(axe.run(page, context=PROGRESS_UI, options=WCAG_AA))
        page.goto(site_url)
        page.locator(".course-outline details summary").first.click()
        expect(page.locator("[data-progress-resume]")).to_be_visible()
        bad = tmp_path / "bad.json"
        bad.write_text("not a progress file")
        load_progress(page, bad)
        expect(page.locator(".course-status--error")).to_be_visible()
        settle(page)
        reports.append(axe.run(page, context=PROGRESS_UI, options=WCAG_AA))
        page.get_by_role("button", name="Reset progress…").click()
        expect(page.get_by_role("dialog", name="Reset your progress?")).to_be_visible()
        settle(page)
        reports.append(axe.run(page, context=PROGRESS_UI, options=WCAG_AA))
    finally:
        context.close()
    failures = [report.generate_report() for report in reports if report.violations_count]
    assert not failures, f"{scheme} scheme:\n" + "\n".join(failures)


def test_print_view_renders_the_diagrams_and_meets_wcag_22_aa(page: Page, site_url: str, problems: PageProblems) -> None:
    page.goto(site_url)
    page.get_by_role("link", name="the whole course on one page").click()
    expect(page).to_have_url(site_url + "print/")
    # The drawings are in the page as built, each one an image named by its accTitle.
    diagrams = page.locator("#print-site-page figure.diagram svg[role=img]")
    expect(diagrams.first).to_be_visible()
    for diagram in diagrams.all():
        expect(diagram).to_have_accessible_name(re.compile(r"\S"))
        diagram.scroll_into_view_if_needed()
        box = diagram.bounding_box()
        assert box is not None and box["height"] > 50, box
    # The print view's own parts (contents, titles, objectives, quizzes). Code samples keep the
    # colours they have on their own pages; whole pages, in both schemes, are checked by
    # tests/browser/test_pages.py.
    report = Axe().run(page, context={"include": ["#print-site-page"], "exclude": [".highlight"]}, options=WCAG_AA)
    assert not report.violations_count, report.generate_report()
    problems.assert_none()
