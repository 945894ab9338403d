"""The lesson lint: `make lint`, CI and pre-commit run this on every page of docs/.

It prints one line per problem, `docs/<file>:<line>: <what is wrong> — <how to fix it>`,
and exits with 1 when there is any. The course rules are the build's own: both call
`course.check.check_course` (hooks/course/check.py), so a page that fails one fails the other.
The lint adds only spelling (codespell) and Markdown style (pymarkdown), both configured in
tools/lint/ and reported in the same form.

The course is written in American English: codespell's British-to-American dictionary checks
the pages, and the rest of the text learners and contributors read (the site's templates,
stylesheets and scripts, mkdocs.yml's nav and footer, the scaffold, the messages of the course
rules, the top-level and GitHub documents), reported as `<file>:<line>: ...` from the project.

    .venv/bin/python tools/lint_lessons.py                 # this repository
    .venv/bin/python tools/lint_lessons.py --project DIR   # another copy of the course
"""

from __future__ import annotations

import argparse
import functools
import importlib
import re
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

TOOLS_DIR = Path(__file__).resolve().parent
REPO_DIR = TOOLS_DIR.parent
sys.path.insert(0, str(REPO_DIR / "hooks"))

from course import CourseError  # noqa: E402 - after the path set-up above
from course.anchors import Slugify, configured_slugify  # noqa: E402
from course.check import CourseCheck, check_course  # noqa: E402
from course.site import config_chain, read_site_config  # noqa: E402

CODESPELL_WORDS = TOOLS_DIR / "lint" / "codespell-words.txt"
# Typos, rare words, and British spellings (codespell names its American English dictionary so).
CODESPELL_DICTIONARIES = "clear,rare,en-GB_to_en-US"
PYMARKDOWN_CONFIG = TOOLS_DIR / "lint" / "pymarkdown.yml"
# The project's text outside docs/'s pages, spelled like them (patterns relative to the project).
PROJECT_TEXT = (
    "*.md", "CITATION.cff", "LICENSE*", "mkdocs.yml", "overrides/**/*", "docs/assets/**/*.css", "docs/assets/**/*.js",
    "hooks/**/*.py", "tools/**/*.py", "tools/templates/*", ".github/**/*.md", ".github/**/*.yml",
)

_CODESPELL_LINE = re.compile(r"^(?P<path>[^:]+):(?P<line>\d+): (?P<word>.+?) ==> (?P<fix>.+)$")
_PYMARKDOWN_LINE = re.compile(r"^(?P<path>[^:]+):(?P<line>\d+):\d+: (?P<rule>MD\d+): (?P<message>.+?)(?: \((?P<names>[\w,-]+)\))?$")

# How to fix the style rules a lesson most often breaks; any other rule points to its page.
STYLE_FIXES = {
    "MD001": "go down one heading level at a time: '##' sections, '###' inside them",
    "MD003": "write headings with '#' signs, not underlines",
    "MD004": "start every bullet with '- '",
    "MD005": "indent the items of one list by the same amount",
    "MD007": "indent nested bullets by two spaces",
    "MD009": "remove the spaces at the end of the line",
    "MD010": "replace the tab with spaces",
    "MD012": "leave only one blank line",
    "MD018": "put a space after the '#' signs of the heading",
    "MD019": "put only one space after the '#' signs of the heading",
    "MD022": "leave a blank line above and below the heading",
    "MD023": "start the heading at the beginning of the line",
    "MD024": "give the two headings different texts (their anchors would clash)",
    "MD025": "use '## ' for sections: the page title comes from the front matter",
    "MD026": "remove the punctuation at the end of the heading",
    "MD027": "put only one space after '>'",
    "MD029": "number an ordered list 1, 2, 3 ...",
    "MD030": "put one space after the bullet or number",
    "MD031": "leave a blank line above and below the code fence",
    "MD032": "leave a blank line above and below the list",
    "MD034": "write the address as a link: [what it is](https://...)",
    "MD037": "remove the spaces just inside the '*' or '_' of the emphasis",
    "MD038": "remove the spaces just inside the backticks",
    "MD039": "remove the spaces just inside the link's brackets",
    "MD040": "name the language after the opening fence, e.g. ```markdown",
    "MD042": "give the link a target: [text](page.md)",
    "MD045": "describe the image between the brackets: ![what it shows](image.png)",
    "MD047": "end the file with one line break",
    "MD049": "write emphasis with '*', like *this*",
    "MD050": "write strong emphasis with '**', like **this**",
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Check the course's pages: the course rules, spelling and Markdown style.")
    parser.add_argument("--project", type=Path, default=REPO_DIR, help="the course folder (holding mkdocs.yml and docs/)")
    args = parser.parse_args(argv)
    project = args.project.resolve()
    check = course_check(project)
    problems = list(check.problems)
    with tempfile.TemporaryDirectory(prefix="lesson-lint-") as scratch:
        # The tools read the pages as the course rules did: decoded, without a byte order mark (which
        # pymarkdown reads as text before the front matter), and only the pages that are UTF-8.
        files = []
        for src_path, page in check.source.pages.items():
            if src_path not in check.not_utf8:
                copy = Path(scratch) / "docs" / src_path
                copy.parent.mkdir(parents=True, exist_ok=True)
                copy.write_text(page.text, encoding="utf-8")
                files.append(f"docs/{src_path}")
        if files:
            problems += list(spelling_problems(Path(scratch), files))
            problems += list(style_problems(Path(scratch), files))
    problems += list(project_spelling_problems(project))
    problems.sort(key=CourseError.sort_key)
    for problem in problems:
        print(problem)
    if problems:
        count = len({problem.src_path for problem in problems})
        print(f"\n{len(problems)} problem(s) in {count} file(s). The rules are explained in docs/contribute.md.")
        return 1
    print(f"All {len(check.source.pages)} pages pass the lesson lint.")
    return 0


def course_check(project: Path) -> CourseCheck:
    """The course rules over ``project``, exactly as the build runs them (hooks/course_hook.py)."""
    # mkdocs.yml and what it inherits (MkDocs' INHERIT), as the build reads them.
    mkdocs_yml, *inherited = (text.decode("utf-8") for text in config_chain(project / "mkdocs.yml"))
    docs = project / "docs"
    # MkDocs leaves out files and folders whose names start with a dot.
    paths = sorted(
        path for path in docs.rglob("*")
        if path.is_file() and not any(part.startswith(".") for part in path.relative_to(docs).parts)
    )
    pages = {path.relative_to(docs).as_posix(): path.read_bytes() for path in paths if path.suffix == ".md"}
    others = [path.relative_to(docs).as_posix() for path in paths if path.suffix != ".md"]
    template = TOOLS_DIR / "templates" / "lesson.md"
    return check_course(
        mkdocs_yml, pages, others, slugify=_slugify(mkdocs_yml, inherited),
        lesson_template=template.read_text(encoding="utf-8"), inherited_configs=inherited,
    )


def _slugify(mkdocs_yml: str, inherited: list[str]) -> Slugify:
    """The toc extension's slugify as mkdocs.yml configures it (imported by its dotted name, as MkDocs does)."""
    site = read_site_config(mkdocs_yml, inherited)
    function = None
    if site.toc_slugify:
        module, _, name = site.toc_slugify.rpartition(".")
        function = getattr(importlib.import_module(module), name)
    return configured_slugify({"slugify": function, "separator": site.toc_separator})


class ProjectFileProblem(CourseError):
    """A problem in a file of the project outside docs/, named by its path from the project."""

    @property
    def where(self) -> str:
        return self.src_path + (f":{self.line}" if self.line else "")


def spelling_problems(project: Path, files: list[str]) -> Iterator[CourseError]:
    """Spelling in the pages (``files``, copies under ``project``/docs/)."""
    for path, line, word, fixes in _codespell(project, files):
        yield CourseError(_docs_path(project, path), *_spelling_message(word, fixes), line=line)


def project_spelling_problems(project: Path) -> Iterator[CourseError]:
    """Spelling in the project's other text (PROJECT_TEXT)."""
    files = sorted({
        path.relative_to(project).as_posix()
        for pattern in PROJECT_TEXT for path in project.glob(pattern)
        if path.is_file() and "__pycache__" not in path.parts
    })
    for path, line, word, fixes in _codespell(project, files) if files else ():
        yield ProjectFileProblem(Path(path).as_posix(), *_spelling_message(word, fixes), line=line)


def _codespell(project: Path, files: list[str]) -> Iterator[tuple[str, int, str, list[str]]]:
    """(path as codespell printed it, line, word, suggested fixes) for each word codespell flags."""
    ignored = ",".join(_accepted_words())
    options = ["--builtin", CODESPELL_DICTIONARIES, *(["--ignore-words-list", ignored] if ignored else [])]
    output = _run(project, ["codespell_lib", *options, *files])
    for line in output.splitlines():
        match = _CODESPELL_LINE.match(line)
        if match:
            fixes = [word.strip() for word in match.group("fix").rstrip(",").split(",") if word.strip()]
            yield match.group("path"), int(match.group("line")), match.group("word"), fixes


def _accepted_words() -> list[str]:
    """tools/lint/codespell-words.txt: one word per line; '#' starts a comment (why it is accepted)."""
    lines = CODESPELL_WORDS.read_text(encoding="utf-8").splitlines() if CODESPELL_WORDS.is_file() else []
    return [word for line in lines if (word := line.split("#", 1)[0].strip())]


@functools.cache
def _british_spellings() -> frozenset[str]:
    """The words of codespell's British-to-American dictionary, to say why such a word is flagged."""
    dictionary = resources.files("codespell_lib") / "data" / "dictionary_en-GB_to_en-US.txt"
    return frozenset(line.split("->", 1)[0].strip() for line in dictionary.read_text(encoding="utf-8").splitlines() if "->" in line)


def _spelling_message(word: str, fixes: list[str]) -> tuple[str, str]:
    suggestions = " or ".join(f"'{fix}'" for fix in fixes)
    exception = f"if the word is right, add it to tools/lint/{CODESPELL_WORDS.name}"
    if word.lower() in _british_spellings():
        return (
            f"'{word}' is British spelling; the course is written in American English",
            f"write {suggestions}; for a proper name or a quoted title, add it to tools/lint/{CODESPELL_WORDS.name} with a comment",
        )
    return f"'{word}' looks misspelled", f"write {suggestions}; {exception}"


def style_problems(project: Path, files: list[str]) -> Iterator[CourseError]:
    output = _run(project, ["pymarkdown", "--config", str(PYMARKDOWN_CONFIG), "scan", *files])
    for line in output.splitlines():
        match = _PYMARKDOWN_LINE.match(line)
        if match:
            rule = match.group("rule")
            fix = STYLE_FIXES.get(rule, f"see https://pymarkdown.readthedocs.io/en/latest/plugins/rule_{rule.lower()}/")
            yield CourseError(
                _docs_path(project, match.group("path")),
                f"Markdown style {rule}: {match.group('message').rstrip('.')}",
                fix,
                line=int(match.group("line")),
            )


def _docs_path(project: Path, reported: str) -> str:
    """A path as a tool printed it (absolute or relative to the course folder), relative to docs/."""
    path = Path(reported)
    path = path.relative_to(project) if path.is_absolute() else path
    return path.as_posix().removeprefix("docs/")


def _run(project: Path, module_and_args: list[str]) -> str:
    """Run a lint tool as a module of this Python, in the course folder, and return what it printed."""
    process = subprocess.run(
        [sys.executable, "-m", *module_and_args], cwd=project, capture_output=True, text=True, check=False
    )
    # Both tools exit non-zero when they find something; anything else is a broken set-up.
    if process.returncode not in (0, 1, 65) or (process.stderr.strip() and not process.stdout.strip()):
        raise SystemExit(f"{module_and_args[0]} failed:\n{process.stderr or process.stdout}")
    return process.stdout


if __name__ == "__main__":
    sys.exit(main())
