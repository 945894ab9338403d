"""The lint corpus (tests/lint_corpus/): one page per mistake, each built into a small scratch course.

Each bad page states what the course rules must report, at its end:

    <!-- expect LINE: MESSAGE -->           a problem at LINE of the page
    <!-- expect mkdocs.yml: MESSAGE -->     a problem at the nav line the case adds (see below)

and may set up its course with

    <!-- corpus: not in nav -->              the page is left out of the nav
    <!-- corpus: nav lists PATH -->          the nav also lists PATH (relative to docs/)

The scratch course (tests/lint_corpus/project/) has a home page, one learning block and a
companion lesson; the case is a lesson of that block, or its overview when its name starts with
`block-`. Pages named `good-*.md` break no rule. A page may be stored in any encoding (the
encoding cases are); its comments are read with the encoding it is in.
"""

from __future__ import annotations

import codecs
import importlib.util
import json
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from site_helpers import PROJECT_DIR

CORPUS = Path(__file__).resolve().parent / "lint_corpus"
SCRATCH_PAGES = CORPUS / "project" / "docs"
BLOCK = "01-corpus"
BLOCK_TITLE = "Corpus block"
GOOD_LESSON = CORPUS / "good-lesson.md"

_EXPECT = re.compile(r"<!-- expect (?P<where>\d+|mkdocs\.yml): (?P<message>.*?) -->\n?")
_SETUP = re.compile(r"<!-- corpus: (?P<setup>.*?) -->\n?")
_TITLE = re.compile(r"^title: *(?P<title>.+)$", re.MULTILINE)


@dataclass(frozen=True)
class Expected:
    where: str  # docs/<file>:<line> or mkdocs.yml:<line>
    message: str


@dataclass(frozen=True)
class Case:
    """One corpus page, placed in its scratch course."""

    path: Path
    raw: bytes  # as stored: the encoding and line ends are part of some cases

    @property
    def name(self) -> str:
        return self.path.stem

    @property
    def encoding(self) -> str:
        if self.raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            return "utf-16"
        try:
            self.raw.decode("utf-8")
            return "utf-8"
        except UnicodeDecodeError:
            return "cp1252"

    @property
    def text(self) -> str:
        return self.raw.decode(self.encoding).removeprefix("\ufeff")

    @property
    def src_path(self) -> str:
        """Where the page sits in the scratch course, relative to docs/."""
        return f"{BLOCK}/index.md" if self.name.startswith("block-") else f"{BLOCK}/{self.path.name}"

    @property
    def setup(self) -> list[str]:
        return [match.group("setup") for match in _SETUP.finditer(self.text)]

    @property
    def extra_nav(self) -> str | None:
        return next((setup.removeprefix("nav lists ") for setup in self.setup if setup.startswith("nav lists ")), None)

    def page_bytes(self) -> bytes:
        """The page without the corpus comments, in its own encoding (byte order mark included)."""
        text = _SETUP.sub("", _EXPECT.sub("", self.text))
        bom = self.raw[:3] if self.raw.startswith(codecs.BOM_UTF8) else b""
        return bom + text.encode(self.encoding) if self.encoding != "utf-16" else text.encode("utf-16")

    def expected(self, mkdocs_yml: str) -> list[Expected]:
        found = []
        for match in _EXPECT.finditer(self.text):
            if match.group("where") == "mkdocs.yml":
                line = _nav_line(mkdocs_yml, self.extra_nav or "")
                found.append(Expected(f"mkdocs.yml:{line}", match.group("message")))
            else:
                found.append(Expected(f"docs/{self.src_path}:{match.group('where')}", match.group("message")))
        return found

    def mkdocs_yml(self) -> str:
        """The site's real mkdocs.yml with the scratch course's nav."""
        config = (PROJECT_DIR / "mkdocs.yml").read_text()
        section = BLOCK_TITLE
        if self.name.startswith("block-"):
            title = _TITLE.search(self.text)
            section = title.group("title").strip() if title else BLOCK_TITLE
        lessons = [f"{BLOCK}/01-companion.md"]
        if "not in nav" not in self.setup and not self.name.startswith("block-"):
            lessons.append(self.src_path)
        if self.extra_nav:
            lessons.append(self.extra_nav)
        nav = (
            "nav:\n  - Home: index.md\n"
            + f"  - {section}:\n      - {BLOCK}/index.md\n" + "".join(f"      - {path}\n" for path in lessons)
            + "  - Glossary: glossary.md\n"
        )
        return config[: config.index("\nnav:\n") + 1] + nav


def _nav_line(mkdocs_yml: str, path: str) -> int:
    return next(number for number, line in enumerate(mkdocs_yml.split("\n"), 1) if line.strip() == f"- {path}")


def bad_cases() -> list[Case]:
    return [Case(path, path.read_bytes()) for path in sorted(CORPUS.glob("*.md")) if not path.name.startswith("good-")]


def good_cases() -> list[Case]:
    """The clean lesson as stored, with a UTF-8 byte order mark, and with Windows line ends."""
    raw = GOOD_LESSON.read_bytes()
    return [
        Case(GOOD_LESSON, raw),
        Case(GOOD_LESSON.with_name("good-lesson-with-bom.md"), codecs.BOM_UTF8 + raw),
        Case(GOOD_LESSON.with_name("good-lesson-with-crlf.md"), raw.replace(b"\n", b"\r\n")),
    ]


def check_case(case: Case, lesson_template: str | None = None, site_pages: tuple[str, ...] = ()):  # type: ignore[no-untyped-def]
    """The course rules over the case's scratch course, in memory (what the build and the lint run):
    a CourseCheck. ``site_pages`` are pages of the real docs/ (e.g. contribute.md) to add to it."""
    from course.check import check_course

    pages = {path.relative_to(SCRATCH_PAGES).as_posix(): path.read_bytes() for path in SCRATCH_PAGES.rglob("*.md")}
    others = [path.relative_to(SCRATCH_PAGES).as_posix() for path in SCRATCH_PAGES.rglob("*") if path.is_file() and path.suffix != ".md"]
    pages[case.src_path] = case.page_bytes()
    mkdocs_yml = case.mkdocs_yml()
    for src_path in site_pages:
        pages[src_path] = (PROJECT_DIR / "docs" / src_path).read_bytes()
        mkdocs_yml = mkdocs_yml.replace("  - Glossary: glossary.md\n", f"  - Glossary: glossary.md\n  - {src_path}\n")
    template = lesson_template if lesson_template is not None else (PROJECT_DIR / "tools/templates/lesson.md").read_text()
    return check_course(mkdocs_yml, pages, others, lesson_template=template)


def write_project(case: Case, target: Path) -> Path:
    """The case's scratch course in ``target``: mkdocs.yml, docs/, and links to the site's own
    hooks, templates, lesson template and npm packages."""
    shutil.copytree(SCRATCH_PAGES, target / "docs")
    page = target / "docs" / case.src_path
    page.write_bytes(case.page_bytes())
    (target / "mkdocs.yml").write_text(case.mkdocs_yml())
    for part in ("hooks", "overrides", "tools", "node_modules"):
        (target / part).symlink_to(PROJECT_DIR / part)
    return target


def lint_tool():  # type: ignore[no-untyped-def] - the tools/lint_lessons.py module
    """tools/lint_lessons.py, imported: its course_check is what `make lint` runs."""
    spec = importlib.util.spec_from_file_location("lint_lessons", PROJECT_DIR / "tools" / "lint_lessons.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@dataclass
class CorpusBuild:
    ok: bool
    output: str


def build_all(projects: list[Path], serve: bool = False) -> dict[Path, CorpusBuild]:
    """A real strict `properdocs build` of each project (as `properdocs serve` builds with ``serve``),
    all in one fresh interpreter (tests/corpus_build.py): a process per case would cost seconds each."""
    process = subprocess.run(
        [sys.executable, str(Path(__file__).with_name("corpus_build.py")), *(["--serve"] if serve else []), *map(str, projects)],
        capture_output=True, text=True, timeout=600,
    )
    assert process.returncode == 0, process.stderr
    results = json.loads(process.stdout)
    return {Path(path): CorpusBuild(result["ok"], result["output"]) for path, result in results.items()}


PROBLEM_LINE = re.compile(r"(?:docs/|mkdocs\.yml)\S*: .* — .*")


def reported_problems(output: str) -> list[str]:
    """The `file:line: problem — fix` lines of a build's output."""
    return [match.group() for match in PROBLEM_LINE.finditer(output)]
