"""The light and dark schemes: the header toggle switches them, and the choice follows the
reader to other pages, through instant navigation and full loads alike."""

from __future__ import annotations

from collections.abc import Callable

from playwright.sync_api import Page, expect

from browser_helpers import PageProblems, expect_scheme, kept_document, mark_document


def background_luminance(page: Page) -> float:
    """The page background's relative luminance (WCAG): 0 is black, 1 is white."""
    return page.evaluate(
        """() => {
            const [r, g, b] = getComputedStyle(document.body).backgroundColor.match(/\\d+/g).map(Number);
            const linear = c => (c /= 255) <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
            return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
        }"""
    )


def expect_dark(page: Page) -> None:
    expect_scheme(page, "dark")
    assert background_luminance(page) < 0.05, "the dark scheme is on but the page is not dark"


def test_dark_mode_toggle_works_and_persists_across_pages(
    new_page: Callable[..., Page], site_url: str, lesson_paths: list[str], problems: PageProblems
) -> None:
    page = new_page(color_scheme="light")
    page.goto(site_url)
    expect_scheme(page, "light")
    assert background_luminance(page) > 0.8

    # The toggle goes from the system setting to light, then to dark.
    toggle = page.locator('form[data-md-component="palette"] label:not([hidden])')
    toggle.click()
    expect(page.locator("#__palette_1")).to_be_checked()
    expect_scheme(page, "light")
    toggle.click()
    expect(page.locator("#__palette_2")).to_be_checked()
    expect_dark(page)

    mark_document(page)
    page.locator(".course-outline .lesson-list a").first.click()
    expect(page.locator(".lesson-objectives")).to_be_visible()
    assert kept_document(page), "the lesson should open through instant navigation"
    expect_dark(page)

    page.goto(site_url + lesson_paths[-1])
    expect_dark(page)
    problems.assert_none()


def test_first_visit_is_drawn_in_the_system_scheme_before_material_starts(
    new_page: Callable[..., Page], site_url: str, lesson_paths: list[str], problems: PageProblems
) -> None:
    """Nothing stored yet: the inline palette script (overrides/partials/javascripts/palette.html)
    puts the system's scheme on the page before the first paint, not Material's bundle after it."""
    page = new_page(color_scheme="dark")
    # Material's bundle replaced by an empty script: what shows is the page before it starts.
    page.route("**/assets/javascripts/bundle.*.min.js", lambda route: route.fulfill(body="", content_type="text/javascript"))
    page.goto(site_url + lesson_paths[0])
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
    assert background_luminance(page) < 0.05, "a dark system's first visit should be dark before any script but the palette's"
    problems.take()  # the course's scripts, which need Material's, may complain on this page

    # With the bundle, Material takes over with the same colors and then lets transitions run
    # again (data-md-color-switching, which the inline script set ahead of it, is removed).
    page = new_page(color_scheme="dark")
    page.goto(site_url + lesson_paths[0])
    expect_dark(page)
    expect(page.locator("body")).not_to_have_attribute("data-md-color-switching", "")
    problems.assert_none()
