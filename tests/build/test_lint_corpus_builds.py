"""Every page of the lint corpus fails the real strict build and `make lint` alike, with its file and
line; the clean page passes both, also with a byte order mark or Windows line ends. Built as the
preview (`properdocs serve`) builds, a page with a mistake renders, with its problems at its top.

Each page is built in a scratch course of its own (tests/corpus_helpers.py); the builds run one
after the other in one interpreter, so the whole corpus takes seconds of CPU, not minutes.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from corpus_helpers import Case, CorpusBuild, bad_cases, build_all, good_cases, lint_tool, reported_problems, write_project
from site_helpers import PROJECT_DIR

CASES = good_cases() + bad_cases()
# One or more mistakes of each kind that could stop the preview's build: what MkDocs, mkdocs-quiz or
# the course's own hooks would otherwise read (a full preview build of each case costs ~1 s of CPU).
PREVIEW_CASES = [case for case in CASES if case.name in {
    "encoding-utf-16", "encoding-windows-1252", "empty-file", "front-matter-invalid-yaml", "front-matter-unclosed",
    "front-matter-missing-title", "front-matter-next-not-a-page", "block-without-summary", "quiz-without-right-answer",
    "quiz-not-closed", "quiz-feedback-after-blank-line", "quiz-unknown-attribute", "quiz-tag-inside-text",
    "quiz-bad-answer-mark", "definition-without-title", "definition-defined-twice", "alias-of-another-term",
    "nav-lists-a-missing-file", "page-not-in-nav", "link-to-a-missing-anchor", "unsafe-html", "Name_With_Capitals",
    "code-fence-not-closed",
}]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, CorpusBuild]]:
    root = tmp_path_factory.mktemp("corpus")
    projects = {case.name: write_project(case, root / case.name) for case in CASES}
    builds = build_all(list(projects.values()))
    return {name: (project, builds[project]) for name, project in projects.items()}


@pytest.fixture(scope="module")
def lint():  # type: ignore[no-untyped-def] - tools/lint_lessons.py
    return lint_tool()


@pytest.mark.parametrize("case", [case for case in CASES if not case.name.startswith("good")], ids=lambda case: case.name)
def test_each_mistake_fails_the_build_and_the_lint_with_its_file_and_line(case: Case, corpus, lint) -> None:  # type: ignore[no-untyped-def]
    project, build = corpus[case.name]
    assert not build.ok, build.output
    assert "Traceback" not in build.output and "UnicodeDecodeError" not in build.output, build.output
    built = reported_problems(build.output)
    linted = [str(problem) for problem in lint.course_check(project).problems]
    # The same rules: the build prints exactly the problems the lint finds.
    assert sorted(set(built)) == sorted(linted), build.output
    for expected in case.expected(case.mkdocs_yml()):
        assert any(problem.startswith(f"{expected.where}: ") and expected.message in problem for problem in built), (expected, built)
    assert "Aborted with a BuildError!" in build.output


@pytest.mark.parametrize("case", [case for case in CASES if case.name.startswith("good")], ids=lambda case: case.name)
def test_the_clean_page_builds_and_lints_clean(case: Case, corpus) -> None:  # type: ignore[no-untyped-def]
    project, build = corpus[case.name]
    assert build.ok, build.output
    lint = subprocess.run(
        [sys.executable, str(PROJECT_DIR / "tools" / "lint_lessons.py"), "--project", str(project)],
        capture_output=True, text=True, timeout=300,
    )
    assert lint.returncode == 0, lint.stdout + lint.stderr
    page = (project / "site" / case.src_path.removesuffix(".md") / "index.html").read_text()
    assert "A lesson without mistakes" in page and page.count('class="quiz"') >= 3


@pytest.fixture(scope="module")
def previews(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, CorpusBuild]]:
    root = tmp_path_factory.mktemp("preview")
    projects = {case.name: write_project(case, root / case.name) for case in PREVIEW_CASES}
    builds = build_all(list(projects.values()), serve=True)
    return {name: (project, builds[project]) for name, project in projects.items()}


def test_every_kind_of_mistake_is_covered_in_the_preview() -> None:
    assert len(PREVIEW_CASES) == 23


@pytest.mark.parametrize("case", PREVIEW_CASES, ids=lambda case: case.name)
def test_in_the_preview_the_page_renders_with_its_problems_at_its_top(case: Case, previews) -> None:  # type: ignore[no-untyped-def]
    project, build = previews[case.name]
    assert build.ok, build.output
    assert "Traceback" not in build.output and "CRASH" not in build.output, build.output
    folder = case.src_path.removesuffix("index.md").removesuffix(".md").rstrip("/")
    page = BeautifulSoup((project / "site" / folder / "index.html").read_text(), "html.parser")
    panel = page.select_one("article [data-course-problems]")
    assert panel is not None and panel.find_previous("h1") is None, "the panel must come first in the page"
    shown = " ".join(panel.get_text(" ").split())
    for expected in case.expected(case.mkdocs_yml()):
        assert expected.where in shown and " ".join(expected.message.split()) in shown, (expected, shown)
        assert any(expected.where in line for line in build.output.split("\n")), "the terminal prints it too"
