"""Diagrams, drawn at build time: in the page as it arrives (full load and instant navigation), one
image named and described for screen readers, no Mermaid fetched from anywhere, labels readable in
both colour schemes, and on a 375 px phone labels of 12 px or more, scrolling sideways inside a
focusable region where the drawing is wider than the column. The diagram pages come from the
built site, so new diagrams are covered without being listed."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Browser, Page, Request, expect

from browser_helpers import (
    DIAGRAM_SVG,
    MATERIAL_SCHEMES,
    PageProblems,
    at_page,
    expect_scheme,
    kept_document,
    mark_document,
    open_context,
    page_source,
    rendered_diagrams,
    settle,
    watch,
)
from site_helpers import NavBlock, page_url

# WCAG 1.4.3: text against what is behind it.
MIN_CONTRAST = 4.5
MIN_LABEL_PX = 12


@dataclass
class DiagramSource:
    """What the lesson's author wrote for a diagram: Mermaid's accTitle and accDescr, and the caption."""

    title: str
    description: str
    caption: str


@pytest.fixture(scope="session")
def diagram_pages(built_site: Path, site_pages: list[str]) -> list[str]:
    pages = [path for path in site_pages if path != "print/" and "diagram-drawing" in page_source(built_site, path)]
    assert pages, "the course has diagrams"
    return pages


@pytest.fixture(scope="session")
def diagram_lesson(diagram_pages: list[str], lesson_paths: list[str]) -> str:
    return next(path for path in lesson_paths if path in diagram_pages)


def diagram_sources(built_site: Path, path: str) -> list[DiagramSource]:
    """What the build says each diagram of the page is: from the SVG's <title> and <desc>, which
    the build tests check against the lessons' accTitle and accDescr."""
    soup = BeautifulSoup(page_source(built_site, path), "html.parser")
    return [
        DiagramSource(svg.title.get_text(), svg.desc.get_text(), svg.find_parent("figure").figcaption.get_text(" ", strip=True))
        for svg in soup.select(DIAGRAM_SVG)
    ]


def expect_diagrams_drawn(page: Page, sources: list[DiagramSource]) -> None:
    expect(page.locator(DIAGRAM_SVG)).to_have_count(len(sources))
    diagrams = rendered_diagrams(page)
    for diagram, source in zip(diagrams, sources):
        assert diagram.width > 100 and diagram.height > 50, f"the diagram is too small to read: {diagram}"
        assert (diagram.role, diagram.name, diagram.description) == ("image", source.title, source.description), diagram
        expect(page.get_by_role("figure", name=source.caption)).to_be_visible()
        expect(page.get_by_role("region", name=f"Diagram: {source.title}")).to_be_visible()


def mermaid_requests(page: Page) -> list[str]:
    requests: list[str] = []

    def record(request: Request) -> None:
        if "mermaid" in request.url.lower():
            requests.append(request.url)

    page.on("request", record)
    return requests


def test_every_diagram_is_in_the_page_as_it_loads_and_nothing_fetches_mermaid(
    page: Page, site_url: str, built_site: Path, diagram_pages: list[str], problems: PageProblems
) -> None:
    requests = mermaid_requests(page)
    for path in diagram_pages:
        page.goto(site_url + path, wait_until="networkidle")
        expect_diagrams_drawn(page, diagram_sources(built_site, path))
        # Material fetches Mermaid from a CDN when it finds a `.mermaid` element: none is there.
        expect(page.locator(".mermaid")).to_have_count(0)
        assert page.evaluate("typeof window.mermaid") == "undefined", path
    assert not requests, requests
    problems.assert_none()


def test_diagram_is_there_after_instant_navigation_from_a_page_without_one(
    page: Page,
    site_url: str,
    built_site: Path,
    nav_blocks: list[NavBlock],
    diagram_lesson: str,
    problems: PageProblems,
) -> None:
    # The diagram lesson's block overview: it has no diagram and lists the lesson in the sidebar.
    overview = next(page_url(block.index) for block in nav_blocks if diagram_lesson in map(page_url, block.lessons))
    requests = mermaid_requests(page)
    page.goto(site_url + overview, wait_until="networkidle")
    assert not page.locator(DIAGRAM_SVG).count(), f"/{overview} has a diagram: pick another starting page"

    mark_document(page)
    page.locator(f'.md-sidebar--primary a[href="{site_url + diagram_lesson}"]').click()
    expect(page).to_have_url(at_page(site_url + diagram_lesson))
    expect_diagrams_drawn(page, diagram_sources(built_site, diagram_lesson))
    assert kept_document(page), "the lesson should be reached through instant navigation"
    page.wait_for_load_state("networkidle")
    assert not requests, requests
    problems.assert_none()


# Each label of each diagram: its colour, and the colour it stands on (every layer under the
# middle of the label composited, from the page's background up to the label), with the ratio.
LABEL_CONTRASTS = """(svg) => {
  const parse = (value) => {
    const match = /rgba?\\(([^)]+)\\)/.exec(value || "");
    if (!match) return null;
    const [r, g, b, a = 1] = match[1].split(/[\\s,/]+/).filter(Boolean).map(Number);
    return { r, g, b, a };
  };
  const over = (top, bottom) => ({
    r: top.r * top.a + bottom.r * (1 - top.a), g: top.g * top.a + bottom.g * (1 - top.a),
    b: top.b * top.a + bottom.b * (1 - top.a), a: 1,
  });
  const luminance = ({ r, g, b }) => [r, g, b]
    .map((v) => v / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4))
    .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
  const ratio = (a, b) => {
    const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (light + 0.05) / (dark + 0.05);
  };
  const shapes = new Set(["rect", "path", "polygon", "circle", "ellipse"]);
  const paint = (element) => {
    const style = getComputedStyle(element);
    const color = parse(element instanceof SVGElement ? (shapes.has(element.localName) ? style.fill : null) : style.backgroundColor);
    if (!color) return null;
    const opacity = Number(style.opacity) * (element instanceof SVGElement ? Number(style.fillOpacity) : 1);
    return { ...color, a: color.a * opacity };
  };
  const labels = [];
  const texts = document.createTreeWalker(svg, NodeFilter.SHOW_TEXT);
  for (let text = texts.nextNode(); text; text = texts.nextNode()) {
    const element = text.parentElement;
    if (!text.data.trim() || element.closest("title, desc, style") || !element.getClientRects().length) continue;
    const box = element.getBoundingClientRect();
    const layers = document.elementsFromPoint(box.left + box.width / 2, box.top + box.height / 2);
    const below = layers.slice(layers.indexOf(element) + 1).reverse();
    let background = { r: 255, g: 255, b: 255, a: 1 };
    for (const layer of below) {
      const color = paint(layer);
      if (color && color.a > 0) background = over(color, background);
    }
    const style = getComputedStyle(element);
    const ink = parse(element instanceof SVGElement ? style.fill : style.color);
    const color = { ...ink, a: ink.a * Number(style.opacity) };
    labels.push({ text: text.data.trim(), ratio: ratio(over(color, background), background) });
  }
  return labels;
}"""


@pytest.mark.parametrize("scheme", MATERIAL_SCHEMES)
def test_diagram_labels_have_enough_contrast(
    browser: Browser, site_url: str, diagram_pages: list[str], problems: PageProblems, scheme: str
) -> None:
    context = open_context(browser, site_url, problems, viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    page = watch(context.new_page(), problems)
    failures = []
    try:
        for path in diagram_pages:
            page.goto(site_url + path)
            expect_scheme(page, scheme)
            for svg in page.locator(DIAGRAM_SVG).all():
                svg.scroll_into_view_if_needed()
                settle(page)
                labels = svg.evaluate(LABEL_CONTRASTS)
                assert labels, f"/{path}: a diagram without labels"
                failures += [f"/{path}: '{label['text']}' {label['ratio']:.2f}:1" for label in labels if label["ratio"] < MIN_CONTRAST]
    finally:
        context.close()
    assert not failures, f"labels under {MIN_CONTRAST}:1 in the {scheme} scheme:\n" + "\n".join(failures)
    problems.assert_none()


# Each label's size on screen: its font size times the scale the SVG is drawn at.
LABEL_SIZES = """(svg) => {
  const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
  const sizes = [];
  const texts = document.createTreeWalker(svg, NodeFilter.SHOW_TEXT);
  for (let text = texts.nextNode(); text; text = texts.nextNode()) {
    const element = text.parentElement;
    if (!text.data.trim() || element.closest("title, desc, style") || !element.getClientRects().length) continue;
    sizes.push({ text: text.data.trim(), px: parseFloat(getComputedStyle(element).fontSize) * scale });
  }
  const region = svg.parentElement;
  return { sizes, scrolls: region.scrollWidth > region.clientWidth, regionWidth: region.clientWidth };
}"""


def test_on_a_phone_labels_stay_readable_and_wide_diagrams_scroll_in_a_named_region(
    mobile_page: Page, site_url: str, built_site: Path, diagram_pages: list[str], problems: PageProblems
) -> None:
    page = mobile_page
    scrolling = 0
    for path in diagram_pages:
        page.goto(site_url + path)
        for svg, source in zip(page.locator(DIAGRAM_SVG).all(), diagram_sources(built_site, path)):
            measured = svg.evaluate(LABEL_SIZES)
            small = [label for label in measured["sizes"] if label["px"] < MIN_LABEL_PX - 0.01]
            assert not small, f"/{path}: labels under {MIN_LABEL_PX} px on a 375 px phone: {small}"
            region = page.get_by_role("region", name=f"Diagram: {source.title}")
            expect(region).to_have_attribute("tabindex", "0")
            if measured["scrolls"]:
                scrolling += 1
                # A keyboard reaches the region and scrolls the drawing sideways.
                region.focus()
                expect(region).to_be_focused()
                page.keyboard.press("ArrowRight")
                page.wait_for_function("element => element.scrollLeft > 0", arg=region.element_handle())
    # The page itself never scrolls sideways (tests/browser/test_pages.py checks every page).
    assert scrolling, "no diagram is wider than a phone's column: this test checks nothing of the scroll region"
    problems.assert_none()
