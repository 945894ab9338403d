"""Reading times: computed from a lesson's text (course/reading_time.py), carried by the course model
as every lesson's minutes, and compared with a declared `duration:` (course/rules/durations.py)."""

from __future__ import annotations

import pytest

from course import CourseError, NavPage, NavSection, build_course, read_front_matter
from course.reading_time import ReadingTime, reading_minutes, reading_time
from course.rules.durations import declared_duration, lesson_length
from course.source import PageSource
from course.text import source_lines

QUIZ = '<quiz objectives="1">\nSkipped question words?\n- [x] Yes.\n- [ ] No.\n> Not counted.\n\nNot counted.\n</quiz>\n'


def words(count: int) -> str:
    return " ".join(["word"] * count)


def lesson_text(body: str, duration: int | str | None = None) -> str:
    declared = "" if duration is None else f"duration: {duration}\n"
    return f"---\ntitle: A lesson\ndescription: One.\nobjectives:\n  - Do it.\n{declared}---\n\n{body}"


def test_prose_counts_and_code_quizzes_tags_and_link_targets_do_not() -> None:
    body = (
        "Four words of prose.\n\n```python\nnot = counted + at_all\n```\n\n"
        '<figure markdown><img src="a.png" alt="not counted"></figure>\n\n'
        "A [link text](https://example.org/not/counted) here.\n\n<!-- not counted -->\n\n"
        '!!! example "Two words"\n    Three more words.\n\n' + QUIZ
    )
    time = reading_time(source_lines(body, diagrams_are_code=True), 1)
    assert time == ReadingTime(words=4 + 4 + 2 + 3, questions=1)


@pytest.mark.parametrize(
    ("prose", "questions", "minutes"),
    [(200, 0, 1), (201, 0, 2), (1800, 6, 12), (2000, 6, 13), (0, 3, 2)],
)
def test_200_words_a_minute_plus_half_a_minute_per_question_rounded_up(prose: int, questions: int, minutes: int) -> None:
    assert ReadingTime(prose, questions).minutes == minutes


def test_the_page_computes_it_once_from_the_lines_the_rules_parsed() -> None:
    text = "\ufeff" + lesson_text(words(450) + "\n\n" + QUIZ + "\n" + QUIZ).replace("\n", "\r\n")
    page = PageSource("01-b/01-a.md", text.removeprefix("\ufeff"), "lesson")
    assert page.reading_time == ReadingTime(450, 2) and page.reading_time.minutes == 4 == reading_minutes(text)
    assert page.reading_time is page.reading_time


def test_the_course_model_carries_the_computed_minutes_not_the_declared_ones() -> None:
    def nav_page(src_path: str, duration: int | None, minutes: int | None) -> NavPage:
        return NavPage(src_path, src_path, read_front_matter(src_path, lesson_text("Text.", duration)), minutes)

    block = read_front_matter("01-b/index.md", "---\ntitle: B\ndescription: B.\nsummary: B.\n---\n")
    course = build_course([NavSection("B", (NavPage("01-b/index.md", "01-b/", block), nav_page("01-b/01-a.md", 20, 12), nav_page("01-b/02-c.md", None, 9)))])
    assert [lesson.duration for lesson in course.lessons] == [12, 9] and course.duration == 21


@pytest.mark.parametrize(("declared", "ok"), [(12, True), (15, True), (9, True), (16, False), (8, False)])
def test_a_declared_duration_is_within_25_percent_of_the_reading_time(declared: int, ok: bool) -> None:
    page = PageSource("01-b/01-a.md", lesson_text(words(2394), declared), "lesson")
    assert page.reading_time.minutes == 12
    problems = list(declared_duration(page))
    assert (problems == []) == ok
    if not ok:
        assert problems[0].line == 6 and problems[0].problem == (
            f"'duration: {declared}' is more than 25% away from the lesson's reading time, 12 min "
            "(2,394 words at 200 a minute, plus half a minute for each of 0 quiz questions)"
        )
        assert problems[0].fix.startswith("set duration: 12")


def test_no_declared_duration_is_fine_and_a_wrong_one_is_left_to_the_structure_rules() -> None:
    for duration in (None, "ten", 0, True):
        assert list(declared_duration(PageSource("01-b/01-a.md", lesson_text("Text.", duration), "lesson"))) == []


def test_a_lesson_longer_than_the_home_page_promises_fails_at_its_title() -> None:
    assert list(lesson_length(PageSource("01-b/01-a.md", lesson_text(words(3000)), "lesson"))) == []
    [problem] = lesson_length(PageSource("01-b/01-a.md", lesson_text(words(3000) + "\n\n" + QUIZ), "lesson"))
    assert problem.line == 2 and problem.problem.startswith("this lesson takes 16 min to read (")
    assert list(lesson_length(PageSource("about.md", words(4000), "page"))) == []


def test_a_declared_duration_must_be_a_positive_whole_number() -> None:
    overview = NavPage("01-b/index.md", "01-b/", read_front_matter("01-b/index.md", "---\ntitle: B\ndescription: B.\nsummary: B.\n---\n"))
    lesson = NavPage("01-b/01-a.md", "01-b/01-a/", read_front_matter("01-b/01-a.md", lesson_text("Text.", "ten")), 3)
    with pytest.raises(CourseError, match="front matter 'duration' is 'ten', but must be a positive whole number of minutes"):
        build_course([NavSection("B", (overview, lesson))])
