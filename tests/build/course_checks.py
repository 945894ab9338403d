"""The course's invariants, checked on a built site against the nav and front matter it was built
from: every lesson's card names what follows it in the nav, the block overviews, the home page's
course outline, the sidebar and the progress script's course map list the lessons in nav order.

Shared by tests/build/test_site.py (the real course) and tests/build/test_course_changes.py (a
scratch copy with lessons and a block added and lessons reordered), so the same rules hold for
whatever lessons the course has."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urljoin

from bs4 import BeautifulSoup

from site_helpers import PROJECT_DIR, NavBlock, html_path, lesson_minutes, page_url, read_front_matter


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(), "html.parser")


def text_of(element) -> str:
    return " ".join(element.get_text(" ").split())


def lessons_in_order(nav_blocks: list[NavBlock]) -> list[str]:
    return [lesson for block in nav_blocks for lesson in block.lessons]


def resolve(src_path: str, href: str) -> str:
    """The site path a relative link on the page of ``src_path`` points to, without its fragment."""
    return urljoin("/" + page_url(src_path), href).split("#")[0].lstrip("/")


def duration_text(minutes: int) -> str:
    """Minutes as the site writes them: 45 min, 1 h, 1 h 15 min."""
    hours, rest = divmod(minutes, 60)
    return f"{rest} min" if not hours else f"{hours} h" + (f" {rest} min" if rest else "")


def check_lesson_cards(site: Path, nav_blocks: list[NavBlock], project: Path = PROJECT_DIR) -> None:
    """Each lesson's card leads to the next lesson of its block, or at a block's end to the next
    block (its summary, every objective of its lessons, their count and total minutes, computed
    from their text); the last lesson of the course says the course is complete."""
    lessons = lessons_in_order(nav_blocks)
    assert lessons, "the nav lists no lessons"
    for current, successor in zip(lessons, lessons[1:]):
        card = soup(html_path(site, current)).select_one("article .next-block")
        assert card is not None, f"{current} has no next-block card"
        block = next(block for block in nav_blocks if current in block.lessons)
        if successor in block.lessons:
            front_matter = read_front_matter(successor, project)
            expected_url, expected_title = page_url(successor), front_matter["title"]
            assert "next-block--lesson" in card["class"], current
            assert " ".join(front_matter["description"].split()) in text_of(card), current
            assert f"{lesson_minutes(successor, project)} min" in text_of(card), current
        else:
            next_block = nav_blocks[nav_blocks.index(block) + 1]
            expected_url, expected_title = page_url(next_block.index), next_block.title
            assert "next-block--block" in card["class"], current
            assert " ".join(read_front_matter(next_block.index, project)["summary"].split()) in text_of(card), current
            objectives = [o for lesson in next_block.lessons for o in read_front_matter(lesson, project)["objectives"]]
            assert [text_of(item) for item in card.select("li")] == objectives, current
            total = sum(lesson_minutes(lesson, project) for lesson in next_block.lessons)
            assert text_of(card.select_one(".next-block__eyebrow")) == (
                f"Next learning block · {len(next_block.lessons)} lessons · {duration_text(total)}"
            ), current
        link = card.select_one("a.next-block__link")
        assert link.get_text(strip=True) == expected_title, current
        assert resolve(current, link["href"]) == expected_url, current
    last = soup(html_path(site, lessons[-1])).select_one("article .next-block")
    assert last is not None and "next-block--course-complete" in last["class"], lessons[-1]
    assert "You have finished the course" in last.get_text()


def check_block_overviews(site: Path, nav_blocks: list[NavBlock], project: Path = PROJECT_DIR) -> None:
    """Each block overview shows its summary and links to its lessons in nav order."""
    for block in nav_blocks:
        page = soup(html_path(site, block.index))
        summary = " ".join(read_front_matter(block.index, project)["summary"].split())
        assert page.select_one(".block-summary").get_text(strip=True) == summary, block.index
        links = [resolve(block.index, a["href"]) for a in page.select(".block-lessons .lesson-list a")]
        assert links == [page_url(lesson) for lesson in block.lessons], block.index


def check_home_outline(site: Path, nav_blocks: list[NavBlock]) -> None:
    """The home page's course outline lists every lesson in nav order."""
    outline = soup(site / "index.html").select_one(".course-outline")
    links = [resolve("index.md", a["href"]) for a in outline.select(".lesson-list a")]
    assert links == [page_url(lesson) for lesson in lessons_in_order(nav_blocks)]


def check_sidebar(site: Path, nav_blocks: list[NavBlock]) -> None:
    """On each block overview the sidebar lists the blocks in order, and this block's lessons."""
    for block in nav_blocks:
        sidebar = soup(html_path(site, block.index)).select_one(".md-sidebar--primary nav.md-nav--primary > ul")
        sections = sidebar.find_all("li", class_="md-nav__item--nested", recursive=False)
        assert [text_of(item.find("a")) for item in sections] == [b.title for b in nav_blocks], block.index
        active = next(item for item in sections if "md-nav__item--active" in item["class"])
        links = [resolve(block.index, a["href"]) for a in active.select("nav a.md-nav__link")]
        assert [link for link in links if link != page_url(block.index)] == [page_url(lesson) for lesson in block.lessons]


def check_course_map(site: Path, nav_blocks: list[NavBlock], project: Path = PROJECT_DIR) -> None:
    """The progress script's course map (assets/javascripts/course-map.js) follows the nav."""
    script = (site / "assets" / "javascripts" / "course-map.js").read_text()
    data = json.loads(script.removeprefix("window.courseMap = ").rstrip().removesuffix(";"))
    assert [block["title"] for block in data["blocks"]] == [block.title for block in nav_blocks]
    assert [block["lessons"] for block in data["blocks"]] == [[page_url(lesson) for lesson in block.lessons] for block in nav_blocks]
    lessons = lessons_in_order(nav_blocks)
    assert [(lesson["url"], lesson["title"], lesson["duration"]) for lesson in data["lessons"]] == [
        (page_url(lesson), read_front_matter(lesson, project)["title"], lesson_minutes(lesson, project))
        for lesson in lessons
    ]


def check_course_order(site: Path, nav_blocks: list[NavBlock], project: Path = PROJECT_DIR) -> None:
    """Every place that shows the course order follows the nav."""
    check_lesson_cards(site, nav_blocks, project)
    check_block_overviews(site, nav_blocks, project)
    check_home_outline(site, nav_blocks)
    check_sidebar(site, nav_blocks)
    check_course_map(site, nav_blocks, project)
