"""The course's Mermaid diagrams: found in a page, drawn once per source, checked with Mermaid itself.

A diagram is drawn by the renderer (course/diagram_renderer.py) and kept in a cache folder
keyed by the hash of its source, the renderer's version and its settings, so a rebuild or a
second lint run only draws what changed. Mermaid's own mistakes (a syntax error) are cached
too: they come back as `docs/<file>:<line>: diagram: ...` at the line inside the lesson.

The build (hooks/diagram_hook.py) and the course rules (course/rules/diagrams.py), which the build
and the lesson lint both run, use the same functions.
"""

from __future__ import annotations

import atexit
import hashlib
import json
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from course.diagram_renderer import Drawing, MermaidRenderer, RendererFiles, RendererUnavailable
from course.diagram_svg import page_svg
from course.errors import CourseError
from course.text import fences

# The cache, relative to the folder of mkdocs.yml (git-ignored).
CACHE_DIR = Path(".cache") / "diagrams"
PROJECT_DIR = Path(__file__).resolve().parents[2]

# Diagram types Mermaid 11 understands (the first word of a diagram).
MERMAID_DIAGRAM_TYPES = frozenset({
    "architecture-beta", "block-beta", "C4Component", "C4Container", "C4Context", "C4Deployment", "C4Dynamic",
    "classDiagram", "classDiagram-v2", "erDiagram", "flowchart", "flowchart-elk", "gantt", "gitGraph", "graph",
    "journey", "kanban", "mindmap", "packet-beta", "pie", "quadrantChart", "radar-beta", "requirementDiagram",
    "sankey-beta", "sequenceDiagram", "stateDiagram", "stateDiagram-v2", "timeline", "treemap-beta",
    "xychart-beta", "zenuml",
})

# Mermaid's syntax pages, for the fix of a syntax error.
SYNTAX_PAGES = {
    "flowchart": "flowchart", "graph": "flowchart", "sequenceDiagram": "sequenceDiagram", "classDiagram": "classDiagram",
    "stateDiagram": "stateDiagram", "stateDiagram-v2": "stateDiagram", "erDiagram": "entityRelationshipDiagram",
    "journey": "userJourney", "gantt": "gantt", "pie": "pie", "quadrantChart": "quadrantChart", "timeline": "timeline",
    "mindmap": "mindmap", "gitGraph": "gitgraph", "xychart-beta": "xyChart", "sankey-beta": "sankey",
    "requirementDiagram": "requirementDiagram", "block-beta": "block", "kanban": "kanban",
}
_FRONT_MATTER = re.compile(r"\A(?:[ \t]*\n)*---[ \t]*\n.*?\n---[ \t]*\n", re.DOTALL)


@dataclass(frozen=True)
class Diagram:
    line: int  # the line of the opening fence in the page's file, 1-based
    source: str

    @property
    def kind(self) -> str:
        """The diagram type: the first word after any config block and %% comments."""
        body = _FRONT_MATTER.sub("", self.source)
        for line in body.split("\n"):
            stripped = line.strip()
            if stripped and not stripped.startswith("%%"):
                return stripped.split()[0].rstrip(";")
        return ""


def find_diagrams(text: str) -> list[Diagram]:
    """Every ``` mermaid fence of a page (its whole source, front matter included), in order."""
    lines = text.replace("\r\n", "\n").split("\n")
    diagrams = []
    for start, end, lang in fences(text):
        if lang == "mermaid":
            indent = len(lines[start - 1]) - len(lines[start - 1].lstrip(" "))
            # The fence's own indentation (a diagram in a list or an admonition) is not the diagram's.
            body = [line[min(indent, len(line) - len(line.lstrip(" "))):] for line in lines[start: end - 1]]
            diagrams.append(Diagram(start, "\n".join(body)))
    return diagrams


def diagram_id(source: str) -> str:
    """The id of a diagram's SVG on a page: the same source always gets the same id."""
    return "diagram-" + hashlib.sha256(_normal(source).encode()).hexdigest()[:10]


class DiagramDrawer:
    """Draws diagrams through the cache: each source is rendered once, by the first run that needs it."""

    def __init__(self, cache_dir: Path, renderer: MermaidRenderer) -> None:
        self.cache_dir = cache_dir
        self.renderer = renderer
        self.rendered = 0  # drawings this drawer made (not from the cache), for the tests and the benchmark
        self._memory: dict[str, Drawing] = {}

    @classmethod
    def for_project(cls, project_dir: Path) -> DiagramDrawer:
        return cls(project_dir / CACHE_DIR, MermaidRenderer(RendererFiles.for_project(project_dir)))

    def draw(self, source: str) -> Drawing:
        """The drawing of ``source``; raises RendererUnavailable when it must be drawn and cannot be."""
        source = _normal(source)
        key = self._key(source)
        if key in self._memory:
            return self._memory[key]
        drawing = self._read(key)
        if drawing is None:
            drawing = self.renderer.render(diagram_id(source), source)
            if drawing.svg is not None:
                drawing = Drawing(svg=page_svg(drawing.svg, diagram_id(source), drawing.smallest_font_px))
            self.rendered += 1
            self._write(key, drawing)
        self._memory[key] = drawing
        return drawing

    def forget_drawings(self) -> None:
        """Let go of the drawings in memory (they stay in the cache folder)."""
        self._memory.clear()

    def close(self) -> None:
        self.renderer.close()

    def _key(self, source: str) -> str:
        identity = json.dumps([source, self.renderer.version], ensure_ascii=False)
        return hashlib.sha256(identity.encode()).hexdigest()

    def _read(self, key: str) -> Drawing | None:
        path = self.cache_dir / f"{key}.json"
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            return Drawing(svg=data.get("svg"), error=data.get("error"), error_line=data.get("error_line"))
        except (OSError, ValueError):
            return None  # not drawn yet, or a damaged entry: draw it again

    def _write(self, key: str, drawing: Drawing) -> None:
        self.cache_dir.mkdir(parents=True, exist_ok=True)
        data = {"svg": drawing.svg, "error": drawing.error, "error_line": drawing.error_line}
        # Written beside and renamed into place: a lint and a build may share the cache.
        handle, temporary = tempfile.mkstemp(dir=self.cache_dir, suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            json.dump(data, file, ensure_ascii=False)
        os.replace(temporary, self.cache_dir / f"{key}.json")


def diagram_problems(src_path: str, text: str, drawer: DiagramDrawer | None = None) -> list[CourseError]:
    """Mermaid's own verdict on each diagram of a page (``text`` is the whole file): a syntax error
    at its line in the file. Diagrams of an unknown type are left to the lint's own rule."""
    problems = []
    for diagram in find_diagrams(text):
        if diagram.kind not in MERMAID_DIAGRAM_TYPES:
            continue
        try:
            drawing = (drawer or project_drawer()).draw(diagram.source)
        except RendererUnavailable as error:
            return problems + [CourseError(
                src_path, f"diagram: cannot be checked, because {error.reason}", error.fix, line=diagram.line
            )]
        if drawing.error is not None:
            problems.append(syntax_error(src_path, diagram, drawing))
    return problems


def syntax_error(src_path: str, diagram: Diagram, drawing: Drawing) -> CourseError:
    """Mermaid's message for ``drawing`` at its line in the page's file."""
    assert drawing.error is not None
    offset = 0
    front_matter = _FRONT_MATTER.match(diagram.source)
    if front_matter:
        # Mermaid parses the diagram without its config block, and counts lines from there.
        offset = front_matter.group().count("\n")
    line = diagram.line + offset + (drawing.error_line or 1)
    page = SYNTAX_PAGES.get(diagram.kind)
    where = f"https://mermaid.js.org/syntax/{page}.html" if page else "https://mermaid.js.org/intro/syntax-reference.html"
    return CourseError(
        src_path,
        f"diagram: {mermaid_message(drawing.error)}",
        f"check this line against Mermaid's syntax for '{diagram.kind}' ({where}): a bracket or quote left open, "
        "an arrow or keyword mistyped",
        line=line,
    )


def mermaid_message(error: str) -> str:
    """Mermaid's message on one line: without its own line number (wrong for the lesson file) and
    the excerpt with a caret under it (the lesson's line number says where)."""
    lines = [line.strip() for line in error.strip().split("\n") if line.strip()]
    if lines and re.match(r"^Parse error on line \d+:$", lines[0]):
        # jison's layout: the header, the excerpt, the caret, then what it expected.
        lines = ["Parse error:"] + lines[3:]
    message = " ".join(lines)
    return message.replace("got '1'", "got the end of the diagram").replace("got 'EOF'", "got the end of the diagram")


_project_drawer: DiagramDrawer | None = None


def project_drawer() -> DiagramDrawer:
    """The drawer of this repository (its node_modules and .cache/diagrams), for the lint; the
    build makes its own from the site's config."""
    global _project_drawer
    if _project_drawer is None:
        _project_drawer = DiagramDrawer.for_project(PROJECT_DIR)
        atexit.register(_project_drawer.close)
    return _project_drawer


def _normal(source: str) -> str:
    """A diagram's source as it is drawn and cached: trailing blank space does not make a new drawing."""
    return "\n".join(line.rstrip() for line in source.replace("\r\n", "\n").rstrip().split("\n")) + "\n"
