"""Diagrams: found in a page with their lines, Mermaid's errors placed at the lesson's line, the
SVG made ready for the page (stable ids, one named image, natural size), each source drawn once
through the cache. The renderer is stood in for here; the build and browser tests use the real one."""

from __future__ import annotations

from pathlib import Path

import pytest

from course.diagram_renderer import Drawing, RendererUnavailable
from course.diagram_svg import canonical_ids, page_svg, svg_title
from course.diagrams import DiagramDrawer, diagram_problems, find_diagrams, mermaid_message
from course.printing import printable

PAGE = """---
title: A page
---

Text.

<figure class="diagram" markdown>

``` mermaid
flowchart LR
  accTitle: Two steps
  accDescr: Writing leads to checking.
  A[Write] --> B[Check
```

</figure>

- In a list:

    ``` mermaid
    ---
    config:
      flowchart:
        curve: linear
    ---
    flowchart TD
      A --> B
    ```

````markdown
``` mermaid
flowchart LR
  A --> B
```
````
"""

JISON_ERROR = (
    "Parse error on line 6:\n...k]  B --> C\n--------------------^\n"
    "Expecting 'SQE', 'PE', got '1'"
)


class FakeRenderer:
    """Stands in for Mermaid: a syntax error for sources holding 'Check' without ']', else an SVG."""

    version = "fake 1"

    def __init__(self) -> None:
        self.calls: list[str] = []
        self.available = True

    def render(self, diagram_id: str, source: str) -> Drawing:
        if not self.available:
            raise RendererUnavailable("no browser here", "install one")
        self.calls.append(source)
        if "[Check\n" in source:
            return Drawing(error=JISON_ERROR, error_line=4)
        return Drawing(
            svg=f'<svg id="{diagram_id}" width="100%" style="max-width: 200px;" viewBox="0 0 200 80" role="graphics-document document" '
            f'aria-roledescription="flowchart-v2" aria-labelledby="chart-title-{diagram_id}"><title id="chart-title-{diagram_id}">T</title></svg>',
            smallest_font_px=16,
        )

    def close(self) -> None:
        pass


@pytest.fixture
def renderer() -> FakeRenderer:
    return FakeRenderer()


@pytest.fixture
def drawer(tmp_path: Path, renderer: FakeRenderer) -> DiagramDrawer:
    return DiagramDrawer(tmp_path / "cache", renderer)  # type: ignore[arg-type]


def test_diagrams_are_found_with_their_lines_but_not_in_examples() -> None:
    diagrams = find_diagrams(PAGE)
    assert [(diagram.line, diagram.kind) for diagram in diagrams] == [(9, "flowchart"), (20, "flowchart")]
    # The fence's indentation in the list is not part of the diagram; the diagram's own is kept.
    assert diagrams[1].source.split("\n")[-1] == "  A --> B"
    assert diagrams[0].source.startswith("flowchart LR\n  accTitle: Two steps\n")


def test_a_syntax_error_is_reported_at_its_line_in_the_lesson(drawer: DiagramDrawer) -> None:
    problems = [str(problem) for problem in diagram_problems("01-a/01-x.md", PAGE, drawer)]
    assert problems == [
        "docs/01-a/01-x.md:13: diagram: Parse error: Expecting 'SQE', 'PE', got the end of the diagram — check this line "
        "against Mermaid's syntax for 'flowchart' (https://mermaid.js.org/syntax/flowchart.html): a bracket or quote left "
        "open, an arrow or keyword mistyped"
    ]


def test_an_error_after_a_config_block_counts_the_block(drawer: DiagramDrawer, renderer: FakeRenderer) -> None:
    text = "``` mermaid\n---\ntitle: x\n---\nflowchart LR\n  A[Check\n```\n"
    [problem] = diagram_problems("a.md", text, drawer)
    # Mermaid counts from the line after the config block: its line 4 is line 1 + 3 + 4 here.
    assert problem.line == 8


def test_an_unknown_diagram_type_is_left_to_the_lint_s_own_rule(drawer: DiagramDrawer, renderer: FakeRenderer) -> None:
    assert diagram_problems("a.md", "``` mermaid\nflowchat LR\n  A --> B\n```\n", drawer) == []
    assert renderer.calls == []


def test_a_renderer_that_cannot_run_is_a_problem_not_a_pass(drawer: DiagramDrawer, renderer: FakeRenderer) -> None:
    renderer.available = False
    [problem] = diagram_problems("a.md", PAGE, drawer)
    assert str(problem) == "docs/a.md:9: diagram: cannot be checked, because no browser here — install one"


def test_each_source_is_drawn_once_and_kept_in_the_cache(tmp_path: Path, renderer: FakeRenderer) -> None:
    first = DiagramDrawer(tmp_path / "cache", renderer)  # type: ignore[arg-type]
    sources = [diagram.source for diagram in find_diagrams(PAGE)]
    drawings = [first.draw(source) for source in sources + sources]
    assert len(renderer.calls) == 2 and first.rendered == 2
    # Another run (another drawer) finds both, the error included; trailing spaces change nothing.
    renderer.available = False
    again = DiagramDrawer(tmp_path / "cache", renderer)  # type: ignore[arg-type]
    assert [again.draw(source + "  \n\n") for source in sources] == drawings[:2]
    assert again.rendered == 0
    # A new renderer version draws again.
    renderer.available, renderer.version = True, "fake 2"
    DiagramDrawer(tmp_path / "cache", renderer).draw(sources[1])  # type: ignore[arg-type]
    assert len(renderer.calls) == 3


def test_the_svg_is_one_named_image_at_its_natural_size() -> None:
    mermaid = (
        '<svg id="m" width="100%" xmlns="http://www.w3.org/2000/svg" style="max-width: 400.5px;" viewBox="0 0 400.5 120" '
        'role="graphics-document document" aria-roledescription="flowchart-v2" aria-labelledby="chart-title-m" '
        'aria-describedby="chart-desc-m"><title id="chart-title-m">Two &amp; steps</title><desc id="chart-desc-m">D</desc></svg>'
    )
    svg = page_svg(mermaid, "diagram-1", smallest_font_px=16)
    root = svg[: svg.index(">") + 1]
    assert 'role="img"' in root and "aria-roledescription" not in root and "100%" not in root and "max-width" not in root
    assert 'width="400.5" height="120"' in root
    # Labels of 16 px may shrink to 12 px: three quarters of the width, rounded up.
    assert 'style="min-width: 301px"' in root
    assert 'aria-labelledby="diagram-1-1"' in root and 'aria-describedby="diagram-1-2"' in root
    assert svg_title(svg) == "Two & steps"
    # Labels drawn at 12 px already: it never shrinks.
    assert 'style="min-width: 401px"' in page_svg(mermaid, "diagram-1", smallest_font_px=12)


def test_ids_are_renamed_in_document_order_with_every_reference() -> None:
    svg = (
        '<svg id="mermaid-7" aria-labelledby="t-7"><title id="t-7">x</title>'
        '<style>#mermaid-7 .node{fill:#ECECFF}#mermaid-7 marker{stroke:#333}</style>'
        '<marker id="mermaid-7_pointEnd"></marker><g id="actor12"><path marker-end="url(#mermaid-7_pointEnd)" '
        'style="filter: url(#actor12)"></path><use href="#actor12"></use><use xlink:href="#actor12"></use></g></svg>'
    )
    assert canonical_ids(svg, "d") == (
        '<svg id="d" aria-labelledby="d-1"><title id="d-1">x</title>'
        '<style>#d .node{fill:#ECECFF}#d marker{stroke:#333}</style>'
        '<marker id="d-2"></marker><g id="d-3"><path marker-end="url(#d-2)" '
        'style="filter: url(#d-3)"></path><use href="#d-3"></use><use xlink:href="#d-3"></use></g></svg>'
    )
    # The same drawing with other counters comes out the same.
    assert canonical_ids(svg.replace("actor12", "actor15"), "d") == canonical_ids(svg, "d")


def test_mermaid_messages_lose_their_own_line_number_and_excerpt() -> None:
    assert mermaid_message(JISON_ERROR) == "Parse error: Expecting 'SQE', 'PE', got the end of the diagram"
    langium = "Parsing failed: Lexer error on line 3, column 9: unexpected character: ->x<- at offset: 26."
    assert mermaid_message(langium) == langium


def test_the_print_view_keeps_a_diagram_s_svg_and_its_style_as_they_are() -> None:
    svg = '<svg id="diagram-1" aria-labelledby="diagram-1-1"><title id="diagram-1-1">T</title><style>#diagram-1 p{margin:0}</style></svg>'
    html = f'<div id="box" role="region">{svg}</div><style>p{{}}</style><script>x()</script>'
    assert printable(html, "page-") == f'<div id="page-box" role="region">{svg}</div>'


def test_a_change_to_the_adapter_s_code_or_to_the_pinned_mermaid_draws_every_diagram_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The cache key holds the adapter's code and Mermaid's pin: drawings made by older code or
    another Mermaid are never served (the SVG is stored after the page's changes to it)."""
    from course import diagram_renderer
    from course.diagram_renderer import MermaidRenderer, RendererFiles

    code = tmp_path / "adapter.py"
    code.write_text("first")
    lock = tmp_path / "package-lock.json"
    lock.write_text('{"packages": {"node_modules/mermaid": {"version": "11.0.0"}}}')
    monkeypatch.setattr(diagram_renderer, "ADAPTER_CODE", (code,))
    files = RendererFiles(tmp_path / "mermaid.min.js", lock, tmp_path)
    first = MermaidRenderer(files).version
    assert "mermaid 11.0.0" in first
    code.write_text("second")
    assert MermaidRenderer(files).version != first
    renderer = MermaidRenderer(files)
    before = renderer.version
    lock.write_text('{"packages": {"node_modules/mermaid": {"version": "11.1.0"}}}  ')
    assert "mermaid 11.1.0" in renderer.version and renderer.version != before
