"""What a reviewer needs on a pull request: the lessons it adds or changes and how to read them.

CI (.github/workflows/ci.yml) appends this to the job summary ($GITHUB_STEP_SUMMARY): a table of
each lesson the pull request adds, changes or moves (title, file, words, minutes, lint result),
the lint's problems in those lessons, and how to open the preview of the site that the same run
uploads (the offline copy, which opens from disk).

    .venv/bin/python tools/pr_summary.py --base <commit>                    # Markdown on stdout
    .venv/bin/python tools/pr_summary.py --base origin/main --project DIR \\
        --artifact site-preview --artifact-url URL --run-url URL

The lessons are compared between --base and HEAD of the course's git repository (--project,
whose working tree is HEAD, as in CI); words and minutes come from hooks/course/reading_time.py,
the lint result from tools/lint_lessons.py.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

TOOLS_DIR = Path(__file__).resolve().parent
REPO_DIR = TOOLS_DIR.parent
LINT = TOOLS_DIR / "lint_lessons.py"
sys.path.insert(0, str(REPO_DIR / "hooks"))

from course import CourseError, read_front_matter  # noqa: E402 - after the path set-up above
from course.reading_time import file_reading_time  # noqa: E402
from course.site import read_site_config  # noqa: E402

# git diff --name-status letters, as a reviewer reads them.
CHANGES = {"A": "added", "C": "added", "M": "changed", "R": "moved", "T": "changed"}
# A lint line: docs/<file>:<line>: <problem> — <fix> (the line number is left out when unknown).
_LINT_LINE = re.compile(r"^docs/(?P<path>[^:\n]+\.md):(?:\d+:)? ")
_NO_BASE = re.compile(r"^0*$")


@dataclass(frozen=True)
class LessonChange:
    """A lesson the pull request adds, changes or moves, as it is at HEAD."""

    src_path: str  # relative to docs/
    change: str  # added, changed or moved
    title: str
    words: int
    minutes: int  # computed from the text (reading_time.py)
    declared: object  # the front matter's duration, whatever was written (None: not declared)
    problems: tuple[str, ...] = ()


@dataclass(frozen=True)
class Preview:
    artifact: str
    artifact_url: str = ""
    run_url: str = ""


@dataclass
class Summary:
    lessons: list[LessonChange] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)  # lessons of the base that HEAD no longer has
    other_pages: list[str] = field(default_factory=list)  # pages under docs/ that are not lessons
    lint_failure: str = ""  # why the lint could not run, if it could not


def git(project: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=project, capture_output=True, text=True, check=True).stdout


def changed_files(project: Path, base: str) -> list[tuple[str, str]]:
    """(status letter, path under docs/) for each page that differs between ``base`` and HEAD."""
    output = git(project, "diff", "--name-status", "-z", "--find-renames", base, "HEAD", "--", "docs/")
    fields = output.split("\0")
    changes = []
    index = 0
    while index < len(fields) - 1:
        status = fields[index][:1]
        # A move lists the old path, then the new one.
        path = fields[index + 2] if status in "RC" else fields[index + 1]
        index += 3 if status in "RC" else 2
        if path.endswith(".md"):
            changes.append((status, path.removeprefix("docs/")))
    return changes


def lint_problems(project: Path) -> tuple[dict[str, list[str]], str]:
    """The lint's problems by page (path under docs/), and why the lint failed to run, if it did."""
    process = subprocess.run([sys.executable, str(LINT), "--project", str(project)], capture_output=True, text=True)
    if process.returncode not in (0, 1):
        return {}, (process.stderr or process.stdout).strip()[-2000:]
    problems: dict[str, list[str]] = {}
    for line in process.stdout.splitlines():
        match = _LINT_LINE.match(line)
        if match:
            problems.setdefault(match.group("path"), []).append(line)
    return problems, ""


def lesson_change(src_path: str, change: str, text: str, problems: list[str]) -> LessonChange:
    try:
        data = read_front_matter(src_path, text).data
    except CourseError:
        data = {}  # the lint names the problem
    title = str(data.get("title") or src_path)
    time = file_reading_time(text)
    return LessonChange(src_path, change, title, time.words, time.minutes, data.get("duration"), tuple(problems))


def summarize(project: Path, base: str, problems: dict[str, list[str]]) -> Summary:
    """The lessons that differ between ``base`` and HEAD of ``project``, with their lint ``problems``."""
    summary = Summary()
    kinds = _kinds((project / "mkdocs.yml").read_text(encoding="utf-8"))
    base_kinds = _kinds_at(project, base)
    for status, src_path in changed_files(project, base):
        if status == "D":
            if base_kinds.get(src_path) == "lesson":
                summary.removed.append(src_path)
            continue
        if kinds.get(src_path) != "lesson":
            summary.other_pages.append(src_path)
            continue
        text = git(project, "show", f"HEAD:docs/{src_path}")
        summary.lessons.append(lesson_change(src_path, CHANGES.get(status, "changed"), text, problems.get(src_path, [])))
    return summary


def _kinds_at(project: Path, commit: str) -> dict[str, str]:
    try:
        return _kinds(git(project, "show", f"{commit}:mkdocs.yml"))
    except subprocess.CalledProcessError:  # no mkdocs.yml at that commit
        return {}


def _kinds(mkdocs_yml: str) -> dict[str, str]:
    """What each page of the nav is (lesson, block or page); nothing when the nav cannot be read
    (the lint, run next to this, says why)."""
    try:
        return read_site_config(mkdocs_yml).kinds()
    except CourseError:
        return {}


# --- Markdown ---------------------------------------------------------------------------------


def cell(text: object) -> str:
    """``text`` as plain text in a Markdown table cell: what a contributor wrote is never markup."""
    plain = " ".join(str(text).split())
    plain = plain.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return re.sub(r"([\\`*_\[\]|!#~])", r"\\\1", plain)


def code(path: str) -> str:
    """A file path as code, when it is a plain path; escaped text otherwise."""
    return f"`{path}`" if re.fullmatch(r"[\w./-]+", path) else cell(path)


def fenced(lines: list[str]) -> str:
    """``lines`` in a code block whose fence no line can close."""
    longest = max((len(run) for line in lines for run in re.findall(r"`+", line)), default=0)
    fence = "`" * max(3, longest + 1)
    return "\n".join([fence + "text", *lines, fence])


def render(summary: Summary, preview: Preview, compared: bool = True) -> str:
    parts = ["## Lessons in this pull request", ""]
    if not compared:
        parts.append("There is no earlier commit to compare with.")
    elif summary.lessons:
        parts += ["| Lesson | File | Words | Minutes | Lint |", "| --- | --- | ---: | ---: | --- |"]
        for lesson in summary.lessons:
            minutes = str(lesson.minutes)
            if lesson.declared is not None and lesson.declared != lesson.minutes:
                minutes += f" (declares {cell(lesson.declared)})"
            count = len(lesson.problems)
            result = "✅ passes" if not count else f"❌ {count} problem{'s' if count > 1 else ''}"
            parts.append(
                f"| {lesson.change.capitalize()}: {cell(lesson.title)} | {code('docs/' + lesson.src_path)} "
                f"| {lesson.words:,} | {minutes} | {result} |"
            )
        parts += ["", "Words and minutes are computed from the text (hooks/course/reading_time.py), as the site shows "
                  "them; \"declares\" is the lesson's own `duration:` when it gives another number."]
        for lesson in summary.lessons:
            if lesson.problems:
                parts += ["", f"**Lint problems in {code('docs/' + lesson.src_path)}** (fix each as it says, then push again):", "",
                          fenced(list(lesson.problems))]
    else:
        parts.append("This pull request adds or changes no lesson.")
    if summary.removed:
        parts += ["", "Removed lessons: " + ", ".join(code(f"docs/{path}") for path in summary.removed) + "."]
    if summary.other_pages:
        parts += ["", "Other pages changed: " + ", ".join(code(f"docs/{path}") for path in summary.other_pages) + "."]
    if summary.lint_failure:
        parts += ["", "**The lint could not run:**", "", fenced(summary.lint_failure.splitlines())]
    parts += ["", "## Read it as learners will", ""]
    if preview.artifact_url:
        run = f" (also listed under *Artifacts* on [this run's page]({preview.run_url}))" if preview.run_url else ""
        parts += [
            f"1. Download the preview: [**{preview.artifact}**]({preview.artifact_url}){run}. You need to be signed in to GitHub.",
            "2. Unzip it.",
            "3. Open `index.html` in your browser. The whole course works from the file, search included, and nothing is fetched from the internet.",
        ]
    else:
        parts.append(
            f"There is no preview: the site did not build, so the **{preview.artifact}** artifact was not made. "
            "The log of the step *Build the site* says why."
        )
    return "\n".join(parts) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Summarize a pull request's lessons for reviewers, in Markdown.")
    parser.add_argument("--base", required=True, help="the commit the pull request is compared with")
    parser.add_argument("--project", type=Path, default=REPO_DIR, help="the course's git repository (working tree = HEAD)")
    parser.add_argument("--artifact", default="site-preview", help="the name of the preview artifact")
    parser.add_argument("--artifact-url", default="", help="where to download it (empty: it was not made)")
    parser.add_argument("--run-url", default="", help="the CI run's page")
    args = parser.parse_args(argv)
    project = args.project.resolve()
    preview = Preview(args.artifact, args.artifact_url, args.run_url)
    if _NO_BASE.match(args.base):  # a branch's first push: nothing to compare with
        print(render(Summary(), preview, compared=False), end="")
        return 0
    problems, failure = lint_problems(project)
    summary = summarize(project, args.base, problems)
    summary.lint_failure = failure
    print(render(summary, preview), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
