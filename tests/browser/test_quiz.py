"""The "Check your understanding" quizzes (mkdocs-quiz), answered as learners answer them: with
the mouse, with the keyboard alone, on a phone; feedback is shown and announced, and answers
survive a reload and a round trip through instant navigation."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect

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
    """An answer to give to the page's `quiz`-th quiz, and the feedback its author wrote for it.

    Answers are shuffled on each load (mkdocs-quiz's `shuffle_answers`), so an answer is known by
    its input's value (its place in the lesson's source, which is what mkdocs-quiz stores), never
    by its place on the screen.
    """

    quiz: int
    value: str
    text: str
    correct: bool
    feedback: str


# Each answer of a quiz, in the order shown: its value, whether it is right, its label and feedback.
_ANSWERS = """divs => divs.map(div => [
  div.querySelector("input").value,
  div.querySelector("input").hasAttribute("data-correct"),
  div.querySelector("label").textContent.trim(),
  (div.querySelector(".answer-feedback") || {textContent: ""}).textContent.trim(),
])"""


def shown_answers(page: Page, quiz: int) -> list[tuple[str, bool, str, str]]:
    return [tuple(answer) for answer in page.locator(".quiz").nth(quiz).locator("fieldset > div").evaluate_all(_ANSWERS)]


def pick_answer(page: Page, quiz: int, correct: bool, last: bool = False) -> Answer:
    """The quiz's first (or last) right (or wrong) answer on the screen, as the quiz's own markup says."""
    value, _, text, feedback = [answer for answer in shown_answers(page, quiz) if answer[1] == correct][-1 if last else 0]
    assert feedback, "every answer in the course has its own feedback"
    return Answer(quiz, value, text, correct, feedback)


def option_of(page: Page, answer: Answer) -> Locator:
    """The answer's row (its radio button, label and feedback), wherever the shuffle put it."""
    options = page.locator(".quiz").nth(answer.quiz).locator("fieldset > div")
    return options.filter(has=page.locator(f'input[value="{answer.value}"]'))


def answer_with_mouse(page: Page, answer: Answer, tap: bool = False) -> None:
    quiz = page.locator(".quiz").nth(answer.quiz)
    for target in (option_of(page, answer).locator("label"), quiz.get_by_role("button", name="Submit")):
        target.tap() if tap else target.click()


def answer_with_keyboard(page: Page, answer: Answer, submit_from_button: bool) -> None:
    """Tab into the answers, move with the arrow keys (Space on the first), submit with Enter
    on the Submit button or straight from the chosen answer."""
    quiz = page.locator(".quiz").nth(answer.quiz)
    position = [value for value, *_ in shown_answers(page, answer.quiz)].index(answer.value)
    quiz.locator(".quiz-header-link").focus()  # the link just before the answers
    page.keyboard.press("Tab")
    options = quiz.locator("fieldset input")
    expect(options.nth(0)).to_be_focused()
    if position == 0:
        page.keyboard.press("Space")
    for _ in range(position):
        page.keyboard.press("ArrowDown")
    expect(options.nth(position)).to_be_focused()
    expect(options.nth(position)).to_be_checked()
    expect(quiz.locator(".quiz-feedback")).to_be_hidden()  # choosing is not answering yet
    if submit_from_button:
        page.keyboard.press("Tab")
        expect(quiz.get_by_role("button", name="Submit")).to_be_focused()
    page.keyboard.press("Enter")


def expect_feedback(page: Page, answer: Answer) -> None:
    """The answer is marked right or wrong, and the feedback written for it is shown in the
    quiz's live region, where screen readers announce it."""
    quiz = page.locator(".quiz").nth(answer.quiz)
    option = option_of(page, answer)
    expect(option.locator("label")).to_have_text(answer.text)
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
    expect(option_of(page, pick_answer(page, 1, correct=True))).to_have_class(re.compile(r"\bcorrect\b"))

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


# Makes mkdocs-quiz's shuffle (Fisher-Yates over Math.random) predictable, one order per load of the
# tab: the first load keeps the source order (random() just below 1 swaps nothing), the next moves
# every answer (random() = 0 swaps each with the first), and so on.
_ONE_ORDER_PER_LOAD = """(() => {
  const load = Number(sessionStorage.getItem("test-load") || 0);
  sessionStorage.setItem("test-load", String(load + 1));
  const value = load % 2 ? 0 : 0.999;
  Math.random = () => value;
})();"""


def test_answers_are_shuffled_and_a_restored_answer_is_the_same_answer_in_a_new_order(
    page: Page, site_url: str, quiz_lesson: str, problems: PageProblems
) -> None:
    page.add_init_script(_ONE_ORDER_PER_LOAD)
    page.goto(site_url + quiz_lesson)
    before = [value for value, *_ in shown_answers(page, 0)]
    assert before == sorted(before, key=int), "the first load keeps the source order"
    right, wrong = pick_answer(page, 0, correct=True, last=True), pick_answer(page, 1, correct=False, last=True)
    answer_with_mouse(page, right)
    answer_with_mouse(page, wrong)
    expect_feedback(page, wrong)

    page.reload()
    after = [value for value, *_ in shown_answers(page, 0)]
    assert sorted(after) == sorted(before) and all(a != b for a, b in zip(after, before)), "every answer moved"
    # The same answers, by their text, are chosen and marked as before; the quiz still counts as answered.
    expect_feedback(page, right)
    expect_feedback(page, wrong)
    expect(page.locator(".quiz").nth(0).locator("fieldset input:checked")).to_have_count(1)
    problems.assert_none()
