"""Mermaid diagrams: drawn from the site's own copy of Mermaid on a full load and after instant
navigation, at a real size, with a text alternative; pages without one never fetch Mermaid."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Page, Request, expect

from browser_helpers import (
    MERMAID_SCRIPT,
    PageProblems,
    at_page,
    kept_document,
    mark_document,
    page_source,
    rendered_diagrams,
)
from site_helpers import NavBlock, page_url


@dataclass
class DiagramSource:
    """What the lesson's author wrote for a diagram: Mermaid's accTitle and accDescr, and the caption."""

    title: str
    description: str
    caption: str


@pytest.fixture(scope="session")
def diagram_lesson(built_site: Path, lesson_paths: list[str]) -> str:
    return next(path for path in lesson_paths if 'class="mermaid"' in page_source(built_site, path))


@pytest.fixture(scope="session")
def diagram_sources(built_site: Path, diagram_lesson: str) -> list[DiagramSource]:
    soup = BeautifulSoup(page_source(built_site, diagram_lesson), "html.parser")
    sources = []
    for figure in soup.select("figure.diagram"):
        code = figure.select_one(".mermaid").get_text()
        title, description = (re.search(rf"^\s*{key}:\s*(.+)$", code, re.MULTILINE) for key in ("accTitle", "accDescr"))
        assert title and description, f"every diagram in {diagram_lesson} has accTitle and accDescr"
        sources.append(DiagramSource(title[1].strip(), description[1].strip(), figure.figcaption.get_text(" ", strip=True)))
    assert sources, f"the diagrams in {diagram_lesson} sit in <figure class=\"diagram\">"
    return sources


def expect_diagrams_drawn(page: Page, sources: list[DiagramSource]) -> None:
    # Material swaps each <pre class="mermaid"> source for a <div class="mermaid"> holding the SVG.
    expect(page.locator("figure.diagram pre.mermaid")).to_have_count(0)
    expect(page.locator("figure.diagram div.mermaid")).to_have_count(len(sources))
    diagrams = rendered_diagrams(page)
    assert len(diagrams) == len(sources), f"drawn: {diagrams}"
    for diagram, source in zip(diagrams, sources):
        assert diagram.width > 100 and diagram.height > 50, f"the diagram is too small to read: {diagram}"
        assert (diagram.name, diagram.description) == (source.title, source.description)
        expect(page.get_by_role("figure", name=source.caption)).to_be_visible()


def mermaid_requests(page: Page) -> list[str]:
    requests: list[str] = []

    def record(request: Request) -> None:
        if request.url.endswith(MERMAID_SCRIPT):
            requests.append(request.url)

    page.on("request", record)
    return requests


def test_diagram_is_drawn_on_a_full_load_from_the_site_itself(
    page: Page, site_url: str, diagram_lesson: str, diagram_sources: list[DiagramSource], problems: PageProblems
) -> None:
    requests = mermaid_requests(page)
    page.goto(site_url + diagram_lesson)
    expect_diagrams_drawn(page, diagram_sources)
    page.wait_for_load_state("networkidle")
    assert requests and all(url == site_url + MERMAID_SCRIPT for url in requests), requests
    problems.assert_none()


def test_diagram_is_drawn_after_instant_navigation_from_a_page_without_one(
    page: Page,
    site_url: str,
    nav_blocks: list[NavBlock],
    diagram_lesson: str,
    diagram_sources: list[DiagramSource],
    problems: PageProblems,
) -> None:
    # The diagram lesson's block overview: it has no diagram and lists the lesson in the sidebar.
    overview = next(page_url(block.index) for block in nav_blocks if diagram_lesson in map(page_url, block.lessons))
    requests = mermaid_requests(page)
    page.goto(site_url + overview, wait_until="networkidle")
    assert not page.locator(".mermaid").count(), f"/{overview} has a diagram: pick another starting page"
    assert not requests, f"/{overview} has no diagram but fetched Mermaid"

    mark_document(page)
    page.locator(f'.md-sidebar--primary a[href="{site_url + diagram_lesson}"]').click()
    expect(page).to_have_url(at_page(site_url + diagram_lesson))
    expect_diagrams_drawn(page, diagram_sources)
    assert kept_document(page), "the lesson should be reached through instant navigation"
    page.wait_for_load_state("networkidle")
    assert requests == [site_url + MERMAID_SCRIPT], requests
    problems.assert_none()
