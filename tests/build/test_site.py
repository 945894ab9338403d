"""A real strict build of the site, with assertions on the HTML learners get."""

from __future__ import annotations

import re
from pathlib import Path

from mkdocs_quiz.parsing import mask_code_blocks

from course_checks import (
    check_block_overviews,
    check_course_map,
    check_home_outline,
    check_lesson_cards,
    check_sidebar,
    lessons_in_order,
    soup,
)
from site_helpers import PROJECT_DIR, html_path, read_front_matter

# On purpose about content: block 1 (docs/01-pm-foundations/) teaches the course's founding
# transcript, and these are its key terms. Each must stay defined somewhere in the course; which
# lesson defines it, and what else the course adds, is free.
TRANSCRIPT_TERMS = [
    "Product manager", "Product management", "Project manager", "Project",
    "Program management", "Product vision", "Mission", "Waterfall", "Agile",
]
# On purpose about one lesson's content: its diagram of the transcript's five project phases.
PHASES_LESSON = "01-pm-foundations/03-project-phases-waterfall-agile.md"
FIVE_PHASES = ["Initiation", "Planning", "Implementation", "Monitoring and control", "Closing"]


def all_pages(site: Path) -> list[Path]:
    # The whole-course print view repeats every page; tests/build/test_print_and_offline.py checks it.
    return sorted(path for path in site.rglob("*.html") if path.relative_to(site).parts[0] != "print")


def test_every_lesson_ends_with_a_card_for_what_follows_it_in_the_nav(built_site: Path, nav_blocks) -> None:
    # The next lesson of its block; at a block's end the next block (summary, objectives, count and
    # minutes); at the course's end the course-complete card.
    check_lesson_cards(built_site, nav_blocks)


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


def test_quiz_code_is_linked_not_inlined(built_site: Path, nav_blocks) -> None:
    lesson = soup(html_path(built_site, nav_blocks[0].lessons[0]))  # every lesson ends with a quiz
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
    assert len(terms) == len(set(terms)), "a term is defined twice"
    assert [term for term in TRANSCRIPT_TERMS if term not in terms] == [], "the founding transcript's terms stay defined"


def test_every_diagram_has_a_caption_a_text_alternative_and_a_version_in_words(built_site: Path) -> None:
    diagrams = [
        (path, svg) for path in all_pages(built_site) for svg in soup(path).select("article figure.diagram svg[role=img]")
    ]
    assert diagrams, "the course has no diagram to check"
    for path, svg in diagrams:
        assert svg.title.get_text(strip=True) and svg.desc.get_text(strip=True), path  # accTitle, accDescr
        figure = svg.find_parent("figure")
        assert figure is not None and figure.figcaption.get_text(strip=True), path
        words = figure.find_next_sibling("details")
        assert words is not None and "diagram in words" in words.summary.get_text().lower(), path


def test_the_five_phases_diagram(built_site: Path) -> None:
    phases = [
        svg for svg in soup(html_path(built_site, PHASES_LESSON)).select("article figure.diagram svg[role=img]")
        if all(phase in svg.get_text(" ") for phase in FIVE_PHASES)
    ]
    assert len(phases) == 1, f"{PHASES_LESSON} draws the five phases in one diagram"
    words = phases[0].find_parent("figure").find_next_sibling("details")
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


def test_the_course_stylesheets_are_published_without_their_comments(built_site: Path) -> None:
    """The comments explain the overrides to contributors (hooks/assets_hook.py drops them for learners);
    every rule reaches the site unchanged."""
    import yaml

    config = yaml.safe_load(re.sub(r"!!?\S+", "", (PROJECT_DIR / "mkdocs.yml").read_text()))
    for stylesheet in config["extra_css"]:
        source = (PROJECT_DIR / "docs" / stylesheet).read_text(encoding="utf-8")
        published = (built_site / stylesheet).read_text(encoding="utf-8")
        assert "/*" in source and "/*" not in published
        rules = re.sub(r"\s+", "", re.sub(r"/\*.*?\*/", "", source, flags=re.DOTALL))
        assert re.sub(r"\s+", "", published) == rules


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
    check_block_overviews(built_site, nav_blocks)


def test_home_page_outlines_every_block_and_lesson_in_order(built_site: Path, nav_blocks) -> None:
    check_home_outline(built_site, nav_blocks)


def test_the_sidebar_and_the_progress_course_map_follow_the_nav(built_site: Path, nav_blocks) -> None:
    check_sidebar(built_site, nav_blocks)
    check_course_map(built_site, nav_blocks)
