"""Every page of the lint corpus fails the real strict build and `make lint` alike, with its file and
line; the clean page passes both, also with a byte order mark or Windows line ends.

Each page is built in a scratch course of its own (tests/corpus_helpers.py); the builds run one
after the other in one interpreter, so the whole corpus takes seconds of CPU, not minutes.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from corpus_helpers import Case, CorpusBuild, bad_cases, build_all, good_cases, lint_tool, reported_problems, write_project
from site_helpers import PROJECT_DIR

CASES = good_cases() + bad_cases()


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
