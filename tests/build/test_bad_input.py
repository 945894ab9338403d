"""A contributor's mistakes fail the real build with the file, the problem and the fix."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from course.diagrams import find_diagrams
from site_helpers import PROJECT_DIR, run_build

LESSON = "docs/01-pm-foundations/02-product-project-program.md"
# The first lesson that draws a diagram, whichever it is.
DIAGRAM_LESSON = next(
    path.relative_to(PROJECT_DIR).as_posix() for path in sorted((PROJECT_DIR / "docs").rglob("*.md")) if find_diagrams(path.read_text())
)


def edit(project: Path, relative: str, old: str, new: str, count: int = 1) -> None:
    path = project / relative
    text = path.read_text()
    assert old in text, f"{old!r} not in {relative}"
    path.write_text(text.replace(old, new, count))


def failed_build(project: Path) -> str:
    result = run_build(project, project / "site")
    assert result.returncode != 0, result.output
    assert "Traceback" not in result.output, result.output
    return result.output


def front_matter_line(project: Path, relative: str, key: str) -> str:
    text = (project / relative).read_text()
    return re.search(rf"^{key}:.*$", text, re.MULTILINE).group(0)


def test_missing_objectives(project_copy: Path) -> None:
    text = (project_copy / LESSON).read_text()
    (project_copy / LESSON).write_text(re.sub(r"^objectives:\n(  - .*\n)+", "", text, count=1, flags=re.MULTILINE))
    output = failed_build(project_copy)
    assert f"{LESSON}:" in output and "'objectives' is missing" in output


def test_empty_objectives(project_copy: Path) -> None:
    text = (project_copy / LESSON).read_text()
    (project_copy / LESSON).write_text(re.sub(r"^objectives:\n(  - .*\n)+", "objectives: []\n", text, count=1, flags=re.MULTILINE))
    assert "'objectives' is empty" in failed_build(project_copy)


@pytest.mark.parametrize("value", ["0", "twelve"])
def test_duration_not_a_positive_integer(project_copy: Path, value: str) -> None:
    edit(project_copy, LESSON, front_matter_line(project_copy, LESSON, "duration"), f"duration: {value}")
    output = failed_build(project_copy)
    assert re.search(rf"{LESSON}:\d+: front matter 'duration' is .*positive whole number", output)


def test_broken_yaml(project_copy: Path) -> None:
    edit(project_copy, LESSON, "objectives:\n", "objectives: [unclosed\n")
    output = failed_build(project_copy)
    assert re.search(rf"{LESSON}:\d+: front matter is not valid YAML", output)


def test_next_that_names_no_page(project_copy: Path) -> None:
    edit(project_copy, LESSON, "\n---\n", "\nnext: 09-missing.md\n---\n")
    output = failed_build(project_copy)
    assert f"{LESSON}:" in output and "'next' names no lesson or block overview" in output


def test_definition_without_title(project_copy: Path) -> None:
    edit(project_copy, LESSON, '!!! definition "Project"', "!!! definition")
    output = failed_build(project_copy)
    assert re.search(rf"{LESSON}:\d+: a 'definition' admonition has no title", output)


def test_lesson_outside_any_block(project_copy: Path) -> None:
    stray = project_copy / "docs/stray-lesson.md"
    stray.write_text("---\ntitle: Stray\ndescription: Stray.\nobjectives: [Do.]\nduration: 5\n---\n\nText.\n")
    edit(project_copy, "mkdocs.yml", "  - Home: index.md\n", "  - Home: index.md\n  - stray-lesson.md\n")
    output = failed_build(project_copy)
    assert "docs/stray-lesson.md:" in output and "outside any learning block" in output


def test_broken_link_fails_the_strict_build(project_copy: Path) -> None:
    edit(project_copy, LESSON, "## Key points", "See [nowhere](missing-page.md).\n\n## Key points")
    assert "missing-page.md" in failed_build(project_copy)


def test_broken_anchor_fails_the_strict_build(project_copy: Path) -> None:
    edit(project_copy, LESSON, "## Key points", "See [nowhere](#no-such-heading).\n\n## Key points")
    assert "no-such-heading" in failed_build(project_copy)


def test_missing_mermaid_install_is_explained(project_copy: Path) -> None:
    # Nothing drawn yet and no Mermaid to draw with: the build fails and says how to install it.
    shutil.rmtree(project_copy / ".cache", ignore_errors=True)
    (project_copy / "node_modules").unlink()
    output = failed_build(project_copy)
    assert "Mermaid is not installed" in output and "make install" in output


def test_missing_chromium_is_explained(project_copy: Path) -> None:
    shutil.rmtree(project_copy / ".cache", ignore_errors=True)
    result = run_build(project_copy, project_copy / "site", extra_env={"CHROMIUM_PATH": "/nonexistent/chromium"})
    assert result.returncode != 0 and "Traceback" not in result.output, result.output
    assert "Chromium could not be started to draw the diagrams" in result.output and "CHROMIUM_PATH" in result.output


def test_mermaid_syntax_error_fails_the_build_at_its_line(project_copy: Path) -> None:
    text = (project_copy / DIAGRAM_LESSON).read_text()
    diagram = find_diagrams(text)[0]
    arrow = next(index for index, content in enumerate(diagram.source.split("\n")) if "-->" in content)
    line = diagram.line + 1 + arrow
    broken = text.split("\n")[line - 1]
    edit(project_copy, DIAGRAM_LESSON, broken, broken.replace("-->", "-->[", 1))
    output = failed_build(project_copy)
    assert re.search(rf"docs/{re.escape(DIAGRAM_LESSON.removeprefix('docs/'))}:{line}: diagram: .*Expecting .* — check this line", output), output
