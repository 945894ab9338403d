"""MkDocs events for the site's heavy assets: Mermaid and the quiz plugin.

Both are loaded only where a page needs them.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs_quiz.parsing import find_quizzes, mask_code_blocks

# Self-hosted from npm (package.json); Material would otherwise fetch Mermaid from a CDN.
MERMAID_SOURCE = Path("node_modules/mermaid/dist/mermaid.min.js")
MERMAID_TARGET = Path("assets/javascripts/mermaid.min.js")


@event_priority(50)  # before mkdocs-quiz (priority 0) reads the page's `quiz` setting
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    # mkdocs-quiz is opt-in per page (enabled_by_default: false) so pages without a quiz carry
    # none of its inline code; opting in by hand on every lesson would be easy to forget, so a
    # page that holds a <quiz> (outside code examples) is opted in here.
    masked, _ = mask_code_blocks(markdown)
    if find_quizzes(masked):
        settings = page.meta.get("quiz")
        page.meta["quiz"] = {**(settings if isinstance(settings, dict) else {}), "enabled": True}
    return markdown


def on_post_build(config: MkDocsConfig) -> None:
    copy_mermaid(Path(config.config_file_path).parent, Path(config.site_dir))


def copy_mermaid(project_dir: Path, site_dir: Path) -> None:
    source = project_dir / MERMAID_SOURCE
    if not source.is_file():
        raise PluginError(
            f"{MERMAID_SOURCE} is missing, so diagrams cannot be served from the site itself — "
            "install the pinned npm packages with 'npm ci' (or 'make install')"
        )
    target = site_dir / MERMAID_TARGET
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
