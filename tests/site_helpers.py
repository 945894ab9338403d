"""Helpers shared by the test layers: real builds, scratch copies, and the course as mkdocs.yml lists it."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

PROJECT_DIR = Path(__file__).resolve().parent.parent
# Everything a build reads: tools/ for the lesson template the course rules compare lessons with,
# package-lock.json for the Mermaid that draws the diagrams; node_modules is linked, not copied.
PROJECT_PARTS = ("mkdocs.yml", "package.json", "package-lock.json", "docs", "overrides", "hooks", "tools")


@dataclass
class BuildResult:
    returncode: int
    output: str
    site_dir: Path


def run_build(
    project_dir: Path, site_dir: Path, config: str = "mkdocs.yml", extra_env: dict[str, str] | None = None
) -> BuildResult:
    """A real `properdocs build` (strict from mkdocs.yml itself), as a contributor would run it.
    ``extra_env`` sets variables the config reads, e.g. COURSE_OFFLINE for the offline copy."""
    env = {**os.environ, **(extra_env or {})}
    process = subprocess.run(
        [sys.executable, "-m", "properdocs", "build", "--clean", "-f", config, "-d", str(site_dir)],
        cwd=project_dir,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    return BuildResult(process.returncode, process.stdout + process.stderr, site_dir)


def ctrl_c_acts() -> None:
    """For ``Popen(preexec_fn=ctrl_c_acts)`` of a server that ``stop_serve`` stops: a shell that
    runs the tests in the background has its children ignore Ctrl-C's signal (SIGINT)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def stop_serve(process: subprocess.Popen) -> None:
    """Stop a `properdocs serve` as Ctrl-C does, so it removes the site it built in a temporary
    folder (terminated, it leaves it behind: about 150 MB at a thousand lessons, per server)."""
    if process.poll() is None:
        process.send_signal(signal.SIGINT)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=30)


def copy_project(target: Path) -> Path:
    """A scratch copy of the project to break on purpose."""
    target.mkdir(parents=True)
    for part in PROJECT_PARTS:
        source = PROJECT_DIR / part
        if source.is_dir():
            shutil.copytree(source, target / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, target / part)
    (target / "node_modules").symlink_to(PROJECT_DIR / "node_modules")
    # The drawn diagrams (hooks/course/diagrams.py): a copy draws only what it changes.
    cache = PROJECT_DIR / ".cache" / "diagrams"
    if cache.is_dir():
        shutil.copytree(cache, target / ".cache" / "diagrams")
    return target


class _IgnoreTagsLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without importing the Python objects its !!python tags name."""


_IgnoreTagsLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
# `!ENV [NAME, default]` reads as its default, as in a build without that variable set.
_IgnoreTagsLoader.add_constructor("!ENV", lambda loader, node: loader.construct_sequence(node)[-1])


def load_mkdocs_config(project_dir: Path = PROJECT_DIR) -> dict:
    return yaml.load((project_dir / "mkdocs.yml").read_text(), Loader=_IgnoreTagsLoader)


def lesson_minutes(src_path: str, project_dir: Path = PROJECT_DIR) -> int:
    """A lesson's minutes as the site shows them: computed from its text, whatever it declares."""
    from course.reading_time import reading_minutes

    return reading_minutes((project_dir / "docs" / src_path).read_text())


def read_front_matter(src_path: str, project_dir: Path = PROJECT_DIR) -> dict:
    text = (project_dir / "docs" / src_path).read_text()
    return yaml.safe_load(text.split("---\n")[1]) if text.startswith("---\n") else {}


@dataclass
class NavBlock:
    title: str
    index: str
    lessons: list[str]


def nav_blocks_of(config: dict) -> list[NavBlock]:
    """The learning blocks as mkdocs.yml lists them: the tests' own reading of the course order."""
    blocks = []
    for entry in config["nav"]:
        (title, value), = entry.items() if isinstance(entry, dict) else (("", entry),)
        if isinstance(value, list):
            paths = [item if isinstance(item, str) else next(iter(item.values())) for item in value]
            index = next(path for path in paths if path.endswith("index.md"))
            blocks.append(NavBlock(title, index, [path for path in paths if path != index]))
    return blocks


def page_url(src_path: str) -> str:
    """Where MkDocs puts a page: 01-a/02-b.md -> 01-a/02-b/, 01-a/index.md -> 01-a/."""
    stem = src_path.removesuffix(".md")
    return stem.removesuffix("index") if stem.endswith("index") else stem + "/"


def html_path(site_dir: Path, src_path: str) -> Path:
    return site_dir / page_url(src_path) / "index.html"


def page_titles(project_dir: Path = PROJECT_DIR) -> set[str]:
    """The front matter titles of every page in ``project_dir``/docs."""
    titles = set()
    for path in (project_dir / "docs").rglob("*.md"):
        text = path.read_text()
        if text.startswith("---\n"):
            front_matter = yaml.safe_load(text.split("---\n")[1]) or {}
            if isinstance(front_matter, dict) and front_matter.get("title"):
                titles.add(str(front_matter["title"]))
    return titles


def unused_title(wanted: str, project_dir: Path = PROJECT_DIR) -> str:
    """``wanted``, or ``wanted`` numbered, whichever no page of the course has yet: a test that
    adds a lesson must not collide with a real one (two lessons may not share a title)."""
    taken = {title.casefold() for title in page_titles(project_dir)}
    candidates = [wanted] + [f"{wanted} {number}" for number in range(2, 100)]
    return next(title for title in candidates if title.casefold() not in taken)
