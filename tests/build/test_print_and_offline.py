"""The whole-course print view and the offline copy of the site, as built."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from bs4 import BeautifulSoup

from site_helpers import html_path, page_url, read_front_matter

SHIM = "assets/javascripts/iframe-worker/shim.js"
# Attributes that make a browser fetch something on load.
FETCHING = [("script", "src"), ("img", "src"), ("iframe", "src"), ("source", "src"), ("video", "src"),
            ("audio", "src"), ("embed", "src"), ("object", "data")]
FETCHING_LINKS = {"stylesheet", "preload", "modulepreload", "icon", "manifest", "prefetch"}


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(), "html.parser")


def page_key(src_path: str) -> str:
    """The id mkdocs-print-site-plugin gives a page's section: its URL with dashes."""
    return page_url(src_path).strip("/").replace("/", "-") or "index"


def print_view(site: Path) -> BeautifulSoup:
    return soup(site / "print" / "index.html")


def test_print_view_holds_every_block_and_lesson_in_course_order(built_site: Path, nav_blocks) -> None:
    view = print_view(built_site).select_one("#print-site-page")
    printed = [section["id"] for section in view.select("section.print-page[id]:not(.md-section)")]
    course = [page_key(path) for block in nav_blocks for path in (block.index, *block.lessons)]
    assert [key for key in printed if key in course] == course
    for block in nav_blocks:
        for path in (block.index, *block.lessons):
            section = view.find("section", id=page_key(path))
            assert section.find("h1").get_text(strip=True) == read_front_matter(path)["title"], path


def test_each_printed_lesson_has_its_objectives_text_and_quiz_questions(built_site: Path, nav_blocks) -> None:
    view = print_view(built_site)
    for block in nav_blocks:
        for lesson in block.lessons:
            section = view.find("section", id=page_key(lesson))
            objectives = [li.get_text(strip=True) for li in section.select(".lesson-objectives li")]
            assert objectives == read_front_matter(lesson)["objectives"], lesson
            page = soup(html_path(built_site, lesson)).select_one("article")
            questions = [q.get_text(" ", strip=True) for q in page.select(".quiz-question")]
            assert questions and [q.get_text(" ", strip=True) for q in section.select(".quiz-question")] == questions
            assert section.select_one("h2[id$='key-points']") is not None, lesson


def test_print_view_has_every_diagram_and_none_of_the_pages_scripts(built_site: Path, nav_blocks) -> None:
    view = print_view(built_site)
    lessons = [lesson for block in nav_blocks for lesson in block.lessons]
    diagrams = sum(len(soup(html_path(built_site, lesson)).select("article .diagram-drawing > svg")) for lesson in lessons)
    assert len(view.select("#print-site-page .diagram-drawing > svg")) == diagrams > 0
    # The drawings are inline SVG, each with the <style> that colours it; no other style, and no script.
    assert view.select("#print-site-page script, #print-site-page link") == []
    assert [style for style in view.select("#print-site-page style") if style.find_parent("svg") is None] == []
    assert "quiz_progress_" not in str(view.select_one("#print-site-page"))


def test_print_view_has_no_duplicate_ids(built_site: Path) -> None:
    ids = Counter(element["id"] for element in print_view(built_site).select("[id]"))
    assert [name for name, count in ids.items() if count > 1] == []


def test_only_the_print_view_loads_the_print_plugins_assets(built_site: Path) -> None:
    def assets(path: Path) -> list[str]:
        page = soup(path)
        urls = [link["href"] for link in page.select("link[rel=stylesheet]")] + [s["src"] for s in page.select("script[src]")]
        return [url for url in urls if "print-site" in url]

    assert assets(built_site / "print" / "index.html") == [
        "../css/print-site.css", "../css/print-site-material.css", "../js/print-site.js"
    ]
    for path in built_site.rglob("index.html"):
        if path.parent.name != "print":
            assert assets(path) == [], path
    assert (built_site / "css" / "print-site.css").is_file() and (built_site / "js" / "print-site.js").is_file()


def test_home_page_links_to_the_print_view(built_site: Path) -> None:
    links = [a["href"] for a in soup(built_site / "index.html").select(".course-outline a")]
    assert "print/" in links


def test_offline_copy_is_browsable_from_the_file_system(offline_site: Path, nav_blocks) -> None:
    # Directory URLs need a server; the offline copy links to the .html files themselves.
    lesson = nav_blocks[0].lessons[0]
    assert (offline_site / (lesson.removesuffix(".md") + ".html")).is_file()
    assert (offline_site / "print.html").is_file()
    # Search works without a server: Material's index is inlined as a script, the worker shim is ours.
    assert (offline_site / "search" / "search_index.js").is_file()
    assert (offline_site / SHIM).is_file()
    assert (offline_site / "assets" / "javascripts" / "course-map.js").is_file()


def test_offline_copy_loads_nothing_from_other_hosts(offline_site: Path) -> None:
    pages = sorted(offline_site.rglob("*.html"))
    assert len(pages) > 5
    foreign: list[str] = []
    for path in pages:
        html = soup(path)
        urls = [element.get(attribute, "") for tag, attribute in FETCHING for element in html.find_all(tag)]
        urls += [link.get("href", "") for link in html.find_all("link") if FETCHING_LINKS & set(link.get("rel", []))]
        foreign += [f"{path.relative_to(offline_site)}: {url}" for url in urls if re.match(r"(https?:)?//", url)]
        scripts = [script.get("src", "") for script in html.find_all("script")]
        assert any(src.endswith(SHIM) for src in scripts), f"{path} lacks the self-hosted search shim"
    assert foreign == []


def test_online_site_does_not_ship_the_offline_shim(built_site: Path) -> None:
    assert not (built_site / SHIM).exists()
    assert "iframe-worker" not in (built_site / "index.html").read_text()
