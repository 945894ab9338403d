"""The 404 page offers a way forward, and crawlers find every page: sitemap.xml and robots.txt."""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree
from pathlib import Path

from bs4 import BeautifulSoup

from site_helpers import page_url, read_front_matter

SITEMAP_NS = {"sitemap": "http://www.sitemaps.org/schemas/sitemap/0.9"}
# The print-site plugin's one-page copy of the whole course repeats every lesson; it is not a page of its own.
NOT_IN_SITEMAP = {"404.html", "print/index.html"}


def not_found_page(site: Path) -> BeautifulSoup:
    return BeautifulSoup((site / "404.html").read_text(), "html.parser")


def test_the_404_page_says_what_happened_and_offers_search(built_site: Path, mkdocs_config: dict) -> None:
    page = not_found_page(built_site)
    assert page.title.get_text(strip=True) == f"Page not found - {mkdocs_config['site_name']}"
    article = page.select_one("article")
    assert article.h1.get_text(strip=True) == "Page not found"
    form = article.select_one("form[role=search]")
    assert form is not None and form["method"] == "get"
    query = form.select_one("input[name=q]")
    label = form.select_one(f"label[for={query['id']}]")
    assert label.get_text(strip=True) == "Search the course"
    assert form.select_one("button[type=submit]").get_text(strip=True)


def test_the_404_page_maps_every_block_and_lesson_with_links_that_work_at_any_depth(
    built_site: Path, nav_blocks
) -> None:
    course_map = not_found_page(built_site).select_one("article nav.not-found-map")
    assert course_map is not None
    links = {a.get_text(strip=True): a["href"] for a in course_map.select("a")}
    for block in nav_blocks:
        # Absolute links: GitHub Pages serves this page at whatever address was asked for.
        assert links[block.title] == "/" + page_url(block.index)
        lessons = course_map.find("a", string=block.title).find_next_sibling("ol").select("a")
        assert [a.get_text(strip=True) for a in lessons] == [read_front_matter(lesson)["title"] for lesson in block.lessons]
        assert [a["href"] for a in lessons] == ["/" + page_url(lesson) for lesson in block.lessons]


def test_the_sitemap_lists_every_page_and_nothing_else(built_site: Path, mkdocs_config: dict) -> None:
    root = ElementTree.parse(built_site / "sitemap.xml").getroot()
    listed = {loc.text for loc in root.findall("sitemap:url/sitemap:loc", SITEMAP_NS)}
    pages = {
        path.relative_to(built_site).as_posix() for path in built_site.rglob("*.html")
    } - NOT_IN_SITEMAP
    expected = {mkdocs_config["site_url"] + page.removesuffix("index.html") for page in pages}
    assert listed == expected


def test_robots_txt_allows_crawling_and_names_the_sitemap(built_site: Path, mkdocs_config: dict) -> None:
    lines = (built_site / "robots.txt").read_text().splitlines()
    assert lines[:2] == ["User-agent: *", "Allow: /"]
    assert f"Sitemap: {mkdocs_config['site_url']}sitemap.xml" in lines
