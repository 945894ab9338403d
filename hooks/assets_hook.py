"""MkDocs events for the site's heavy assets: the quiz plugin, the offline search shim and the
course's stylesheets.

The quiz is loaded only where a page needs it; the shim only in the offline copy; the stylesheets
are published without their comments. (Diagrams need no script: hooks/diagram_hook.py draws
them at build time.)
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from material.plugins.offline.plugin import OfflinePlugin

from course.quizzes import page_quizzes

# The offline copy's search runs its worker through this shim; Material's offline plugin would
# load it from a CDN unless a polyfill whose URL names "iframe-worker" is already configured.
IFRAME_WORKER_SOURCE = Path("node_modules/iframe-worker/shim/index.js")
IFRAME_WORKER_TARGET = Path("assets/javascripts/iframe-worker/shim.js")


@event_priority(50)  # before Material's offline plugin (priority 0) adds its CDN shim
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    if _offline(config):
        polyfills = config.extra.get("polyfills", [])
        config.extra["polyfills"] = [*polyfills, IFRAME_WORKER_TARGET.as_posix()]
        # Instant navigation cannot work from the file system; left on, Material ends its
        # document$ stream there before the page is ready, so nothing that waits for it runs
        # (code copy buttons, the progress script).
        features = config.theme["features"]
        config.theme["features"] = [name for name in features if not name.startswith("navigation.instant")]
    return config


@event_priority(50)  # before mkdocs-quiz (priority 0) reads the page's `quiz` setting
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    # mkdocs-quiz is opt-in per page (enabled_by_default: false) so pages without a quiz carry
    # none of its inline code; opting in by hand on every lesson would be easy to forget, so a
    # page that holds a <quiz> (outside code examples) is opted in here. A page whose quizzes
    # mkdocs-quiz would stop on is left out: only the preview gets here with one (the build has
    # failed on the course rules), and there it shows the quiz as text under the problems panel.
    quizzes = page_quizzes(markdown)
    if quizzes.quizzes and quizzes.renders:
        settings = page.meta.get("quiz")
        page.meta["quiz"] = {**(settings if isinstance(settings, dict) else {}), "enabled": True}
    return markdown


def on_post_build(config: MkDocsConfig) -> None:
    project_dir, site_dir = Path(config.config_file_path).parent, Path(config.site_dir)
    for stylesheet in config.extra_css:
        published = site_dir / str(stylesheet)
        if published.suffix == ".css" and published.is_file():
            published.write_text(css_without_comments(published.read_text(encoding="utf-8")), encoding="utf-8")
    if _offline(config):
        copy_npm_asset(project_dir / IFRAME_WORKER_SOURCE, site_dir / IFRAME_WORKER_TARGET, "offline search")


# A comment, or a string (kept whole, so a "/*" inside one is not taken for a comment).
_CSS_COMMENT_OR_STRING = re.compile(r'/\*.*?\*/|"(?:\\.|[^"\\])*"|\'(?:\\.|[^\'\\])*\'', re.DOTALL)


def css_without_comments(css: str) -> str:
    """The stylesheet without its comments and blank lines.

    The course's stylesheet explains every override of Material for contributors; those comments
    were a third of what each page load transferred for it (BENCHMARKS.md, page weight). No
    dependency needed for this: Material minifies only its own assets, and a minifier plugin
    would also rewrite the HTML and Material's files.
    """
    stripped = _CSS_COMMENT_OR_STRING.sub(lambda match: "" if match[0].startswith("/*") else match[0], css)
    return "".join(line + "\n" for line in stripped.splitlines() if line.strip())


def copy_npm_asset(source: Path, target: Path, feature: str) -> None:
    if not source.is_file():
        raise PluginError(
            f"{source.name} is missing ({source}), so {feature} cannot be served from the site itself — "
            "install the pinned npm packages with 'npm ci' (or 'make install')"
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)


def _offline(config: MkDocsConfig) -> bool:
    """Whether this build is the offline copy (Material's offline plugin, enabled)."""
    return any(isinstance(plugin, OfflinePlugin) and plugin.config.enabled for plugin in config.plugins.values())
