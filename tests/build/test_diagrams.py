"""Diagrams drawn at build time: every Mermaid diagram of the course is inline SVG in its figure,
named and described by its accTitle and accDescr, in the site, the print view and the offline
copy; no Mermaid script or file anywhere; the same drawing on every build, each source drawn once."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from course.diagrams import find_diagrams
from site_helpers import PROJECT_DIR, copy_project, ctrl_c_acts, load_mkdocs_config, run_build

CACHE = Path(".cache") / "diagrams"
# What would run Mermaid in a browser, or fetch it: its script, Material's `.mermaid` hook, a CDN.
MERMAID_IN_PAGE = re.compile(
    r"<script\b[^>]*\bsrc=\"[^\"]*mermaid|<link\b[^>]*mermaid|window\.mermaid|unpkg\.com|jsdelivr\.net|class=\"[^\"]*\bmermaid\b",
    re.IGNORECASE,
)


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(), "html.parser")


def nav_sources() -> dict[str, str]:
    """The Markdown of every page in the nav, by path."""
    paths: list[str] = []

    def walk(entries: list) -> None:
        for entry in entries:
            value = next(iter(entry.values())) if isinstance(entry, dict) else entry
            if isinstance(value, list):
                walk(value)
            elif isinstance(value, str) and (PROJECT_DIR / "docs" / value).is_file():
                paths.append(value)

    walk(load_mkdocs_config()["nav"])
    return {path: (PROJECT_DIR / "docs" / path).read_text() for path in paths}


def accessible_texts(source: str) -> tuple[str, str]:
    title, description = (re.search(rf"^\s*{key}\s*:\s*(.+)$", source, re.MULTILINE) for key in ("accTitle", "accDescr"))
    assert title and description, source
    return title[1].strip(), description[1].strip()


def drawn(site: Path) -> dict[str, list[str]]:
    """Each built page's inline diagram SVGs, as HTML, by page."""
    found = {}
    for path in sorted(site.rglob("*.html")):
        svgs = [str(svg) for svg in soup(path).select("figure.diagram .diagram-drawing > svg")]
        if svgs:
            found[path.relative_to(site).as_posix()] = svgs
    return found


def test_every_diagram_is_inline_svg_with_its_title_and_description(built_site: Path) -> None:
    expected = sorted(accessible_texts(diagram.source) for text in nav_sources().values() for diagram in find_diagrams(text))
    assert expected, "the course has diagrams"
    found = []
    for path in sorted(built_site.rglob("*.html")):
        if path.relative_to(built_site).as_posix() == "print/index.html":
            continue
        for figure in soup(path).select("article figure.diagram"):
            region = figure.select_one(".diagram-drawing")
            assert region is not None, f"{path}: a diagram figure without its drawing"
            svg = region.select_one("svg")
            assert svg["role"] == "img" and region["role"] == "region" and region["tabindex"] == "0", path
            title = svg.find(id=svg["aria-labelledby"])
            description = svg.find(id=svg["aria-describedby"])
            assert title.name == "title" and description.name == "desc", path
            assert region["aria-label"] == f"Diagram: {title.get_text()}"
            assert figure.figcaption.get_text(strip=True), f"{path}: a diagram without its caption"
            words = figure.find_next_sibling("details")
            assert words is not None and "diagram in words" in words.summary.get_text().lower(), path
            # Drawn at its natural size: the page's CSS may shrink it only to the inline min-width.
            assert float(svg["width"]) > 100 and float(svg["height"]) > 50 and "min-width" in svg["style"], path
            found.append((title.get_text(), description.get_text()))
    assert sorted(found) == expected


@pytest.mark.parametrize("site_fixture", ["built_site", "offline_site"])
def test_no_mermaid_script_or_file_anywhere(site_fixture: str, request: pytest.FixtureRequest) -> None:
    site: Path = request.getfixturevalue(site_fixture)
    assert [path for path in site.rglob("*") if "mermaid" in path.name.lower()] == []
    pages = sorted(site.rglob("*.html"))
    assert any(path.name == "index.html" and path.parent.name == "print" for path in pages) or (site / "print.html").is_file()
    for path in pages:
        html = path.read_text()
        found = MERMAID_IN_PAGE.search(html)
        assert found is None, f"{path}: {found and found.group()}"


@pytest.mark.parametrize("site_fixture,print_page", [("built_site", "print/index.html"), ("offline_site", "print.html")])
def test_print_view_shows_the_same_drawings(site_fixture: str, print_page: str, request: pytest.FixtureRequest) -> None:
    site: Path = request.getfixturevalue(site_fixture)
    pages = drawn(site)
    printed = pages.pop(print_page)
    assert sorted(printed) == sorted(svg for svgs in pages.values() for svg in svgs)


def test_a_rebuild_draws_nothing_and_a_fresh_drawing_is_byte_identical(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    cache = project / CACHE
    if cache.exists():
        for entry in cache.iterdir():
            entry.unlink()
    first = run_build(project, tmp_path / "first")
    assert first.returncode == 0, first.output
    drawn_once = sorted(entry.name for entry in cache.iterdir())
    assert drawn_once, "the diagrams are cached"
    # A rebuild takes every drawing from the cache: it needs neither Mermaid nor a browser.
    (project / "node_modules").unlink()
    second = run_build(project, tmp_path / "second", extra_env={"CHROMIUM_PATH": "/nonexistent/chromium"})
    assert second.returncode == 0, second.output
    assert sorted(entry.name for entry in cache.iterdir()) == drawn_once
    assert drawn(tmp_path / "second") == drawn(tmp_path / "first")
    # Drawn again from scratch, the same sources give the same bytes.
    (project / "node_modules").symlink_to(PROJECT_DIR / "node_modules")
    for entry in cache.iterdir():
        entry.unlink()
    third = run_build(project, tmp_path / "third")
    assert third.returncode == 0, third.output
    assert drawn(tmp_path / "third") == drawn(tmp_path / "first")


def test_an_edited_diagram_is_drawn_again_and_only_it(project_copy: Path, tmp_path: Path) -> None:
    sources = nav_sources()
    path, text = next((path, text) for path, text in sources.items() if find_diagrams(text))
    first = run_build(project_copy, tmp_path / "first")
    assert first.returncode == 0, first.output
    before = {entry.name for entry in (project_copy / CACHE).iterdir()}
    diagram = find_diagrams(text)[0]
    title, _ = accessible_texts(diagram.source)
    (project_copy / "docs" / path).write_text(text.replace(f"accTitle: {title}", f"accTitle: {title}, edited", 1))
    second = run_build(project_copy, tmp_path / "second")
    assert second.returncode == 0, second.output
    assert len({entry.name for entry in (project_copy / CACHE).iterdir()} - before) == 1
    assert f"{title}, edited" in (tmp_path / "second" / path.removesuffix(".md") / "index.html").read_text()


def test_serve_shows_an_undrawable_diagram_as_its_source_and_says_why(project_copy: Path) -> None:
    # No Chromium and no cache, as on a contributor's machine without a browser: the preview
    # still works, names the problem in the page and in the terminal, and shows the source.
    cache = project_copy / CACHE
    if cache.exists():
        for entry in cache.iterdir():
            entry.unlink()
    path, text = next((path, text) for path, text in nav_sources().items() if find_diagrams(text))
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "CHROMIUM_PATH": "/nonexistent/chromium"}
    server = subprocess.Popen(
        [sys.executable, "-m", "properdocs", "serve", "--dirty", "-f", "mkdocs.yml", "--dev-addr", f"127.0.0.1:{port}", "--no-livereload"],
        cwd=project_copy, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, preexec_fn=ctrl_c_acts,
    )
    try:
        html = _fetch_when_served(f"http://127.0.0.1:{port}/{path.removesuffix('.md')}/", server)
    finally:
        server.send_signal(signal.SIGINT)  # Ctrl-C: the server removes the site it built
        output = server.communicate(timeout=30)[0]
    figure = BeautifulSoup(html, "html.parser").select_one("figure.diagram .diagram-not-drawn")
    assert figure is not None, html
    assert "Chromium could not be started" in figure.get_text() and "CHROMIUM_PATH" in figure.get_text()
    assert find_diagrams(text)[0].source.split("\n")[0] in figure.pre.get_text()
    assert "Diagrams not drawn yet are shown as their source in this preview" in output and "make build" in output


def _fetch_when_served(url: str, server: subprocess.Popen[str]) -> str:
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise AssertionError(f"properdocs serve stopped:\n{server.communicate()[0]}")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.read().decode()
        except OSError:
            time.sleep(0.5)  # polling a server that is still building, not waiting for an effect
    raise AssertionError(f"{url} was not served in time")
