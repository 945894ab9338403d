"""The lesson scaffold: file names, the template, and nav insertion that leaves the rest of mkdocs.yml alone."""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path

import pytest

from corpus_helpers import Case, check_case
from course import CourseError
from site_helpers import PROJECT_DIR

_spec = importlib.util.spec_from_file_location("new_lesson", PROJECT_DIR / "tools" / "new_lesson.py")
new_lesson = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(new_lesson)

CONFIG = """\
site_name: x
# A comment that must survive.
nav:
  - Home: index.md
  - First block:
      - 01-a/index.md
      - 01-a/01-one.md
      - Two: 01-a/02-two.md
  - Second block:
      - 02-b/index.md
      - 02-b/01-three.md
  - Contribute a lesson: contribute.md
extra_css: [x.css]
"""


def nav_lines(config: str) -> list[str]:
    return [line.strip() for line in config.splitlines() if line.strip().startswith("- ")]


@pytest.mark.parametrize(
    ("options", "expected_after"),
    [
        ({}, "- Two: 01-a/02-two.md"),
        ({"position": 1}, "- 01-a/index.md"),
        ({"position": 2}, "- 01-a/01-one.md"),
        ({"position": 3}, "- Two: 01-a/02-two.md"),
        ({"after": "01-one.md"}, "- 01-a/01-one.md"),
        ({"after": "01-one"}, "- 01-a/01-one.md"),
    ],
)
def test_the_lesson_is_listed_where_asked(options: dict, expected_after: str) -> None:
    updated = new_lesson.insert_into_nav(CONFIG, "01-a", "03-new.md", **options)
    lines = nav_lines(updated)
    assert lines[lines.index("- 01-a/03-new.md") - 1] == expected_after
    assert updated.replace("      - 01-a/03-new.md\n", "", 1) == CONFIG


@pytest.mark.parametrize(
    ("block", "options", "message"),
    [
        ("03-c", {}, "the nav lists no pages of the block folder '03-c'"),
        ("01-a", {"position": 4}, "POSITION=4 is outside the block, which has 2 lesson(s)"),
        ("01-a", {"position": 0}, "POSITION=0 is outside the block"),
        ("01-a", {"after": "09-none.md"}, "the block '01-a' lists no lesson '09-none.md'"),
    ],
)
def test_a_wrong_place_is_explained(block: str, options: dict, message: str) -> None:
    with pytest.raises(CourseError, match=re.escape(message)):
        new_lesson.insert_into_nav(CONFIG, block, "03-new.md", **options)


@pytest.mark.parametrize(
    ("title", "slug"),
    [("Working with stakeholders", "working-with-stakeholders"), ("OKRs: the basics (part 2)", "okrs-the-basics-part-2"), ("Café économie", "cafe-economie")],
)
def test_file_names_come_from_the_title(title: str, slug: str) -> None:
    assert new_lesson.slugify(title) == slug


def test_the_number_is_the_next_free_one(tmp_path: Path) -> None:
    for name in ("index.md", "01-a.md", "04-b.md"):
        (tmp_path / name).write_text("")
    assert new_lesson.lesson_file_name(tmp_path, "New one") == "05-new-one.md"


@pytest.mark.parametrize("title", ["Working with stakeholders", 'Titles with "quotes": and colons', "#1 priority"])
def test_the_template_is_a_clean_lesson_for_any_title_but_for_its_guidance_text(title: str) -> None:
    text = new_lesson.render_lesson(title)
    assert f"title: {json.dumps(title)}" in text
    case = Case(Path("03-new.md"), text.encode())
    # Every part has the format the rules ask for (its links lead to the guide, contribute.md)...
    assert check_case(case, lesson_template="", site_pages=("contribute.md",)).problems == ()
    # ...and the guidance text must be replaced before the lesson can be published.
    problems = check_case(case, site_pages=("contribute.md",)).problems
    assert problems and all(problem.problem.startswith("this is still the lesson template's guidance text") for problem in problems)
    lines = text.split("\n")
    guidance = {lines.index(line) + 1 for line in lines if line.startswith(("description:", "Open with two or three sentences"))}
    assert {problem.line for problem in problems} >= guidance, problems


def test_the_template_has_no_unfinished_work_markers() -> None:
    text = new_lesson.TEMPLATE.read_text().lower()
    for word in ("todo", "tbd", "placeholder", "lorem", "coming soon"):
        assert word not in text


def test_only_blocks_of_the_nav_take_lessons(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text(CONFIG)
    for folder in ("01-a", "worksheets"):
        (tmp_path / "docs" / folder).mkdir(parents=True)
        (tmp_path / "docs" / folder / "index.md").write_text("")
    with pytest.raises(CourseError, match="'worksheets' is not a learning block of the nav — use one of: 01-a, 02-b"):
        new_lesson.create_lesson(tmp_path, "worksheets", "A lesson")
    created = new_lesson.create_lesson(tmp_path, "01-a", "A lesson")
    assert created == tmp_path / "docs" / "01-a" / "01-a-lesson.md"
    assert "      - 01-a/01-a-lesson.md\n" in (tmp_path / "mkdocs.yml").read_text()
