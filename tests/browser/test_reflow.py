"""Reflow at 320 CSS px (WCAG 1.4.10: a 1280 px desktop zoomed to 400 %): no page scrolls
sideways; content wider than the column (tables now, wide diagrams once they use the same
region) scrolls inside a named region that a keyboard can reach and scroll. Every page of the
built site is checked, so new pages are covered without being listed."""

from __future__ import annotations

from collections.abc import Callable

from playwright.sync_api import Page

from browser_helpers import PageProblems

# What the page shows at 320 px: whether it scrolls sideways (and what sticks out), and each
# scroll region with what a keyboard and a screen reader get from it.
_REFLOW = """() => {
    const root = document.scrollingElement;
    const sticksOut = element => element.getBoundingClientRect().right > root.clientWidth + 1;
    const culprits = root.scrollWidth > root.clientWidth
        ? [...document.body.querySelectorAll("*")]
            .filter(element => sticksOut(element) && !sticksOut(element.parentElement))
            .filter(element => getComputedStyle(element).position !== "fixed")
            .slice(0, 3).map(element => [element.tagName.toLowerCase(), ...element.classList].join("."))
        : [];
    const regions = [...document.querySelectorAll(".course-scroll")].map(region => ({
        scrolls: region.scrollWidth > region.clientWidth,
        tabStop: region.tabIndex === 0,
        role: region.getAttribute("role"),
        name: region.getAttribute("aria-label") || "",
    }));
    const looseTables = [...document.querySelectorAll("article table")].filter(table => !table.closest(".course-scroll")).length;
    return {width: root.scrollWidth, culprits, regions, looseTables};
}"""


def test_every_page_reflows_at_320_px(new_page: Callable[..., Page], site_url: str, site_pages: list[str], problems: PageProblems) -> None:
    page = new_page(viewport={"width": 320, "height": 640})
    failures: dict[str, str] = {}
    scrolled_page = ""
    for path in site_pages:
        # The course's script sizes the regions when Material's document$ emits, on DOMContentLoaded.
        page.goto(site_url + path, wait_until="domcontentloaded")
        page.evaluate("document.fonts.ready")
        found = page.evaluate(_REFLOW)
        problems_here = []
        if found["culprits"]:
            problems_here.append(f"the page is {found['width']} px wide; sticking out: {found['culprits']}")
        if found["looseTables"]:
            problems_here.append(f"{found['looseTables']} table(s) outside a scroll region")
        for region in found["regions"]:
            if region["role"] != "region" or not region["name"]:
                problems_here.append(f"a scroll region without a role and a name: {region}")
            if region["scrolls"] != region["tabStop"]:
                problems_here.append(f"a scroll region that {'scrolls but is not' if region['scrolls'] else 'fits but is'} a Tab stop: {region}")
        if problems_here:
            failures[path] = "; ".join(problems_here)
        elif not scrolled_page and any(region["scrolls"] for region in found["regions"]):
            # The arrow keys scroll a focused region.
            region = page.locator(".course-scroll[tabindex='0']").first
            region.focus()
            page.keyboard.press("ArrowRight")
            page.wait_for_function("region => region.scrollLeft > 0", arg=region.element_handle())
            scrolled_page = path
    assert not failures, "\n" + "\n".join(f"/{path}: {problem}" for path, problem in failures.items())
    # Today's tables are wider than 320 px; should none be, the keyboard check above had nothing to try.
    assert scrolled_page, "no page has content wider than the column at 320 px: scrolling a region was not tried"

    # Widened to a desktop, that page's regions fit: they stop being Tab stops (checked once the
    # browser has laid the page out again and reported the new sizes, two frames later).
    page.goto(site_url + scrolled_page)
    page.set_viewport_size({"width": 1280, "height": 800})
    page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
    regions = page.evaluate(_REFLOW)["regions"]
    assert any(not region["scrolls"] for region in regions), f"no region fits at 1280 px: {regions}"
    wrong = [region for region in regions if region["scrolls"] != region["tabStop"]]
    assert not wrong, f"at 1280 px, regions whose Tab stop does not match whether they scroll: {wrong}"
    problems.assert_none()
