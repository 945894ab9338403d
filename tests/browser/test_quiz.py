"""The "Check your understanding" quizzes (mkdocs-quiz), answered as learners answer them: with
the mouse, with the keyboard alone, on a phone; feedback is shown and announced, and answers
survive a reload and a round trip through instant navigation."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from browser_helpers import (
    MATERIAL_SCHEMES,
    PageProblems,
    at_page,
    axe_report,
    expect_scheme,
    kept_document,
    mark_document,
    page_source,
    start_axe,
)


@pytest.fixture(scope="session")
def quiz_lesson(built_site: Path, lesson_paths: list[str]) -> str:
    """The first lesson with at least two quizzes: one to answer right, one wrong."""
    return next(path for path in lesson_paths if page_source(built_site, path).count('<div class="quiz"') >= 2)


@dataclass
class Answer:
    """An answer to give to the page's `quiz`-th quiz, and the feedback its author wrote for it."""

    quiz: int
    option: int
    correct: bool
    feedback: str


def pick_answer(page: Page, quiz: int, correct: bool, last: bool = False) -> Answer:
    """The quiz's first (or last) right (or wrong) answer, as the quiz's own markup says."""
    options = page.locator(".quiz").nth(quiz).locator("fieldset > div")
    flags = options.locator("input").evaluate_all("inputs => inputs.map(input => input.hasAttribute('data-correct'))")
    option = [index for index, flag in enumerate(flags) if flag == correct][-1 if last else 0]
    feedback = (options.nth(option).locator(".answer-feedback").text_content() or "").strip()
    assert feedback, "every answer in the course has its own feedback"
    return Answer(quiz, option, correct, feedback)


def answer_with_mouse(page: Page, answer: Answer, tap: bool = False) -> None:
    quiz = page.locator(".quiz").nth(answer.quiz)
    for target in (quiz.locator("fieldset label").nth(answer.option), quiz.get_by_role("button", name="Submit")):
        target.tap() if tap else target.click()


def answer_with_keyboard(page: Page, answer: Answer, submit_from_button: bool) -> None:
    """Tab into the answers, move with the arrow keys (Space on the first), submit with Enter
    on the Submit button or straight from the chosen answer."""
    quiz = page.locator(".quiz").nth(answer.quiz)
    quiz.locator(".quiz-header-link").focus()  # the link just before the answers
    page.keyboard.press("Tab")
    options = quiz.locator("fieldset input")
    expect(options.nth(0)).to_be_focused()
    if answer.option == 0:
        page.keyboard.press("Space")
    for _ in range(answer.option):
        page.keyboard.press("ArrowDown")
    expect(options.nth(answer.option)).to_be_focused()
    expect(options.nth(answer.option)).to_be_checked()
    expect(quiz.locator(".quiz-feedback")).to_be_hidden()  # choosing is not answering yet
    if submit_from_button:
        page.keyboard.press("Tab")
        expect(quiz.get_by_role("button", name="Submit")).to_be_focused()
    page.keyboard.press("Enter")


def expect_feedback(page: Page, answer: Answer) -> None:
    """The answer is marked right or wrong, and the feedback written for it is shown in the
    quiz's live region, where screen readers announce it."""
    quiz = page.locator(".quiz").nth(answer.quiz)
    option = quiz.locator("fieldset > div").nth(answer.option)
    expect(option.locator("input")).to_be_checked()
    expect(option).to_have_class(re.compile(r"\bcorrect\b" if answer.correct else r"\bwrong\b"))
    expect(quiz.locator(".quiz-feedback")).to_be_visible()
    expect(quiz.locator(".quiz-feedback-item")).to_have_class(
        re.compile(r"\bcorrect\b" if answer.correct else r"\bincorrect\b")
    )
    live_region = quiz.get_by_role("status")
    expect(live_region).to_have_attribute("role", "status")
    expect(live_region).to_contain_text(answer.feedback)


def test_mouse_answers_get_their_feedback_and_survive_reload_and_instant_navigation(
    page: Page, site_url: str, quiz_lesson: str, problems: PageProblems
) -> None:
    page.goto(site_url + quiz_lesson)
    title = page.locator("h1").inner_text()
    right, wrong = pick_answer(page, 0, correct=True), pick_answer(page, 1, correct=False)

    expect(page.locator(".quiz").nth(0).get_by_role("status")).to_have_text("")  # nothing announced yet
    answer_with_mouse(page, right)
    expect_feedback(page, right)
    answer_with_mouse(page, wrong)
    expect_feedback(page, wrong)
    # With show_correct, a wrong answer also reveals the right one.
    revealed = pick_answer(page, 1, correct=True).option
    expect(page.locator(".quiz").nth(1).locator("fieldset > div").nth(revealed)).to_have_class(re.compile(r"\bcorrect\b"))

    page.reload()
    expect_feedback(page, right)
    expect_feedback(page, wrong)

    mark_document(page)
    page.locator("a.md-footer__link--next").click()
    expect(page.locator("h1")).not_to_have_text(title)
    page.locator("a.md-footer__link--prev").click()
    expect(page.locator("h1")).to_have_text(title)
    expect(page).to_have_url(at_page(site_url + quiz_lesson))
    expect_feedback(page, right)
    expect_feedback(page, wrong)
    assert kept_document(page), "the round trip should use instant navigation, not reload the page"
    problems.assert_none()


def test_keyboard_alone_answers_right_and_wrong(
    page: Page, site_url: str, quiz_lesson: str, problems: PageProblems
) -> None:
    page.goto(site_url + quiz_lesson)
    # The last such answers: reaching them with the arrow keys must not answer on the way.
    right, wrong = pick_answer(page, 0, correct=True, last=True), pick_answer(page, 1, correct=False, last=True)
    answer_with_keyboard(page, right, submit_from_button=True)
    expect_feedback(page, right)
    answer_with_keyboard(page, wrong, submit_from_button=False)
    expect_feedback(page, wrong)
    problems.assert_none()


def test_answered_quizzes_meet_wcag_22_aa_in_both_schemes(
    new_page: Callable[..., Page], site_url: str, quiz_lesson: str
) -> None:
    pages = {scheme: new_page(color_scheme=scheme) for scheme in MATERIAL_SCHEMES}
    for scheme, page in pages.items():
        page.goto(site_url + quiz_lesson)
        expect_scheme(page, scheme)
        answer_with_mouse(page, pick_answer(page, 0, correct=True))
        wrong = pick_answer(page, 1, correct=False)
        answer_with_mouse(page, wrong)
        expect_feedback(page, wrong)
        start_axe(page, ".quiz")
    reports = {scheme: axe_report(page) for scheme, page in pages.items()}
    assert not any(reports.values()), "\n".join(f"{scheme} scheme:\n{report}" for scheme, report in reports.items())


def test_quiz_can_be_answered_by_tapping_on_a_phone(
    mobile_page: Page, site_url: str, quiz_lesson: str, problems: PageProblems
) -> None:
    mobile_page.goto(site_url + quiz_lesson)
    quiz = mobile_page.locator(".quiz").nth(0)
    quiz.scroll_into_view_if_needed()
    box = quiz.bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= 375, f"the quiz does not fit the screen: {box}"
    answer = pick_answer(mobile_page, 0, correct=True)
    answer_with_mouse(mobile_page, answer, tap=True)
    expect_feedback(mobile_page, answer)
    problems.assert_none()
