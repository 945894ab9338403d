"""A real strict build of the site, with assertions on the HTML learners get."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup
from mkdocs_quiz.parsing import mask_code_blocks

from site_helpers import PROJECT_DIR, html_path, lesson_minutes, page_url, read_front_matter

FIVE_PHASES = ["Initiation", "Planning", "Implementation", "Monitoring and control", "Closing"]
REQUIRED_DEFINITIONS = [
    "Product manager", "Product management", "Project manager", "Project",
    "Program management", "Product vision", "Mission", "Waterfall", "Agile",
]


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(), "html.parser")


def all_pages(site: Path) -> list[Path]:
    # The whole-course print view repeats every page; tests/build/test_print_and_offline.py checks it.
    return sorted(path for path in site.rglob("*.html") if path.relative_to(site).parts[0] != "print")


def lessons_in_order(nav_blocks) -> list[str]:
    return [lesson for block in nav_blocks for lesson in block.lessons]


def resolve(src_path: str, href: str) -> str:
    """The site path a relative link on the page of ``src_path`` points to."""
    return urljoin("/" + page_url(src_path), href).lstrip("/")


def test_every_lesson_ends_with_a_card_for_its_successor(built_site: Path, nav_blocks) -> None:
    lessons = lessons_in_order(nav_blocks)
    for current, successor in zip(lessons, lessons[1:]):
        card = soup(html_path(built_site, current)).select_one("article .next-block")
        assert card is not None, f"{current} has no next-block card"
        block = next(block for block in nav_blocks if current in block.lessons)
        if successor in block.lessons:
            expected_url, expected_title = page_url(successor), read_front_matter(successor)["title"]
            assert "next-block--lesson" in card["class"]
            assert read_front_matter(successor)["description"] in card.get_text(" ", strip=True)
            assert f"{lesson_minutes(successor)} min" in card.get_text()
        else:
            next_block = nav_blocks[nav_blocks.index(block) + 1]
            expected_url, expected_title = page_url(next_block.index), next_block.title
            assert "next-block--block" in card["class"]
        link = card.select_one("a.next-block__link")
        assert link.get_text(strip=True) == expected_title
        assert resolve(current, link["href"]) == expected_url


def test_last_lesson_of_a_block_shows_the_next_block_summary_objectives_and_duration(built_site: Path, nav_blocks) -> None:
    for block, next_block in zip(nav_blocks, nav_blocks[1:]):
        card = soup(html_path(built_site, block.lessons[-1])).select_one(".next-block")
        text = " ".join(card.get_text(" ").split())
        assert " ".join(read_front_matter(next_block.index)["summary"].split()) in text
        objectives = [o for lesson in next_block.lessons for o in read_front_matter(lesson)["objectives"]]
        assert [li.get_text(strip=True) for li in card.select("li")] == objectives
        total = sum(lesson_minutes(lesson) for lesson in next_block.lessons)
        assert f"{len(next_block.lessons)} lessons · {total} min" in text or f"{len(next_block.lessons)} lessons · 1 h" in text


def test_last_lesson_of_the_course_shows_the_course_complete_card(built_site: Path, nav_blocks) -> None:
    last = lessons_in_order(nav_blocks)[-1]
    card = soup(html_path(built_site, last)).select_one(".next-block")
    assert "next-block--course-complete" in card["class"]
    assert "You have finished the course" in card.get_text()


def test_pages_that_are_not_lessons_have_no_card(built_site: Path, nav_blocks) -> None:
    lessons = {html_path(built_site, lesson) for lesson in lessons_in_order(nav_blocks)}
    for path in all_pages(built_site):
        if path not in lessons:
            assert soup(path).select_one(".next-block") is None, path


def test_lessons_open_with_objectives_and_end_with_key_points_and_a_quiz(built_site: Path, nav_blocks) -> None:
    for lesson in lessons_in_order(nav_blocks):
        article = soup(html_path(built_site, lesson)).select_one("article")
        objectives = article.select_one(".lesson-objectives")
        assert objectives is not None, lesson
        assert [li.get_text(strip=True) for li in objectives.select("li")] == read_front_matter(lesson)["objectives"]
        first_h2 = article.find("h2")
        assert objectives.find_next("h2") == first_h2 and first_h2.find_previous(class_="lesson-objectives") is objectives
        headings = [h2.get("id") for h2 in article.select("h2[id]") if not h2.find_parent(class_="next-block")]
        assert "key-points" in headings, lesson
        assert headings[-1] == "check-your-understanding", lesson
        assert headings.index("key-points") < headings.index("check-your-understanding")


def test_every_quiz_has_a_right_answer_feedback_for_each_wrong_one_and_an_explanation(built_site: Path, nav_blocks) -> None:
    for lesson in lessons_in_order(nav_blocks):
        quizzes = soup(html_path(built_site, lesson)).select("div.quiz")
        assert len(quizzes) >= 3, lesson
        for quiz in quizzes:
            answers = quiz.select("fieldset > div")
            assert any(answer.select_one("input[data-correct]") for answer in answers)
            for answer in answers:
                if answer.select_one("input[data-correct]") is None:
                    feedback = answer.select_one(".answer-feedback")
                    assert feedback is not None and feedback.get_text(strip=True), (lesson, answer.label)
            assert quiz.select_one("section.content").get_text(strip=True), (lesson, "no explanation")


def test_quiz_code_is_only_on_pages_that_declare_a_quiz(built_site: Path) -> None:
    for path in all_pages(built_site):
        src = path.relative_to(built_site).parent / "index.md"
        candidates = [PROJECT_DIR / "docs" / src, PROJECT_DIR / "docs" / (str(src.parent) + ".md")]
        source = next((c.read_text() for c in candidates if c.is_file()), "")
        html = path.read_text()
        # Quizzes shown as examples in code blocks (the contributor guide) are not quizzes, nor is a
        # tag named in `code` in a sentence: a quiz opens with <quiz ...> at the start of a line.
        masked, _ = mask_code_blocks(source)
        assert bool(re.search(r"^[ \t]*<quiz\b", masked, re.MULTILINE)) == ("assets/quiz/quiz.js" in html), path


def test_quiz_code_is_linked_not_inlined(built_site: Path) -> None:
    lesson = soup(built_site / "01-pm-foundations" / "01-what-a-product-manager-does" / "index.html")
    article = lesson.select_one("article")
    assert [s["src"] for s in article.select("script[src]")] == ["../../assets/quiz/quiz.js"]
    assert [link["href"] for link in article.select("link[rel=stylesheet]")] == ["../../assets/quiz/quiz.css"]
    # The plugin's own code is no longer in the page, and the linked files are in the site.
    assert "quiz_progress_" not in str(lesson) and not article.select("style")
    assert "quiz_progress_" in (built_site / "assets" / "quiz" / "quiz.js").read_text()
    assert ".quiz" in (built_site / "assets" / "quiz" / "quiz.css").read_text()


def test_definitions_render_as_titled_definition_admonitions(built_site: Path) -> None:
    terms = []
    for path in all_pages(built_site):
        for admonition in soup(path).select("article .admonition.definition"):
            title = admonition.select_one(".admonition-title")
            assert title is not None and title.get_text(strip=True), path
            terms.append(title.get_text(strip=True))
    for term in REQUIRED_DEFINITIONS:
        assert term in terms
    assert len(terms) == len(set(terms)), "a term is defined twice"


def test_the_five_phases_diagram(built_site: Path) -> None:
    diagrams = [
        (path, svg) for path in all_pages(built_site) for svg in soup(path).select("article figure.diagram svg[role=img]")
    ]
    phases = [(path, svg) for path, svg in diagrams if "Monitoring and control" in svg.get_text()]
    assert len(phases) == 1
    path, svg = phases[0]
    labels = svg.get_text(" ")
    for phase in FIVE_PHASES:
        assert phase in labels
    assert svg.title.get_text(strip=True) and svg.desc.get_text(strip=True)
    figure = svg.find_parent("figure")
    assert figure is not None and figure.figcaption.get_text(strip=True)
    words = figure.find_next_sibling("details")
    assert words is not None and "diagram in words" in words.summary.get_text().lower()
    for phase in FIVE_PHASES:
        assert phase.lower() in words.get_text().lower()


FETCHING_LINKS = {"stylesheet", "preload", "modulepreload", "icon", "manifest", "prefetch", "preconnect", "dns-prefetch"}


def test_nothing_is_loaded_from_another_host(built_site: Path) -> None:
    for path in all_pages(built_site):
        page = soup(path)
        urls = [tag.get("src") for tag in page.select("script[src], img[src], iframe[src], source[src]")]
        urls += [
            link.get("href") for link in page.select("link[href]")
            if FETCHING_LINKS & set(link.get("rel", []))
        ]
        external = [url for url in urls if re.match(r"^(https?:)?//", url or "")]
        assert not external, (path, external)
        assert "fonts.googleapis" not in path.read_text() and "unpkg.com" not in path.read_text()


def test_every_page_has_its_own_title_and_description(built_site: Path) -> None:
    seen_titles, seen_descriptions = set(), set()
    for path in all_pages(built_site):
        if path.name == "404.html":
            continue
        page = soup(path)
        title = page.title.get_text(strip=True)
        description = page.select_one('meta[name="description"]')["content"]
        assert title not in seen_titles and description not in seen_descriptions, path
        seen_titles.add(title)
        seen_descriptions.add(description)


def test_block_overviews_show_summary_and_lessons(built_site: Path, nav_blocks) -> None:
    for block in nav_blocks:
        page = soup(html_path(built_site, block.index))
        summary = " ".join(read_front_matter(block.index)["summary"].split())
        assert page.select_one(".block-summary").get_text(strip=True) == summary
        links = [resolve(block.index, a["href"]) for a in page.select(".block-lessons .lesson-list a")]
        assert links == [page_url(lesson) for lesson in block.lessons]


def test_home_page_outlines_every_block_and_lesson_in_order(built_site: Path, nav_blocks) -> None:
    outline = soup(built_site / "index.html").select_one(".course-outline")
    links = [a["href"].strip("./").rstrip("/") + "/" for a in outline.select(".lesson-list a")]
    assert links == [page_url(lesson) for lesson in lessons_in_order(nav_blocks)]
