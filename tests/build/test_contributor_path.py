"""The contributor's path: real pages pass the lint, a scaffolded lesson fails the build and the lint
until its guidance text is replaced and then builds and lints clean, unsafe HTML fails the build, and
every page offers "Edit this page" and its last-updated date."""

from __future__ import annotations

import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from corpus_helpers import SCRATCH_PAGES as CORPUS_PAGES
from course.git_dates import date_text
from site_helpers import PROJECT_DIR, html_path, load_mkdocs_config, nav_blocks_of, run_build, unused_title

REPO_URL = "https://github.com/open-pm-course/open-pm-course.github.io"
EDIT_PREFIX = f"{REPO_URL}/edit/main/docs/"
DATE = re.compile(r"^[A-Z][a-z]+ \d{1,2}, \d{4}$")


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(), "html.parser")


def tool(name: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(PROJECT_DIR / "tools" / name), *args], capture_output=True, text=True, timeout=300)


def source_of(site: Path, page: Path) -> Path | None:
    """The docs/ file a built page comes from, if any."""
    relative = page.parent.relative_to(site)
    for candidate in (PROJECT_DIR / "docs" / relative / "index.md", PROJECT_DIR / "docs" / f"{relative}.md"):
        if candidate.is_file() and str(relative) != ".":
            return candidate
    return PROJECT_DIR / "docs" / "index.md" if page == site / "index.html" else None


def test_the_real_pages_pass_the_lint() -> None:
    result = tool("lint_lessons.py")
    assert result.returncode == 0, result.stdout + result.stderr


def write_own_text(lesson: Path) -> None:
    """What a contributor does with a scaffolded lesson: keeps its title, replaces the rest."""
    scaffold = lesson.read_text()
    title = re.search(r"^title: .*$", scaffold, re.MULTILINE).group(0)
    body = (CORPUS_PAGES / "01-corpus" / "01-companion.md").read_text().split("---\n", 2)[2]
    lesson.write_text(
        f"---\n{title}\ndescription: How a new lesson of the course reads once its author has written it.\n"
        "objectives:\n  - Describe what the companion lesson is for.\n---\n" + body
    )


def test_a_scaffolded_lesson_is_in_the_nav_fails_until_written_then_builds_strictly_and_lints_clean(project_copy: Path) -> None:
    block = nav_blocks_of(load_mkdocs_config(project_copy))[0]
    folder = block.index.split("/")[0]
    # The guide's example title, unless a real lesson has it already.
    title = unused_title("Working with stakeholders", project_copy)
    before = set((project_copy / "docs" / folder).glob("*.md"))
    created = tool("new_lesson.py", "--project", str(project_copy), "--block", folder, "--title", title)
    assert created.returncode == 0, created.stderr
    new_files = sorted(set((project_copy / "docs" / folder).glob("*.md")) - before)
    assert len(new_files) == 1, new_files
    src_path = f"{folder}/{new_files[0].name}"
    blocks = nav_blocks_of(load_mkdocs_config(project_copy))
    assert blocks[0].lessons == [*block.lessons, src_path]
    # As scaffolded, the lesson is the template's guidance: the build and the lint name its lines.
    build = run_build(project_copy, project_copy / "site")
    assert build.returncode != 0 and "Traceback" not in build.output
    assert re.search(rf"docs/{re.escape(src_path)}:\d+: this is still the lesson template's guidance text", build.output), build.output
    lint = tool("lint_lessons.py", "--project", str(project_copy))
    assert lint.returncode == 1 and f"docs/{src_path}:" in lint.stdout and "guidance text" in lint.stdout, lint.stdout
    # Written, it builds strictly and lints clean.
    write_own_text(project_copy / "docs" / src_path)
    # The copy has no git history: the last-updated date falls back to the build date.
    days = {date_text(time.time())}
    build = run_build(project_copy, project_copy / "site")
    days.add(date_text(time.time()))
    assert build.returncode == 0, build.output
    page = soup(html_path(project_copy / "site", src_path))
    assert page.select_one("article h1").get_text(strip=True) == title
    written = (project_copy / "docs" / src_path).read_text()
    assert len(page.select("div.quiz")) == len(re.findall(r"^<quiz\b", written, re.MULTILINE))
    assert last_update(page) in days
    previous = soup(html_path(project_copy / "site", block.lessons[-1])).select_one(".next-block__link")
    assert previous.get_text(strip=True) == title
    lint = tool("lint_lessons.py", "--project", str(project_copy))
    assert lint.returncode == 0, lint.stdout


@pytest.mark.parametrize(
    ("inserted", "problem"),
    [
        ('\n<p onclick="alert(1)">Click me</p>\n', "inline event handler 'onclick='"),
        ("\n[Read more](javascript:alert(1))\n", "'javascript:' URL"),
    ],
)
def test_unsafe_html_fails_the_build(project_copy: Path, inserted: str, problem: str) -> None:
    lesson = nav_blocks_of(load_mkdocs_config(project_copy))[0].lessons[0]
    path = project_copy / "docs" / lesson
    lines = path.read_text().split("\n")
    marker = lines.index("## Key points")
    path.write_text("\n".join(lines[:marker] + [inserted] + lines[marker:]))
    result = run_build(project_copy, project_copy / "site")
    assert result.returncode != 0
    assert "Traceback" not in result.output
    assert f"docs/{lesson}:{marker + 2}: {problem}" in result.output, result.output


def test_every_page_from_docs_has_an_edit_link_to_its_own_file(built_site: Path) -> None:
    pages = sorted(built_site.rglob("index.html"))
    with_source = [(page, source_of(built_site, page)) for page in pages]
    assert sum(1 for _, source in with_source if source) >= 10
    for page, source in with_source:
        link = soup(page).select_one('article a[rel="edit"]')
        if source is None:  # generated (glossary, print view): nothing in docs/ to edit
            assert link is None, page
            continue
        assert link is not None, page
        assert link["href"] == EDIT_PREFIX + source.relative_to(PROJECT_DIR / "docs").as_posix(), page
        assert link["title"] == "Edit this page"


def last_update(page: BeautifulSoup) -> str | None:
    """The date in the page's "Last update" line (Material's source-file partial)."""
    icon = page.select_one('aside.md-source-file .md-source-file__fact > .md-icon[title="Last update"]')
    return None if icon is None else icon.parent.get_text(" ", strip=True)


def last_edit_in_git(source: Path) -> str | None:
    """The author date of the newest commit that edited the file (a rename alone is no edit),
    asked of git file by file, independently of the hook's one `git log` over docs/."""
    log = subprocess.run(
        ["git", "log", "--follow", "-M", "--format=%x01%at", "--name-status", "--", source.name],
        cwd=source.parent, capture_output=True, text=True, check=True,
    ).stdout
    for commit in log.split("\x01")[1:]:
        stamp, *changes = commit.strip().split("\n")
        if changes and not changes[0].startswith("R100"):
            return date_text(int(stamp))
    return None


def test_every_page_from_docs_shows_its_last_update(built_site: Path) -> None:
    days = {date_text(time.time() - hours * 3600) for hours in range(0, 4)}  # for a page not committed yet
    pages = [(page, source_of(built_site, page)) for page in sorted(built_site.rglob("index.html"))]
    checked = 0
    for page, source in pages:
        if source is not None:
            shown = last_update(soup(page))
            assert shown is not None and DATE.match(shown), page
            in_git = last_edit_in_git(source)
            assert shown == in_git if in_git else shown in days, (page, shown, in_git)
            checked += in_git is not None
    assert checked >= 10  # the pages' own dates, not the build's


def test_the_repository_link_does_not_call_the_github_api(built_site: Path) -> None:
    for page in sorted(built_site.rglob("*.html")):
        html = page.read_text()
        assert 'data-md-component="source"' not in html, page
    link = soup(built_site / "index.html").select_one("header a.md-source")
    assert link["href"] == REPO_URL


def test_the_footer_states_both_licences(built_site: Path) -> None:
    footer = soup(built_site / "index.html").select_one(".md-copyright")
    links = {a.get_text(strip=True): a["href"] for a in footer.select("a")}
    assert links["CC BY 4.0"] == "https://creativecommons.org/licenses/by/4.0/"
    assert links["MIT license"] == f"{REPO_URL}/blob/main/LICENSE"


def test_the_guide_is_in_the_nav_after_the_glossary() -> None:
    titles = [next(iter(entry)) if isinstance(entry, dict) else entry for entry in load_mkdocs_config()["nav"]]
    assert "Contribute a lesson" in titles
    if "Glossary" in titles:
        assert titles.index("Contribute a lesson") == titles.index("Glossary") + 1


def test_the_guide_s_examples_stay_examples(built_site: Path) -> None:
    page = soup(built_site / "contribute" / "index.html")
    article = page.select_one("article")
    assert article.select("div.quiz") == [] and "quiz_progress_" not in str(page)
    assert article.select(".admonition.definition") == []
    assert article.select("figure.diagram, .diagram-drawing, svg[role=img]") == []
    code = " ".join(block.get_text() for block in article.select("pre code"))
    assert '<quiz objectives="1">' in code and '!!! definition "Product manager"' in code and "accTitle:" in code
    # The glossary, once there is one, names no term as taught on the guide.
    glossary = built_site / "glossary" / "index.html"
    if glossary.is_file():
        links = [a.get("href", "") for a in soup(glossary).select("article a")]
        assert not [href for href in links if "contribute/" in href], links
