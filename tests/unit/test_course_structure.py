"""The course logic: order, blocks, successors, durations and front matter checks."""

from __future__ import annotations

import textwrap

import pytest

from course import CourseError, NavPage, NavSection, build_course, format_minutes, read_front_matter


def page(src_path: str, front_matter: str) -> NavPage:
    text = "---\n" + textwrap.dedent(front_matter).strip() + "\n---\n\nBody.\n"
    url = src_path.removesuffix("index.md").removesuffix(".md") + ("/" if not src_path.endswith("index.md") else "")
    return NavPage(src_path, url, read_front_matter(src_path, text))


def lesson(src_path: str, title: str, duration: int = 10, extra: str = "") -> NavPage:
    return page(
        src_path,
        f"""
        title: {title}
        description: About {title}.
        objectives:
          - Explain {title}.
          - Apply {title}.
        duration: {duration}
        {extra}
        """,
    )


def overview(folder: str, title: str) -> NavPage:
    return page(f"{folder}/index.md", f"title: {title}\ndescription: The {title} block.\nsummary: All about {title}.")


def two_block_nav() -> list:
    return [
        page("index.md", "title: Home\ndescription: Welcome."),
        NavSection("Foundations", (
            overview("01-f", "Foundations"),
            lesson("01-f/01-a.md", "Lesson A", 10),
            lesson("01-f/02-b.md", "Lesson B", 15),
        )),
        NavSection("Vision", (
            overview("02-v", "Vision"),
            lesson("02-v/01-c.md", "Lesson C", 20),
        )),
    ]


def test_blocks_and_lessons_follow_nav_order() -> None:
    course = build_course(two_block_nav())
    assert [block.title for block in course.blocks] == ["Foundations", "Vision"]
    assert [item.title for item in course.lessons] == ["Lesson A", "Lesson B", "Lesson C"]


def test_durations_add_up_per_block_and_course() -> None:
    course = build_course(two_block_nav())
    assert [block.duration for block in course.blocks] == [25, 20]
    assert course.duration == 45


def test_block_objectives_collect_every_lesson_objective_in_order() -> None:
    block = build_course(two_block_nav()).blocks[0]
    assert block.objectives == ("Explain Lesson A.", "Apply Lesson A.", "Explain Lesson B.", "Apply Lesson B.")


def test_successor_inside_a_block_is_the_next_lesson() -> None:
    course = build_course(two_block_nav())
    step = course.next_step(course.lesson("01-f/01-a.md"))
    assert step.kind == "lesson"
    assert step.lesson.title == "Lesson B"


def test_successor_at_the_end_of_a_block_is_the_next_block() -> None:
    course = build_course(two_block_nav())
    step = course.next_step(course.lesson("01-f/02-b.md"))
    assert step.kind == "block"
    assert step.block.title == "Vision"
    assert step.block.duration == 20


def test_last_lesson_of_the_course_completes_it() -> None:
    course = build_course(two_block_nav())
    step = course.next_step(course.lesson("02-v/01-c.md"))
    assert step.kind == "course-complete"
    assert step.lesson is None and step.block is None


def test_next_key_overrides_the_nav_order() -> None:
    nav = two_block_nav()
    nav[1] = NavSection("Foundations", (
        overview("01-f", "Foundations"),
        lesson("01-f/01-a.md", "Lesson A", extra="next: ../02-v/01-c.md"),
        lesson("01-f/02-b.md", "Lesson B"),
    ))
    course = build_course(nav)
    step = course.next_step(course.lesson("01-f/01-a.md"))
    assert step.kind == "lesson"
    assert step.lesson.src_path == "02-v/01-c.md"


def test_next_key_may_name_a_block_overview() -> None:
    nav = two_block_nav()
    nav[1] = NavSection("Foundations", (
        overview("01-f", "Foundations"),
        lesson("01-f/01-a.md", "Lesson A", extra="next: ../02-v/index.md"),
    ))
    course = build_course(nav)
    step = course.next_step(course.lesson("01-f/01-a.md"))
    assert step.kind == "block" and step.block.title == "Vision"


@pytest.mark.parametrize(
    ("minutes", "expected"),
    [(5, "5 min"), (60, "1 h"), (75, "1 h 15 min"), (130, "2 h 10 min")],
)
def test_format_minutes(minutes: int, expected: str) -> None:
    assert format_minutes(minutes) == expected


# --- Bad input: every mistake names the file, the line where known, and the fix. ---


def replace_lesson(front_matter: str) -> list:
    nav = two_block_nav()
    bad = page("01-f/02-b.md", front_matter)
    nav[1] = NavSection("Foundations", (overview("01-f", "Foundations"), lesson("01-f/01-a.md", "Lesson A"), bad))
    return nav


def error_for(nav: list) -> CourseError:
    with pytest.raises(CourseError) as caught:
        build_course(nav)
    return caught.value


def test_missing_objectives() -> None:
    error = error_for(replace_lesson("title: B\ndescription: B.\nduration: 5"))
    assert str(error).startswith("docs/01-f/02-b.md:")
    assert "'objectives' is missing" in str(error)
    assert "—" in str(error)


def test_empty_objectives_points_at_its_line() -> None:
    error = error_for(replace_lesson("title: B\ndescription: B.\nobjectives: []\nduration: 5"))
    assert error.line == 4
    assert "'objectives' is empty" in str(error)


@pytest.mark.parametrize("value", ["0", "-3", "ten", "12.5", "true"])
def test_duration_must_be_a_positive_integer(value: str) -> None:
    error = error_for(replace_lesson(f"title: B\ndescription: B.\nobjectives: [Do B.]\nduration: {value}"))
    assert "'duration'" in str(error) and "positive whole number" in str(error)
    assert error.line == 5


def test_broken_yaml_gets_a_line_number() -> None:
    with pytest.raises(CourseError) as caught:
        read_front_matter("01-f/02-b.md", "---\ntitle: B\nobjectives:\n  - one\n - two\n---\n")
    assert "not valid YAML" in str(caught.value)
    assert caught.value.line == 6 or caught.value.line == 5


def test_unclosed_front_matter() -> None:
    with pytest.raises(CourseError, match="never closed"):
        read_front_matter("x.md", "---\ntitle: B\n\nBody\n")


def test_lesson_without_front_matter() -> None:
    nav = two_block_nav()
    nav[1] = NavSection("Foundations", (
        overview("01-f", "Foundations"),
        NavPage("01-f/01-a.md", "01-f/01-a/", read_front_matter("01-f/01-a.md", "# Just text\n")),
    ))
    assert "no front matter" in str(error_for(nav))


def test_next_that_names_no_page() -> None:
    nav = replace_lesson("title: B\ndescription: B.\nobjectives: [Do B.]\nduration: 5\nnext: 99-nowhere.md")
    error = error_for(nav)
    assert "'next' names no lesson or block overview ('docs/01-f/99-nowhere.md')" in str(error)
    assert error.line == 6


def test_next_that_names_the_lesson_itself() -> None:
    error = error_for(replace_lesson("title: B\ndescription: B.\nobjectives: [Do B.]\nduration: 5\nnext: 02-b.md"))
    assert "names the lesson itself" in str(error)


def test_lesson_outside_any_block() -> None:
    nav = two_block_nav() + [lesson("stray.md", "Stray")]
    error = error_for(nav)
    assert str(error).startswith("docs/stray.md:")
    assert "outside any learning block" in str(error)


def test_lesson_outside_its_block_folder() -> None:
    nav = two_block_nav()
    nav[2] = NavSection("Vision", (overview("02-v", "Vision"), lesson("01-f/03-x.md", "X")))
    assert "outside that block's folder" in str(error_for(nav))


def test_block_without_overview() -> None:
    nav = [NavSection("Foundations", (lesson("01-f/01-a.md", "A"),))]
    error = error_for(nav)
    assert str(error).startswith("mkdocs.yml:") and "no overview page" in str(error)


def test_block_title_must_match_nav_section() -> None:
    nav = [NavSection("Basics", (overview("01-f", "Foundations"), lesson("01-f/01-a.md", "A")))]
    assert "differs from the block's nav section 'Basics'" in str(error_for(nav))


def test_block_without_summary() -> None:
    nav = [NavSection("F", (page("01-f/index.md", "title: F\ndescription: F."), lesson("01-f/01-a.md", "A")))]
    assert "'summary' is missing" in str(error_for(nav))
