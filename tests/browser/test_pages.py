"""Every page of the built site, as a learner's browser gets it: no requests to other hosts, no
script errors, no WCAG 2.2 A/AA violations in either colour scheme, no sideways scrolling on a
phone. The pages come from the build itself, so new pages are covered without being listed."""

from __future__ import annotations

from collections.abc import Callable

from playwright.sync_api import Page

from browser_helpers import (
    MATERIAL_SCHEMES,
    PageProblems,
    axe_report,
    expect_scheme,
    start_axe,
)


def _report(failures: dict[str, list[str] | str]) -> str:
    lines = []
    for path, found in failures.items():
        lines.append(f"/{path}:")
        lines.extend(f"  {line}" for line in ([found] if isinstance(found, str) else found))
    return "\n".join(lines)


def test_every_page_loads_without_foreign_requests_or_script_errors(
    page: Page, site_url: str, site_pages: list[str], problems: PageProblems
) -> None:
    # Diagrams are drawn at build time: no page fetches Mermaid (about 1 MB), from here or a CDN.
    mermaid_requests: list[str] = []
    page.on("request", lambda request: mermaid_requests.append(request.url) if "mermaid" in request.url.lower() else None)
    failures: dict[str, list[str] | str] = {}
    for path in site_pages:
        page.goto(site_url + path, wait_until="networkidle")
        found = problems.take()
        found += [f"fetched {url}" for url in mermaid_requests]
        mermaid_requests.clear()
        if found:
            failures[path] = found
    assert not failures, "\n" + _report(failures)


def test_every_page_meets_wcag_22_aa_in_both_schemes(
    new_page: Callable[..., Page], site_url: str, site_pages: list[str]
) -> None:
    # The first palette entry follows the system setting, so the emulated setting picks the scheme.
    # Both schemes are checked side by side, one browser profile each, to use both cores.
    pages = {scheme: new_page(color_scheme=scheme) for scheme in MATERIAL_SCHEMES}
    failures: dict[str, list[str] | str] = {}
    for path in site_pages:
        for scheme, page in pages.items():
            page.goto(site_url + path)
            expect_scheme(page, scheme)
            start_axe(page)
        for scheme, page in pages.items():
            report = axe_report(page)
            if report:
                failures[f"{path} ({scheme} scheme)"] = report
    assert not failures, "axe-core:\n" + _report(failures)


def test_no_page_scrolls_sideways_on_a_phone(mobile_page: Page, site_url: str, site_pages: list[str]) -> None:
    failures: dict[str, list[str] | str] = {}
    for path in site_pages:
        mobile_page.goto(site_url + path)
        overflow = mobile_page.evaluate(
            """() => {
                const root = document.scrollingElement;
                if (root.scrollWidth <= root.clientWidth) return null;
                // The elements that stick out while their parent does not.
                const sticksOut = element => element.getBoundingClientRect().right > root.clientWidth + 1;
                const culprits = [...document.body.querySelectorAll("*")]
                    .filter(element => sticksOut(element) && !sticksOut(element.parentElement))
                    .filter(element => getComputedStyle(element).position !== "fixed")
                    .slice(0, 3)
                    .map(element => [element.tagName.toLowerCase(), ...element.classList].join("."));
                return `${root.scrollWidth}px wide in a ${root.clientWidth}px viewport; sticking out: ${culprits}`;
            }"""
        )
        if overflow:
            failures[path] = overflow
    assert not failures, "\n" + _report(failures)
