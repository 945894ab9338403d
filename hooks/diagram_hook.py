"""MkDocs events that draw the course's Mermaid diagrams at build time, as SVG inside the page.

pymdownx.superfences already finds every ``` mermaid fence, wherever it sits (figures, lists,
admonitions); this hook gives that fence a formatter that swaps the source for its drawing
(course/diagrams.py draws it once per source and caches it in .cache/diagrams/). No Mermaid
script reaches the site, and none of the fences carry the `mermaid` class that makes
Material's bundle fetch Mermaid from a CDN.

A Mermaid syntax error fails the build at its line in the lesson. In `make serve` it is
printed in the terminal and shown in the page instead, with the diagram's source, and so is
a renderer that cannot run on the contributor's machine (no Chromium): the preview keeps
working while `make build` fails.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import Template
from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from course import CourseError
from course.diagram_renderer import MermaidRenderer, RendererFiles, RendererUnavailable
from course.diagram_svg import svg_title
from course.diagrams import CACHE_DIR, DiagramDrawer, Drawing, find_diagrams, syntax_error
from course.preview import INPUTS

log = get_plugin_logger("diagrams")

# The drawer (and the browser it opens) lives as long as the process: one start-up for a build,
# and under `make serve` one for the whole session, so an edited diagram redraws quickly.
_drawer: DiagramDrawer | None = None
_serving = False
_template: Template | None = None
# What the page being converted found wrong with its diagrams, for the formatter (serve only).
_page_problems: dict[str, str] = {}
# Said once per build in the terminal (serve only).
_unavailable_reported = False


def on_startup(command: str, dirty: bool) -> None:
    global _serving
    _serving = command == "serve"


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _drawer, _unavailable_reported
    project_dir = Path(config.config_file_path).parent
    cache_dir = project_dir / CACHE_DIR
    if _drawer is None or _drawer.cache_dir != cache_dir:
        if _drawer is not None:
            _drawer.close()
        _drawer = DiagramDrawer(cache_dir, MermaidRenderer(RendererFiles.for_project(project_dir)))
    _drawer.renderer.try_again()
    _unavailable_reported = False
    superfences = config.mdx_configs.setdefault("pymdownx.superfences", {})
    others = [fence for fence in superfences.get("custom_fences", []) if fence.get("name") != "mermaid"]
    superfences["custom_fences"] = [*others, {"name": "mermaid", "class": "diagram-drawing", "format": format_diagram}]
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    global _template
    # Pages are converted before on_env, so the template comes from the theme here.
    _template = config.theme.get_env().get_template("partials/diagram.html")
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Draw (or take from the cache) every diagram of the page before it is converted, and fail
    the build on a syntax error, at its line in the lesson file."""
    global _unavailable_reported
    assert _drawer is not None  # on_config runs first
    _page_problems.clear()
    problems: list[CourseError] = []
    for diagram in find_diagrams(page.file.content_string):
        try:
            drawing = _drawer.draw(diagram.source)
        except RendererUnavailable as error:
            if not _serving:
                raise PluginError(f"docs/{page.file.src_uri}:{diagram.line}: diagrams cannot be drawn: {error}") from None
            if not _unavailable_reported:
                log.info(
                    "Diagrams not drawn yet are shown as their source in this preview: %s — %s. 'make build' "
                    "fails until they can be drawn.", error.reason, error.fix,
                )
                _unavailable_reported = True
            # The incremental preview renders this page again on the next save, whatever changed,
            # until its diagrams can be drawn (a value equal to no other: course/preview.py).
            if INPUTS.active:
                INPUTS.note(page.file.src_uri, "undrawn diagrams", object())
            continue  # shown as its source by format_diagram; diagrams already drawn still show
        if drawing.error is not None:
            problem = syntax_error(page.file.src_uri, diagram, drawing)
            problems.append(problem)
            _page_problems[drawing.error] = str(problem)
    if problems and not _serving:
        raise PluginError("\n".join(str(problem) for problem in problems))
    for problem in problems:
        log.info("%s", problem)  # shown in the page too (format_diagram); `make build` fails on it
    return markdown


def format_diagram(source: str, language: str, class_name: str, options: dict[str, Any], md: Any, **kwargs: Any) -> str:
    """pymdownx.superfences' formatter for ``` mermaid: the drawing, inline, in its scroll region."""
    assert _drawer is not None and _template is not None  # on_config and on_files run first
    drawing: Drawing | None = None
    problem = ""
    try:
        drawing = _drawer.draw(source)  # from memory: on_page_markdown drew it
    except RendererUnavailable as error:
        if not _serving:
            raise PluginError(f"diagrams cannot be drawn: {error}") from None  # a fence on_page_markdown did not see
        problem = f"{error.reason} — {error.fix}"
    if drawing is not None and drawing.error is not None:
        if not _serving:
            raise PluginError(f"diagram: {drawing.error}")  # a fence on_page_markdown did not see
        problem = _page_problems.get(drawing.error, drawing.error)
    svg = drawing.svg if drawing and drawing.svg else None
    return _template.render(
        svg=Markup(svg) if svg else None, title=svg_title(svg) if svg else "", problem=problem, source=source
    )


def on_env(env: Any, config: MkDocsConfig, files: Files) -> Any:
    # Every page has been converted by now: a build lets go of the drawings (8 MB at a thousand
    # lessons, held through the print view's assembly, the build's peak); the preview keeps them
    # for the next save.
    if not _serving and _drawer is not None:
        _drawer.forget_drawings()
    return env


def on_post_build(config: MkDocsConfig) -> None:
    if not _serving and _drawer is not None:
        _drawer.close()


def on_shutdown() -> None:
    if _drawer is not None:
        _drawer.close()
