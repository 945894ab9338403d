"""The three configurations the benchmark builds from the same content.

- course:   this site as it is (mkdocs.yml with its hooks, overrides and extra CSS).
- stock:    what a new Material + mkdocs-quiz site gets with default settings: Material's default
            font (Roboto from Google Fonts), Mermaid as Material's documentation sets it up (a
            `mermaid` custom fence, drawn in the browser from Material's CDN default), the quiz plugin on
            every page (its default `enabled_by_default: true`), no hooks, no overrides, no extra CSS,
            no theme features. Same site name, URL, Markdown extensions and nav as the course;
            pages that name one of our templates (front matter `template:`) get Material's, and quizzes
            are opened with mkdocs-quiz's plain `<quiz>` (the course's `objectives` attribute is ours).
- no-hooks: this site's mkdocs.yml without `hooks:`. Our templates read the context the hooks
            provide, so this variant also drops `custom_dir` (Material's own templates), and it turns
            the quiz plugin on for every page, because without assets_hook no page would opt in and
            the quizzes would not be rendered at all. What remains differs from `course` only by the
            hooks and the templates they feed: the measure of their cost. It is built without strict
            mode: the print-site plugin warns on every page that print_hook would have given a title.

Every variant is a folder with its own mkdocs.yml, and a git repository with its pages committed;
`course` and `no-hooks` inherit the project's mkdocs.yml (MkDocs' INHERIT) and link hooks/,
overrides/ and node_modules/ from the project.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import yaml

PROJECT_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_DIR / "hooks"))
from course.quizzes import page_quizzes  # noqa: E402

VARIANTS = ("course", "stock", "no-hooks")
# Builds run as on a contributor's machine, where Python keeps the compiled bytecode of hooks/ between
# builds (site-packages has its own from pip). An environment that sets PYTHONDONTWRITEBYTECODE (some
# containers and CI images do) would have every course build compile the hooks from source, about
# 50 ms of CPU that the stock site, without hooks, never pays.
ENV = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}


class _IgnorePythonTags(yaml.SafeLoader):
    """Reads mkdocs.yml without importing what its !!python tags name, nor reading the environment."""


_IgnorePythonTags.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
# `!ENV [NAME, default]`: the benchmark reads the default, as a build without NAME set does.
_IgnorePythonTags.add_constructor("!ENV", lambda loader, node: loader.construct_sequence(node)[-1])


def project_config() -> dict:
    return yaml.load((PROJECT_DIR / "mkdocs.yml").read_text(), Loader=_IgnorePythonTags)


def top_level_section(key: str) -> str:
    """The text of a top-level key of the project's mkdocs.yml, as written (keeps its !!python tags)."""
    text = (PROJECT_DIR / "mkdocs.yml").read_text()
    match = re.search(rf"^{key}:.*?(?=^\S|\Z)", text, flags=re.MULTILINE | re.DOTALL)
    if match is None:
        raise SystemExit(f"mkdocs.yml has no top-level '{key}:'")
    return match.group(0).rstrip() + "\n"


# Material's documented Mermaid set-up: the course draws its diagrams at build time instead
# (hooks/diagram_hook.py gives the fence its formatter), which a stock site does not have.
STOCK_MERMAID_FENCE = """  - pymdownx.superfences:
      custom_fences:
        - name: mermaid
          class: mermaid
          format: !!python/name:pymdownx.superfences.fence_code_format
"""


def stock_markdown_extensions() -> str:
    """The project's Markdown extensions, with superfences' Mermaid fence as a stock Material site has it."""
    lines = top_level_section("markdown_extensions").split("\n")
    section = "\n".join(line for line in lines if not line.lstrip().startswith("#"))
    stock, count = re.subn(r"^  - pymdownx\.superfences\n(?:      .*\n|    .*\n)*", STOCK_MERMAID_FENCE, section, flags=re.MULTILINE)
    if count != 1:
        raise SystemExit("mkdocs.yml lists pymdownx.superfences in an unexpected form: update benchmarks/sites.py")
    return stock


def nav_of_existing_pages(nav: list, docs_dir: Path) -> tuple[list, list[str]]:
    """The nav without entries whose page is not a file in ``docs_dir`` (pages our hooks generate).

    Returns the kept nav and the dropped paths, which the report lists.
    """
    kept, dropped = [], []
    for entry in nav:
        title, value = next(iter(entry.items())) if isinstance(entry, dict) else (None, entry)
        if isinstance(value, list):
            children, gone = nav_of_existing_pages(value, docs_dir)
            dropped += gone
            if children:
                kept.append({title: children})
        elif (docs_dir / value).is_file() or "://" in value:
            kept.append(entry)
        else:
            dropped.append(value)
    return kept, dropped


_TEMPLATE_KEY = re.compile(r"\A(---\n(?:(?!---\n).*\n)*?)template:.*\n")


def _drop_template_key(page: Path) -> None:
    """Remove a `template:` front matter key: it names a template of our overrides, which the variant lacks."""
    text = page.read_text()
    stripped = _TEMPLATE_KEY.sub(r"\1", text, count=1)
    if stripped != text:
        page.write_text(stripped)


_QUIZ_OBJECTIVES = re.compile(r"<quiz\s+objectives=\"[^\"]*\"\s*>")


def _plain_quiz_tags(page: Path) -> None:
    """`<quiz objectives="1 2">` as the `<quiz>` mkdocs-quiz reads: the attribute is the course's own
    (hooks/quiz_hook.py takes it out before the plugin reads the page), which the variant lacks."""
    text = page.read_text()
    plain = _QUIZ_OBJECTIVES.sub("<quiz>", text)
    if plain != text:
        page.write_text(plain)


def _quiz_off_without_quizzes(page: Path) -> None:
    """`quiz: {enabled: false}` in the front matter of a page with no quiz: mkdocs-quiz, on every page
    by default, otherwise reads the `<quiz>` tags the contributor guide shows in its text as a broken
    quiz and stops the build (the course turns the plugin on only for pages with quizzes)."""
    text = page.read_text()
    if page_quizzes(text).quizzes:  # the course's own reading: tags in code are examples
        return
    if text.startswith("---\n"):
        page.write_text("---\nquiz:\n  enabled: false\n" + text[len("---\n"):])
    else:
        page.write_text("---\nquiz:\n  enabled: false\n---\n\n" + text)


def generated_nav_entries() -> list:
    """The project's top-level nav pages that no file in docs/ backs: our hooks generate them (the glossary)."""
    return [
        entry for entry in project_config()["nav"]
        if isinstance(entry, dict)
        and isinstance(next(iter(entry.values())), str)
        and not (PROJECT_DIR / "docs" / next(iter(entry.values()))).is_file()
    ]


@dataclass
class Variant:
    name: str
    project_dir: Path
    dropped_nav: list[str]

    @property
    def config_file(self) -> Path:
        return self.project_dir / "mkdocs.yml"


def make_variant(name: str, docs_source: Path, nav: list, target: Path) -> Variant:
    """Write the ``name`` variant of a site with the pages of ``docs_source`` and ``nav`` into ``target``."""
    target.mkdir(parents=True)
    shutil.copytree(docs_source, target / "docs", ignore=shutil.ignore_patterns("__pycache__"))
    nav, dropped = nav_of_existing_pages(nav, target / "docs") if name != "course" else (nav, [])
    if name != "course":
        for page in (target / "docs").rglob("*.md"):
            _drop_template_key(page)
            _plain_quiz_tags(page)
            _quiz_off_without_quizzes(page)
    # package-lock.json pins the Mermaid that draws this site's diagrams; each variant keeps its
    # own .cache/diagrams/ beside its mkdocs.yml (the benchmark clears it for a cold build).
    for part in ("hooks", "overrides", "node_modules", "package-lock.json"):
        (target / part).symlink_to(PROJECT_DIR / part)
    nav_yaml = yaml.safe_dump({"nav": nav}, sort_keys=False, allow_unicode=True)
    if name == "stock":
        config = project_config()
        text = yaml.safe_dump(
            {
                "site_name": config["site_name"],
                "site_description": config.get("site_description"),
                "site_url": config.get("site_url"),
                "theme": {"name": "material", "language": config["theme"].get("language", "en")},
                "plugins": ["search", "mkdocs_quiz"],
            },
            sort_keys=False,
            allow_unicode=True,
        )
        text += stock_markdown_extensions() + nav_yaml
    elif name == "no-hooks":
        plugins = [
            {"mkdocs_quiz": {**(plugin["mkdocs_quiz"] or {}), "enabled_by_default": True}}
            if isinstance(plugin, dict) and "mkdocs_quiz" in plugin
            else plugin
            for plugin in project_config()["plugins"]
        ]
        (target / "no-overrides").mkdir()
        text = f"INHERIT: {PROJECT_DIR / 'mkdocs.yml'}\n" + yaml.safe_dump(
            {
                "hooks": [],
                "theme": {"custom_dir": "no-overrides", "static_templates": []},
                "plugins": plugins,
                # print_hook gives each page of the print view its title; without it the print-site
                # plugin warns once per page, which strict mode would turn into a failed build.
                "strict": False,
            },
            sort_keys=False,
        ) + nav_yaml
    else:
        text = f"INHERIT: {PROJECT_DIR / 'mkdocs.yml'}\n" + nav_yaml
    (target / "mkdocs.yml").write_text(text)
    _commit(target)
    return Variant(name, target, dropped)


def _commit(target: Path) -> None:
    """A course lives in git, and its pages' "Last update" dates come from the history: each
    variant is a repository with its pages committed, as a contributor's clone is."""
    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=target, check=True, capture_output=True)

    git("init", "-q")
    git("add", "docs", "mkdocs.yml")
    git("-c", "user.name=Benchmark", "-c", "user.email=benchmark@localhost", "commit", "-q", "-m", "The synthetic course")


def project_variants(target: Path) -> dict[str, Variant]:
    """The three variants of the real course content."""
    nav = project_config()["nav"]
    return {name: make_variant(name, PROJECT_DIR / "docs", nav, target / name) for name in VARIANTS}


@dataclass(frozen=True)
class BuildRun:
    """One build's cost: wall-clock seconds, CPU seconds (user + system, the build process and its
    children: the git plugin's workers, Chromium), and the peak resident memory of its largest process."""

    wall_s: float
    cpu_s: float
    peak_rss_mb: float


def build(variant: Variant, site_dir: Path) -> BuildRun:
    """`properdocs build` of the variant as a contributor runs it (strict, except no-hooks)."""
    # Not --quiet: it hides warnings from the counter that makes a strict build fail.
    command = [sys.executable, "-m", "properdocs", "build", "--clean"]
    command += ["--strict"] if variant.name != "no-hooks" else []
    command += ["-f", str(variant.config_file), "-d", str(site_dir)]
    with tempfile.TemporaryFile() as output:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=variant.project_dir, env=ENV, stdout=output, stderr=subprocess.STDOUT)
        # os.wait4 gives this child's own resource use (getrusage(RUSAGE_CHILDREN) would mix all children).
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            output.seek(0)
            raise SystemExit(f"The {variant.name} build failed:\n{output.read().decode(errors='replace')}")
    # ru_maxrss is in KiB on Linux.
    return BuildRun(elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)
