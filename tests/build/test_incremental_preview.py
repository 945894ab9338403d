"""The incremental preview (`make serve`, hooks/preview_hook.py) shows exactly what a full build shows.

In a scratch copy of the course, tests/preview_build.py builds the site as `properdocs serve --dirty`
does (a first build, then one rebuild per save, in one process) through five kinds of change: an
edited paragraph, a changed definition, a changed lesson title, a changed nav and a changed
template (the glossary page's). After each, the
whole site (every page, the glossary, the print view, the search index, the course map, the
sitemap) must equal, byte for byte, a full build of the same sources with the same settings (a
fresh process, every page rendered). One thing legitimately differs and is normalised: the
"Last update" date of files without git history (the scratch copy has none), which is the day of
the build that rendered the page (and the sitemap's dates, the build's date).

The rebuilds must also render fewer pages than all where the change reaches fewer: that is the
point of the preview.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from site_helpers import PROJECT_DIR, copy_project, load_mkdocs_config, nav_blocks_of

DRIVER = PROJECT_DIR / "tests" / "preview_build.py"
_DEFINITION = re.compile(r'^!!! definition(?: [\w-]+)? "(?P<term>[^"]+)"\n    (?P<first>\S.*)$', re.MULTILINE)
# The "Last update" line's date (Material's source-file partial): the day the page was built.
_FALLBACK_DATE = re.compile(rb'(<span class="md-icon" title="Last update">.*?</span>\s*)[A-Z][a-z]+ \d{1,2}, \d{4}', re.DOTALL)
_LASTMOD = re.compile(rb"<lastmod>[^<]*</lastmod>")


def _normalised(content: bytes) -> bytes:
    return _LASTMOD.sub(b"<lastmod></lastmod>", _FALLBACK_DATE.sub(rb"\1", content))


def _site(site_dir: Path) -> dict[str, bytes]:
    return {path.relative_to(site_dir).as_posix(): path.read_bytes() for path in sorted(site_dir.rglob("*")) if path.is_file()}


def _changes(project: Path) -> list[tuple[str, dict[str, str]]]:
    """The five saves, each a (kind, {file: new text}), chosen from the course as the nav lists it."""
    blocks = nav_blocks_of(load_mkdocs_config(project))
    first, second = blocks[0].lessons[0], blocks[0].lessons[1]

    def text(name: str) -> str:
        return (project / name).read_text(encoding="utf-8")

    paragraph = text(f"docs/{first}")
    paragraph = paragraph.rstrip("\n") + "\n\nA sentence added to the lesson in the preview.\n"
    # The first definition of the course whose term another page uses (a tooltip there).
    defined = next(
        (lesson, match)
        for block in blocks
        for lesson in block.lessons
        for match in _DEFINITION.finditer(text(f"docs/{lesson}"))
    )
    lesson, match = defined
    definition = text(f"docs/{lesson}").replace(match.group("first"), "In short: " + match.group("first"), 1)
    titled = re.sub(r"^title: (.+)$", r"title: \1, revisited", text(f"docs/{second}"), count=1, flags=re.MULTILINE)
    mkdocs_yml = text("mkdocs.yml")
    swapped = mkdocs_yml.replace(f"      - {first}\n      - {second}\n", f"      - {second}\n      - {first}\n", 1)
    assert swapped != mkdocs_yml, "the nav lists the first block's lessons one per line"
    # The template the glossary page's Markdown is rendered from, which the preview keeps between
    # saves while the glossary is unchanged (so a changed template must start it afresh).
    glossary_template = text("overrides/partials/glossary.md") + "\nA line added to the glossary's template in the preview.\n"
    return [
        ("paragraph", {f"docs/{first}": paragraph}),
        ("definition", {f"docs/{lesson}": definition}),
        ("title", {f"docs/{second}": titled}),
        ("nav", {"mkdocs.yml": swapped}),
        ("template", {"overrides/partials/glossary.md": glossary_template}),
    ]


@pytest.fixture(scope="module")
def preview(tmp_path_factory: pytest.TempPathFactory) -> dict:
    work = tmp_path_factory.mktemp("preview")
    project = copy_project(work / "project")
    changes = _changes(project)
    (work / "changes.json").write_text(json.dumps([files for _, files in changes]))
    process = subprocess.run(
        [sys.executable, str(DRIVER), str(project), str(work / "site"), str(work / "changes.json")],
        capture_output=True, text=True, timeout=600,
    )
    assert process.returncode == 0, process.stderr[-3000:]
    rendered = json.loads(process.stdout.strip().splitlines()[-1])["rendered"]
    return {"work": work, "changes": changes, "rendered": rendered}


def _full_build(work: Path, changes: list[tuple[str, dict[str, str]]], upto: int) -> Path:
    """A full build of the sources as they are after the first ``upto`` changes."""
    project = copy_project(work / f"full-project-{upto}")
    for _, files in changes[:upto]:
        for name, text in files.items():
            (project / name).write_text(text, encoding="utf-8")
    site_dir = work / f"full-site-{upto}"
    process = subprocess.run(
        [sys.executable, str(DRIVER), "--full", str(project), str(site_dir)], capture_output=True, text=True, timeout=600
    )
    assert process.returncode == 0, process.stderr[-3000:]
    shutil.rmtree(project)
    return site_dir


@pytest.mark.parametrize("step, kind", [(1, "paragraph"), (2, "definition"), (3, "title"), (4, "nav"), (5, "template")])
def test_the_preview_after_a_save_equals_a_full_build(preview: dict, step: int, kind: str) -> None:
    assert preview["changes"][step - 1][0] == kind
    incremental = _site(Path(f"{preview['work'] / 'site'}-{step}"))
    full = _site(_full_build(preview["work"], preview["changes"], step))
    assert incremental.keys() == full.keys()
    different = [name for name in full if _normalised(incremental[name]) != _normalised(full[name])]
    assert different == [], f"after the {kind} change these files differ from a full build: {different}"


def test_a_save_renders_only_what_it_reaches(preview: dict) -> None:
    rendered = preview["rendered"]
    everything = set(rendered[0])
    blocks = nav_blocks_of(load_mkdocs_config(PROJECT_DIR))
    first, second = blocks[0].lessons[0], blocks[0].lessons[1]
    paragraph, definition, title, nav, template = (set(pages) for pages in rendered[1:])
    # An edited paragraph shows on its own page (and, when it changes the lesson's reading time, on the
    # pages that show its minutes: its block's overview, the home page's outline, the card before it).
    assert first in paragraph and paragraph < everything
    # A changed definition: its own page and the glossary, not every page.
    defined_in = next(iter(preview["changes"][1][1])).removeprefix("docs/")
    assert {defined_in, "glossary.md"} <= definition < everything
    # A changed title: the lesson, its block's pages (their nav), the home page's outline; not every page.
    assert {second, blocks[0].index, "index.md"} <= title < everything
    # A nav change reaches every page, as does a template change.
    assert nav == everything
    assert template == everything
