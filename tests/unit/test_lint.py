"""The lesson lint: each rule fails on its own bad lesson in tests/lint_corpus/, with its message and line."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from course.lint import PageSource, lint_page, lint_pages, page_kinds, read_nav
from site_helpers import PROJECT_DIR

CORPUS = Path(__file__).resolve().parents[1] / "lint_corpus"
GOOD_LESSON = CORPUS / "good-lesson.md"
LINT = PROJECT_DIR / "tools" / "lint_lessons.py"
# Each bad lesson states what the lint must report: <!-- expect LINE: MESSAGE --> at its end.
EXPECT = re.compile(r"<!-- expect (\d+): (.*?) -->")
BAD_LESSONS = sorted(path for path in CORPUS.glob("*.md") if path != GOOD_LESSON)


def lint_corpus_file(path: Path) -> list[str]:
    text = EXPECT.sub("", path.read_text())  # the expectations sit below the last line they talk about
    kind = "block" if path.name.startswith("block-") else "lesson"
    return [str(problem) for problem in lint_page(PageSource(path.name, text, kind))]


def test_the_corpus_covers_every_rule() -> None:
    assert len(BAD_LESSONS) >= 35


def test_the_good_lesson_passes() -> None:
    assert lint_corpus_file(GOOD_LESSON) == []


@pytest.mark.parametrize("path", BAD_LESSONS, ids=lambda path: path.stem)
def test_each_bad_lesson_fails_with_its_message_and_line(path: Path) -> None:
    expected = [(int(line), message) for line, message in EXPECT.findall(path.read_text())]
    assert expected, f"{path.name} states no expectation"
    reported = lint_corpus_file(path)
    assert len(reported) == len(expected), reported
    for (line, message), problem in zip(sorted(expected), sorted(reported, key=lambda text: int(text.split(":")[1]))):
        assert problem.startswith(f"docs/{path.name}:{line}: "), problem
        assert message in problem, problem
        assert " — " in problem, f"no fix given: {problem}"


def test_a_term_defined_twice_is_reported_at_the_second_definition() -> None:
    text = GOOD_LESSON.read_text()
    other = text.replace("The base of the lint corpus", "Another lesson")
    problems = [str(problem) for problem in lint_pages([PageSource("01-a/01-x.md", text, "lesson"), PageSource("01-a/02-y.md", other, "lesson")])]
    assert problems == [
        "docs/01-a/02-y.md:13: 'Corpus' is already defined in docs/01-a/01-x.md:13 — "
        "define each term once in the course; here, just use the word (the glossary links it)"
    ]


def test_a_description_used_twice_is_reported() -> None:
    text = GOOD_LESSON.read_text()
    other = text.replace('"Corpus"', '"Sample"')
    problems = [str(problem) for problem in lint_pages([PageSource("a.md", text, "lesson"), PageSource("b.md", other, "lesson")])]
    assert len(problems) == 1 and problems[0].startswith("docs/b.md:3: the description is the same as that of docs/a.md")


def test_examples_in_code_fences_are_not_checked() -> None:
    example = '```markdown\n# A title\n\n!!! definition\n\n<quiz>\nNo answers\n</quiz>\n\n![](https://example.org/x.png)\n```\n'
    text = GOOD_LESSON.read_text().replace("An opening paragraph.\n", "An opening paragraph.\n\n" + example)
    assert lint_page(PageSource("a.md", text, "lesson")) == []


def test_pages_are_told_apart_by_the_nav() -> None:
    nav = read_nav(
        "site_name: x\nmarkdown_extensions:\n  - a:\n      f: !!python/name:x.y\nplugins:\n  - b:\n      on: !ENV [X, false]\n"
        "nav:\n  - Home: index.md\n  - Block:\n      - 01-b/index.md\n      - Intro: 01-b/01-intro.md\n  - glossary.md\n"
    )
    assert page_kinds(nav) == {"index.md": "page", "01-b/index.md": "block", "01-b/01-intro.md": "lesson", "glossary.md": "page"}


def run_lint(project: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(LINT), "--project", str(project)], capture_output=True, text=True, timeout=120)


@pytest.fixture
def one_page_project(tmp_path: Path) -> Path:
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: x\nnav:\n  - index.md\n")
    return tmp_path


def test_spelling_mistakes_are_reported_with_the_word_list(one_page_project: Path) -> None:
    (one_page_project / "docs/index.md").write_text("---\ntitle: Home\n---\n\nThe team recieved feedback.\n")
    result = run_lint(one_page_project)
    assert result.returncode == 1
    assert "docs/index.md:5: 'recieved' looks misspelled — write 'received'; if the word is right, add it to tools/lint/codespell-words.txt" in result.stdout


def test_markdown_style_problems_are_reported(one_page_project: Path) -> None:
    (one_page_project / "docs/index.md").write_text("---\ntitle: Home\n---\n\n## A heading\nText right under it.\n")
    result = run_lint(one_page_project)
    assert result.returncode == 1
    assert "docs/index.md:5: Markdown style MD022: Headings should be surrounded by blank lines" in result.stdout
    assert "— leave a blank line above and below the heading" in result.stdout


def test_a_clean_project_passes(one_page_project: Path) -> None:
    (one_page_project / "docs/index.md").write_text("---\ntitle: Home\n---\n\nWelcome to the course.\n")
    result = run_lint(one_page_project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "All 1 pages pass the lesson lint." in result.stdout
