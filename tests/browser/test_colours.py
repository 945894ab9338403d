"""Colours in every state a learner meets, measured in the browser once transitions have settled:
links, navigation and buttons at rest, hovered, focused and pressed, answered quizzes with their
disabled choices, in the light and the dark scheme (WCAG 1.4.3, 4.5:1 for text). And forced
colours (Windows high contrast), where the marks that carry meaning must still show."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect

from a11y_helpers import contrasts, mark_contrast
from browser_helpers import MATERIAL_SCHEMES, PageProblems, built_pages, expect_scheme, page_source, settle

TEXT = 4.5  # WCAG 1.4.3, normal-size text
MARK = 3.0  # WCAG 1.4.11, graphics that carry meaning


def measure(target: Locator, label: str, results: dict[str, str], states: tuple[str, ...] = ("rest", "hover", "focus")) -> None:
    """Record the contrast of `target`'s text in each state; only failures are kept."""
    for state, measured in contrasts(target, states).items():
        if measured.ratio < TEXT:
            results[f"{label}, {state}"] = str(measured)


def worksheet_page(built_site: Path) -> str:
    return next(path for path in built_pages(built_site) if "data-worksheet=" in page_source(built_site, path))


@pytest.mark.parametrize("scheme", list(MATERIAL_SCHEMES))
def test_text_keeps_its_contrast_in_every_state(
    new_page: Callable[..., Page], site_url: str, built_site: Path, lesson_paths: list[str], scheme: str, problems: PageProblems
) -> None:
    # Reduced motion: Material then drops its colour fades, so each state shows its final colours
    # at once, the colours the fades end on (the keyboard tests keep the motion).
    page = new_page(color_scheme=scheme, reduced_motion="reduce")
    failures: dict[str, str] = {}

    page.goto(site_url)
    expect_scheme(page, scheme)
    measure(page.locator("[data-course-start]"), "home: primary action", failures, ("rest", "hover", "focus", "active"))
    measure(page.locator(".course-outline .lesson-list a").first, "home: course outline link", failures)

    page.goto(site_url + lesson_paths[0])
    measure(page.locator("article p a:not(.glossary-term)").first, "lesson: link in the text", failures, ("rest", "hover", "focus", "active"))
    measure(page.locator(".md-nav--primary a.md-nav__link:not(.md-nav__link--active)").last, "lesson: navigation link", failures)
    measure(page.locator(".md-sidebar--secondary a.md-nav__link").first, "lesson: table of contents link", failures)
    measure(page.locator(".next-block a.next-block__link"), "lesson: next-block card", failures)
    for part in ("direction", "title"):  # Material fades the footer's link to 70 % on hover
        measure(page.locator(f".md-footer__link--next .md-footer__{part}"), f"lesson: footer's next link, {part}", failures)
    done = page.locator("[data-lesson-done] button")
    measure(done, "lesson: Mark lesson as done", failures)
    done.click()
    expect(done).to_have_attribute("aria-pressed", "true")
    measure(done, "lesson: Mark lesson as done, pressed", failures)

    # An answered question: the right and the wrong answer marked, every choice disabled.
    quiz = page.locator(".quiz").first
    choices = quiz.locator("fieldset > div")
    wrong = quiz.locator("input:not([data-correct])").first
    wrong.check()
    quiz.locator("button[type=submit]").click()
    expect(quiz.locator("input").first).to_be_disabled()
    for index in range(choices.count()):
        label = choices.nth(index).locator("label")
        marked = choices.nth(index).get_attribute("class") or "plain"
        measure(label, f"quiz: answered choice {index + 1} ({marked})", failures, ("rest", "hover"))
    submit = quiz.locator("button[type=submit]")
    if submit.is_visible():
        measure(submit, "quiz: Submit, disabled", failures, ("rest",))

    page.goto(site_url + worksheet_page(built_site))
    for index, button in enumerate(page.locator(".worksheet__actions .md-button").all()):
        measure(button, f"worksheet: button {index + 1}", failures, ("rest", "hover", "focus", "active"))

    # Visited links keep their colour: no style sheet sets one (browsers hide it from scripts).
    visited = page.evaluate(
        """() => [...document.styleSheets].flatMap(sheet => { try { return [...sheet.cssRules]; } catch { return []; } })
            .map(rule => rule.selectorText || "").filter(selector => selector.includes(":visited"))"""
    )
    assert not visited, f"style rules for visited links, unmeasured: {visited}"
    assert not failures, f"text under {TEXT}:1 in the {scheme} scheme:\n" + "\n".join(f"  {k}: {v}" for k, v in failures.items())
    problems.assert_none()


def test_forced_colours_keep_every_mark_that_carries_meaning(
    new_page: Callable[..., Page], site_url: str, lesson_paths: list[str], problems: PageProblems
) -> None:
    page = new_page(forced_colors="active", reduced_motion="reduce")
    page.goto(site_url + lesson_paths[0])
    assert page.evaluate("matchMedia('(forced-colors: active)').matches")
    failures: dict[str, str] = {}

    def check(target: Locator, pseudo: str, label: str) -> None:
        measured = mark_contrast(target, pseudo)
        if measured.ratio < MARK:
            failures[label] = str(measured)

    # The section toggle's chevron: the toggle's only visible content.
    check(page.locator(".course-nav-toggle .md-nav__icon").first, "::after", "navigation: section toggle's chevron")
    # Done: the navigation's check mark, then the course map's badge.
    page.get_by_role("button", name="Mark lesson as done").click()
    mark = page.locator(".md-nav--primary .course-nav-done").first
    expect(mark).to_be_visible()
    check(mark, "", "navigation: done mark")
    # mkdocs-quiz's progress: the fill of its bar once a question is answered right.
    quiz = page.locator(".quiz").first
    quiz.locator("input[data-correct]").first.check()
    quiz.locator("button[type=submit]").click()
    fill = page.locator("#quiz-progress-sidebar .quiz-progress-bar-correct")
    expect(fill).not_to_have_attribute("style", "width: 0%;")
    settle(page)
    assert fill.bounding_box()["width"] > 0
    check(fill, "", "quiz: progress fill")
    page.goto(site_url)
    check(page.locator(".lesson-state--done").first, "::before", "home: done badge's check mark")
    assert not failures, "marks that vanish in forced colours:\n" + "\n".join(f"  {k}: {v}" for k, v in failures.items())
    problems.assert_none()
