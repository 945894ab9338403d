"""Each page's "Last update" (course/git_dates.py): the last edit of each file of docs/, read from a
real git repository in one `git log`, and the date as a learner reads it."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from course.git_dates import changes_from_log, date_text, last_changes

# Unix times of four commits, a day apart (2026-03-01 ... 2026-03-04, noon UTC).
DAY = 86400
T1 = 1772366400
T2, T3, T4 = T1 + DAY, T1 + 2 * DAY, T1 + 3 * DAY


def commit(repo: Path, when: int, message: str) -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "A", "GIT_AUTHOR_EMAIL": "a@example.org", "GIT_AUTHOR_DATE": f"@{when} +0000",
        # The committer date differs: the page shows when its text was written, not when it was merged.
        "GIT_COMMITTER_NAME": "C", "GIT_COMMITTER_EMAIL": "c@example.org", "GIT_COMMITTER_DATE": f"@{T4 + DAY} +0000",
    }
    subprocess.run(["git", "add", "-A"], cwd=repo, check=True)
    subprocess.run(["git", "commit", "-q", "-m", message], cwd=repo, env=env, check=True)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n")
    return tmp_path


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


LESSON = "Line one of a lesson that is long enough for git to see a rename.\n" * 5


def test_each_file_gets_the_author_date_of_its_last_edit(repo: Path) -> None:
    docs = repo / "docs"
    write(docs / "index.md", "# Home\n")
    write(docs / "block-1" / "lesson.md", LESSON)
    write(docs / "moved.md", LESSON + "moved\n")
    write(docs / "moved-and-edited.md", LESSON + "edited\n")
    write(docs / "gone.md", "# Gone\n")
    commit(repo, T1, "first")
    write(docs / "block-1" / "lesson.md", LESSON + "A new paragraph.\n")
    (docs / "gone.md").unlink()
    write(repo / "README.md", "outside docs/\n")
    commit(repo, T2, "edit a lesson, delete a page")
    (docs / "moved.md").rename(docs / "block-1" / "moved.md")
    (docs / "moved-and-edited.md").rename(docs / "block-1" / "renamed é.md")
    write(docs / "block-1" / "renamed é.md", LESSON + "edited\nand edited again\n")
    commit(repo, T3, "move two pages, edit one of them")
    write(docs / "new.md", "# Not committed yet\n")

    assert last_changes(docs) == {
        "index.md": T1,
        "block-1/lesson.md": T2,
        "block-1/moved.md": T1,  # a rename alone is no update: the date of its last edit
        "block-1/renamed é.md": T3,  # moved and edited
    }


def test_a_deleted_and_recreated_file_dates_from_its_new_text(repo: Path) -> None:
    docs = repo / "docs"
    write(docs / "page.md", "# One\n")
    commit(repo, T1, "add")
    (docs / "page.md").unlink()
    commit(repo, T2, "delete")
    write(docs / "page.md", "# Two\n")
    commit(repo, T3, "add again")
    assert last_changes(docs) == {"page.md": T3}


def test_without_a_repository_or_a_commit_there_are_no_dates(tmp_path_factory: pytest.TempPathFactory, repo: Path) -> None:
    write(repo / "docs" / "page.md", "# Page\n")
    assert last_changes(repo / "docs") == {}  # a repository without a commit yet
    assert last_changes(tmp_path_factory.mktemp("copy-without-history")) == {}


def test_a_copy_is_a_new_file_dated_by_its_commit() -> None:
    # git reports copies only when asked (diff.renames=copies in a contributor's config): the log as git writes it.
    log = f"\x01{T2}\x00\nC100\x00a.md\x00b.md\x00\x01{T1}\x00\nA\x00a.md\x00"
    assert changes_from_log(log) == {"a.md": T1, "b.md": T2}


def test_the_date_reads_as_american_english_in_utc() -> None:
    assert date_text(T1) == "March 1, 2026"
    assert date_text(T1 + DAY * 300) == "December 26, 2026"
    assert date_text(1798761599) == "December 31, 2026"  # 23:59:59 UTC, already January 1 east of it
