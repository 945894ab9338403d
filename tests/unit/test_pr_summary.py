"""The pull request summary for reviewers (tools/pr_summary.py), on a scratch git repository with a
base commit and a head commit that adds, changes, moves and removes lessons."""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from pathlib import Path

import pytest

from course.reading_time import file_reading_time
from site_helpers import PROJECT_DIR

_spec = importlib.util.spec_from_file_location("pr_summary", PROJECT_DIR / "tools" / "pr_summary.py")
pr_summary = importlib.util.module_from_spec(_spec)
sys.modules["pr_summary"] = pr_summary  # its dataclasses look their module up
_spec.loader.exec_module(pr_summary)

TOOL = PROJECT_DIR / "tools" / "pr_summary.py"
# A lesson that passes the course's rules: the lint corpus's base.
GOOD_LESSON = (Path(__file__).resolve().parents[1] / "lint_corpus" / "good-lesson.md").read_text()
NAV = """\
site_name: Scratch course
nav:
  - Home: index.md
  - Block A:
      - 01-a/index.md
{lessons}  - Glossary: glossary.md
"""
# The image the corpus lesson shows: a 1x1 PNG.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000185d114090000000049454e44ae426082"
)


def lesson(name: str) -> str:
    """The corpus's good lesson under its own title, description and defined term."""
    return (
        GOOD_LESSON.replace("title: A lesson without mistakes", f"title: Lesson {name}")
        .replace("description: The base of the lint corpus;", f"description: Lesson {name} of a scratch course;")
        .replace('"Corpus"', f'"Term {name}"')
        .replace("Also called: corpora", f"Also called: term {name.lower()}s")
    )


def write_course(repo: Path, lessons: dict[str, str]) -> None:
    (repo / "mkdocs.yml").write_text(NAV.format(lessons="".join(f"      - 01-a/{name}\n" for name in lessons)))
    for name, text in lessons.items():
        (repo / "docs" / "01-a" / name).write_text(text)


def commit(repo: Path, message: str) -> str:
    git = ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org"]
    subprocess.run([*git, "add", "-A"], cwd=repo, check=True)
    subprocess.run([*git, "commit", "-q", "-m", message], cwd=repo, check=True)
    return subprocess.run(["git", "rev-parse", "HEAD"], cwd=repo, capture_output=True, text=True, check=True).stdout.strip()


@pytest.fixture
def course_repo(tmp_path: Path) -> tuple[Path, str]:
    """A course whose head commit, against its base: changes 01-first, moves 02-second to
    02-renamed, removes 03-third, adds 04-new (with a spelling mistake) and edits the block overview."""
    repo = tmp_path / "course"
    (repo / "docs" / "01-a").mkdir(parents=True)
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    (repo / "docs" / "index.md").write_text("---\ntitle: Home\ndescription: The home page of a scratch course.\n---\n\nWelcome.\n")
    (repo / "docs" / "01-a" / "report.png").write_bytes(PNG)
    overview = repo / "docs" / "01-a" / "index.md"
    overview.write_text("---\ntitle: Block A\ndescription: A block of a scratch course.\nsummary: A block to test the summary.\n---\n\nRead the lessons in order.\n")
    # The removed lesson is long, so that git does not take the added one for it, moved.
    long = lesson("Three").replace("An opening paragraph.", "\n\n".join(f"Paragraph {n} of a long lesson." for n in range(200)))
    write_course(repo, {"01-first.md": lesson("One"), "02-second.md": lesson("Two"), "03-third.md": long})
    base = commit(repo, "base")

    (repo / "docs" / "01-a" / "02-second.md").unlink()
    (repo / "docs" / "01-a" / "03-third.md").unlink()
    new = lesson("Four").replace("An opening paragraph.", "An opening paragraph. The team recieved feedback.")
    changed = lesson("One").replace("An opening paragraph.", "An opening paragraph, rewritten at some length for the test.")
    write_course(repo, {"01-first.md": changed, "02-renamed.md": lesson("Two"), "04-new.md": new})
    overview.write_text(overview.read_text().replace("Read the lessons in order.", "Read the lessons in any order."))
    commit(repo, "head")
    return repo, base


def test_the_lessons_a_pull_request_adds_changes_moves_and_removes(course_repo: tuple[Path, str]) -> None:
    repo, base = course_repo
    problems = {"01-a/04-new.md": ["docs/01-a/04-new.md:9: a problem — a fix"]}
    summary = pr_summary.summarize(repo, base, problems)
    assert [(lesson.src_path, lesson.change) for lesson in summary.lessons] == [
        ("01-a/01-first.md", "changed"), ("01-a/02-renamed.md", "moved"), ("01-a/04-new.md", "added"),
    ]
    assert summary.removed == ["01-a/03-third.md"]
    assert summary.other_pages == ["01-a/index.md"]
    first, _, new = summary.lessons
    text = (repo / "docs" / "01-a" / "01-first.md").read_text()
    time = file_reading_time(text)
    assert (first.title, first.words, first.minutes, first.declared) == ("Lesson One", time.words, time.minutes, None)
    assert first.problems == () and new.problems == ("docs/01-a/04-new.md:9: a problem — a fix",)


def test_the_summary_table_and_the_problems_to_fix(course_repo: tuple[Path, str]) -> None:
    repo, base = course_repo
    summary = pr_summary.summarize(repo, base, {"01-a/04-new.md": ["docs/01-a/04-new.md:9: a problem — a fix"]})
    text = pr_summary.render(summary, pr_summary.Preview("site-preview", "https://example.org/artifact", "https://example.org/run"))
    rows = [line for line in text.splitlines() if line.startswith("| ") and "docs/" in line]
    first = summary.lessons[0]
    assert rows == [
        f"| Changed: Lesson One | `docs/01-a/01-first.md` | {first.words:,} | {first.minutes} | ✅ passes |",
        f"| Moved: Lesson Two | `docs/01-a/02-renamed.md` | {summary.lessons[1].words:,} | {summary.lessons[1].minutes} | ✅ passes |",
        f"| Added: Lesson Four | `docs/01-a/04-new.md` | {summary.lessons[2].words:,} | {summary.lessons[2].minutes} | ❌ 1 problem |",
    ]
    assert "```text\ndocs/01-a/04-new.md:9: a problem — a fix\n```" in text
    assert "Removed lessons: `docs/01-a/03-third.md`." in text
    assert "Other pages changed: `docs/01-a/index.md`." in text
    assert "[**site-preview**](https://example.org/artifact)" in text and "(https://example.org/run)" in text
    assert "Open `index.html` in your browser" in text


def test_what_a_contributor_wrote_is_never_markup_in_the_summary() -> None:
    title = 'A | B <img src=x onerror="alert(1)"> [link](https://example.org) **bold**'
    change = pr_summary.LessonChange("01-a/01-x.md", "added", title, 10, 1, None, ("docs/01-a/01-x.md:1: ``` breaks out? — no",))
    text = pr_summary.render(pr_summary.Summary(lessons=[change]), pr_summary.Preview("site-preview"))
    row = next(line for line in text.splitlines() if line.startswith("| Added"))
    assert len(re.findall(r"(?<!\\)\|", row)) == 6, row  # the table's own cell borders only
    assert "<img" not in text and not re.search(r"(?<!\\)\]\(https://example.org\)", text) and "**bold**" not in text
    assert "````text\ndocs/01-a/01-x.md:1: ``` breaks out? — no\n````" in text


def test_a_declared_duration_is_shown_only_when_it_differs_from_the_computed_minutes() -> None:
    lessons = [
        pr_summary.LessonChange("01-a/01-x.md", "added", "X", 2400, 13, 15),
        pr_summary.LessonChange("01-a/02-y.md", "added", "Y", 2400, 13, 13),
    ]
    rows = [line for line in pr_summary.render(pr_summary.Summary(lessons=lessons), pr_summary.Preview("p")).splitlines() if "docs/" in line]
    assert rows[0].endswith("| 2,400 | 13 (declares 15) | ✅ passes |") and rows[1].endswith("| 2,400 | 13 | ✅ passes |")


def test_without_a_preview_the_summary_says_why() -> None:
    text = pr_summary.render(pr_summary.Summary(), pr_summary.Preview("site-preview"))
    assert "This pull request adds or changes no lesson." in text
    assert "There is no preview: the site did not build" in text and "Download" not in text


def test_the_command_runs_the_lint_and_reports_each_lesson_s_result(course_repo: tuple[Path, str]) -> None:
    repo, base = course_repo
    result = subprocess.run(
        [sys.executable, str(TOOL), "--base", base, "--project", str(repo), "--artifact-url", "https://example.org/a"],
        capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stderr
    rows = {line.split(" | ")[1]: line for line in result.stdout.splitlines() if line.startswith("| ") and "docs/" in line}
    assert rows["`docs/01-a/01-first.md`"].endswith("| ✅ passes |")
    assert "❌" in rows["`docs/01-a/04-new.md`"]
    assert re.search(r"^docs/01-a/04-new\.md:\d+: 'recieved' looks misspelled", result.stdout, re.MULTILINE), result.stdout


def test_a_first_push_has_nothing_to_compare_with(course_repo: tuple[Path, str]) -> None:
    repo, _ = course_repo
    result = subprocess.run([sys.executable, str(TOOL), "--base", "0" * 40, "--project", str(repo)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "There is no earlier commit to compare with." in result.stdout
