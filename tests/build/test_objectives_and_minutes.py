"""What the built site shows about assessment and time, derived from each lesson's source: every quiz
question names the objectives its `<quiz objectives="...">` tag declares (on the lesson and in the
print view) and has its answers shuffled, and every minute figure is the reading time computed
from the lesson's text."""

from __future__ import annotations

import json
import re
from pathlib import Path

from bs4 import BeautifulSoup, Tag

from course.reading_time import reading_minutes
from course.structure import format_minutes
from course.text import source_lines
from site_helpers import PROJECT_DIR, html_path, page_url, read_front_matter

_OPENING = re.compile(r'^<quiz objectives="(?P<numbers>[^"]*)">')


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(), "html.parser")


def text_of(element: Tag) -> str:
    return " ".join(element.get_text(" ").split())


def declared_objectives(src_path: str) -> list[str]:
    """The objectives attribute of each quiz of the lesson's source, in page order."""
    lines = source_lines((PROJECT_DIR / "docs" / src_path).read_text())
    return [match["numbers"] for line in lines if not line.in_code and (match := _OPENING.match(line.text))]


def minutes(src_path: str) -> int:
    return reading_minutes((PROJECT_DIR / "docs" / src_path).read_text())


def lessons(nav_blocks) -> list[str]:  # type: ignore[no-untyped-def]
    return [lesson for block in nav_blocks for lesson in block.lessons]


def expect_objectives_named(quiz: Tag, declared: str, objectives: list[str], where: str) -> None:
    assert quiz.get("data-objectives") == declared, where
    numbers = sorted({int(number) for number in declared.split()})
    line = quiz.select_one(".quiz-objectives")
    assert line is not None and line.find_next(class_="quiz-question") is not None, f"{where}: no line above the question"
    if len(numbers) == 1:
        assert text_of(line) == f"Checks objective {numbers[0]}: {objectives[numbers[0] - 1]}", where
    else:
        listed = ", ".join(map(str, numbers[:-1])) + f" and {numbers[-1]}"
        assert text_of(line.select_one(".quiz-objectives__label")) == f"Checks objectives {listed}:", where
        items = line.select("li")
        assert [int(item["value"]) for item in items] == numbers, where
        assert [text_of(item) for item in items] == [objectives[number - 1] for number in numbers], where


def test_every_lesson_quiz_names_the_objectives_its_source_declares(built_site: Path, nav_blocks) -> None:
    for lesson in lessons(nav_blocks):
        declared = declared_objectives(lesson)
        objectives = [" ".join(objective.split()) for objective in read_front_matter(lesson)["objectives"]]
        quizzes = soup(html_path(built_site, lesson)).select("article div.quiz")
        assert declared and len(quizzes) == len(declared), lesson
        for number, (quiz, numbers) in enumerate(zip(quizzes, declared), 1):
            expect_objectives_named(quiz, numbers, objectives, f"{lesson}, question {number}")
            # mkdocs-quiz shuffles the answers of such a question on each load (mkdocs.yml).
            assert quiz.get("data-shuffle-answers") == "true", f"{lesson}, question {number}"
        # Every objective is checked by at least one question (the course rules' promise, as built).
        checked = {int(number) for numbers in declared for number in numbers.split()}
        assert checked == set(range(1, len(objectives) + 1)), lesson


def test_the_print_view_names_them_too(built_site: Path, nav_blocks) -> None:
    view = soup(built_site / "print" / "index.html")
    for lesson in lessons(nav_blocks):
        section = view.find("section", id=page_url(lesson).strip("/").replace("/", "-"))
        objectives = [" ".join(objective.split()) for objective in read_front_matter(lesson)["objectives"]]
        quizzes = section.select("div.quiz")
        declared = declared_objectives(lesson)
        assert len(quizzes) == len(declared), lesson
        for quiz, numbers in zip(quizzes, declared):
            expect_objectives_named(quiz, numbers, objectives, f"print view, {lesson}")


def test_every_minute_figure_is_the_reading_time_of_the_lessons_text(built_site: Path, nav_blocks) -> None:
    home = soup(built_site / "index.html")
    outline = {a["href"].strip("./").rstrip("/") + "/": a.find_parent("li") for a in home.select(".course-outline .lesson-list a")}
    course_map = json.loads((built_site / "assets/javascripts/course-map.js").read_text().removeprefix("window.courseMap = ").rstrip(";\n"))
    mapped = {lesson["url"]: lesson["duration"] for lesson in course_map["lessons"]}
    total = 0
    for block in nav_blocks:
        block_minutes = sum(minutes(lesson) for lesson in block.lessons)
        total += block_minutes
        overview = soup(html_path(built_site, block.index))
        assert f"{len(block.lessons)} lessons · {format_minutes(block_minutes)}" in text_of(overview.select_one(".block-lessons")), block.index
        for lesson in block.lessons:
            shown = format_minutes(minutes(lesson))
            box = soup(html_path(built_site, lesson)).select_one(".lesson-objectives__duration")
            assert text_of(box) == f"({shown})", lesson
            assert text_of(outline[page_url(lesson)].select_one(".lesson-list__duration")) == shown, lesson
            listed = [item for item in overview.select(".lesson-list__item") if item["data-lesson"] == page_url(lesson)]
            assert text_of(listed[0].select_one(".lesson-list__duration")) == shown, lesson
            assert mapped[page_url(lesson)] == minutes(lesson), lesson
    meta = [text_of(element) for element in home.select(".course-outline__meta")]
    assert [entry.split(" · ")[1] for entry in meta] == [format_minutes(sum(map(minutes, block.lessons))) for block in nav_blocks]
    assert f"{len(lessons(nav_blocks))} lessons · {format_minutes(total)}" in text_of(home.select_one(".course-outline"))
    assert f"{len(lessons(nav_blocks))} lessons · {format_minutes(total)} in all" in text_of(home.select_one(".course-start__meta"))


def test_every_lesson_keeps_the_home_pages_promise(nav_blocks) -> None:
    promise = re.search(r"read in (\d+) to (\d+) minutes", (PROJECT_DIR / "docs" / "index.md").read_text())
    assert promise, "docs/index.md no longer says how long a lesson takes: update this test with it"
    shortest, longest = map(int, promise.groups())
    for lesson in lessons(nav_blocks):
        assert shortest <= minutes(lesson) <= longest, f"{lesson} takes {minutes(lesson)} min; the home page promises {shortest} to {longest}"
