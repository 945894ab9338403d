"""Diagrams and images have text alternatives: a Mermaid diagram has a known type, accTitle and
accDescr, sits in a captioned figure and is followed by "The diagram in words"; an image has alt text.

Whether an image comes from another site is the safety rules' (rules/safety.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from course.diagrams import MERMAID_DIAGRAM_TYPES, diagram_problems
from course.errors import Problem
from course.source import PageSource
from course.text import Prose, SourceLine, fences

DIAGRAM_IN_WORDS = "The diagram in words"

# The types Material's Mermaid theme colors (its --md-mermaid-* properties), so they follow the light
# and dark schemes; Mermaid draws the others (pie, gantt, quadrant...) in its own fixed colors, whose
# labels fail contrast in the dark scheme. Material documents the same list.
SCHEME_COLORED_TYPES = frozenset({
    "flowchart", "graph", "sequenceDiagram", "classDiagram", "classDiagram-v2", "stateDiagram", "stateDiagram-v2",
    "erDiagram",
})


_HEADING = re.compile(r"^#{1,6}[ \t]+\S")
_FIGURE_OPEN = re.compile(r"<figure\b[^>]*\bclass=\"[^\"]*\bdiagram\b[^\"]*\"[^>]*\bmarkdown\b", re.IGNORECASE)
_FIGCAPTION = re.compile(r"<figcaption>\s*\S", re.IGNORECASE)
_TEXT_ALTERNATIVE = re.compile(r'^\s*(?:\?\?\?\+?|!!!)\s+[\w-]+\s+"' + re.escape(DIAGRAM_IN_WORDS) + '"', re.IGNORECASE)
_ACC_TITLE = re.compile(r"^\s*accTitle\s*:\s*\S")
_ACC_DESCR = re.compile(r"^\s*accDescr\s*(?::\s*\S|\{)")
MARKDOWN_IMAGE = re.compile(r"!\[(?P<alt>[^\]]*)\]\(\s*<?(?P<src>[^)\s>]*)")
HTML_IMAGE = re.compile(r"<img\b(?P<attrs>[^<>]*)>", re.IGNORECASE)
_HTML_ALT = re.compile(r"""\balt\s*=\s*(?:"(?P<double>[^"]*)"|'(?P<single>[^']*)'|(?P<bare>[^\s>]+))""", re.IGNORECASE)


def mermaid_diagrams(page: PageSource) -> Iterable[Problem]:
    lines = page.lines
    for start, end, lang in fences(page.text):
        if lang != "mermaid" or start <= page.front_matter.end_line:
            continue
        content = [line.text for line in lines[start: end - 1]]
        first = next((line.strip() for line in _diagram_lines(content)), "")
        kind = first.split()[0].rstrip(";") if first else ""
        if kind not in MERMAID_DIAGRAM_TYPES:
            yield Problem(
                page.src_path,
                f"the Mermaid diagram starts with '{first}', which is not a diagram type",
                "start it with the diagram type, e.g. 'flowchart LR' or 'sequenceDiagram'",
                line=start + 1,
            )
        elif kind not in SCHEME_COLORED_TYPES:
            yield Problem(
                page.src_path,
                f"a '{kind}' diagram is drawn in Mermaid's own colors, which do not follow the site's light and dark"
                " schemes (its labels become hard to read in dark mode)",
                "draw it as a flowchart, sequence, class, state or entity-relationship diagram, which follow both"
                " schemes, or show the figures as a table",
                line=start + 1,
            )
        if not any(_ACC_TITLE.match(line) for line in content):
            yield Problem(
                page.src_path,
                "the Mermaid diagram has no accTitle, so screen readers cannot name it",
                "add a line 'accTitle: <a short title>' under the diagram type",
                line=start,
            )
        if not any(_ACC_DESCR.match(line) for line in content):
            yield Problem(
                page.src_path,
                "the Mermaid diagram has no accDescr, so screen readers cannot describe it",
                "add a line 'accDescr: <one or two sentences on what it shows>' under accTitle",
                line=start,
            )
        yield from _diagram_surroundings(page.src_path, lines, start, end)


def mermaid_syntax(page: PageSource) -> Iterable[Problem]:
    """Mermaid itself reads each diagram: the build draws it anyway (hooks/diagram_hook.py), and the
    drawing, or Mermaid's error, is cached by the diagram's source, so the build and the lint pay
    for each diagram once. A syntax error is reported at its line in the lesson file."""
    if "mermaid" not in page.text:
        return ()  # most pages have no diagram: no need to look for fences
    return diagram_problems(page.src_path, page.text)


def _diagram_lines(content: list[str]) -> Iterator[str]:
    """The diagram's lines without blank lines, %% comments and a leading '---' config block."""
    in_config = False
    for index, line in enumerate(content):
        stripped = line.strip()
        if stripped == "---" and (in_config or not any(other.strip() for other in content[:index])):
            in_config = not in_config
            continue
        if in_config or not stripped or stripped.startswith("%%"):
            continue
        yield line


def _diagram_surroundings(src_path: str, lines: list[SourceLine], start: int, end: int) -> Iterator[Problem]:
    """A diagram sits in <figure class="diagram" markdown> with a caption, followed by its text alternative."""
    before = next((line for line in reversed(lines[: start - 1]) if line.text.strip()), None)
    after = lines[end:]
    closing = next((index for index, line in enumerate(after) if "</figure>" in line.text), None)
    if before is None or not _FIGURE_OPEN.search(before.text) or closing is None:
        yield Problem(
            src_path,
            "the Mermaid diagram is not inside <figure class=\"diagram\" markdown>",
            "put '<figure class=\"diagram\" markdown>' and a blank line above the fence, and '<figcaption>...</figcaption>' and '</figure>' below it",
            line=start,
        )
    elif not any(_FIGCAPTION.search(line.text) for line in after[:closing + 1]):
        yield Problem(
            src_path,
            "the diagram's figure has no caption",
            "add '<figcaption>One sentence on what the diagram shows.</figcaption>' before '</figure>'",
            line=after[closing].number,
        )
    following = after[(closing or 0) + 1:]
    next_heading = next((index for index, line in enumerate(following) if _HEADING.match(line.text) and not line.in_code), len(following))
    if not any(_TEXT_ALTERNATIVE.match(line.text) for line in following[:next_heading]):
        yield Problem(
            src_path,
            "the Mermaid diagram has no text alternative",
            f"add '??? info \"{DIAGRAM_IN_WORDS}\"' under the figure, with a list or paragraph that says everything the diagram shows",
            line=start,
        )


def images_have_alt_text(page: PageSource) -> Iterable[Problem]:
    for line, alt, _ in images(page):
        if not alt.strip():
            yield Problem(
                page.src_path,
                "this image has no alt text",
                "describe what the image shows between the brackets: ![A roadmap with three lanes](roadmap.png)",
                line=line,
            )


def images(page: PageSource) -> list[tuple[int, str, str]]:
    """(line, alt text, source) of every Markdown and HTML image outside code."""
    prose = Prose.of(page.lines, without_inline_code=True)
    found = [(prose.line_at(match.start()), match.group("alt"), match.group("src")) for match in MARKDOWN_IMAGE.finditer(prose.text)]
    for match in HTML_IMAGE.finditer(prose.text):
        alt = _HTML_ALT.search(match.group("attrs"))
        text = next((group for group in alt.groups() if group is not None), "") if alt else ""
        src = re.search(r"""\bsrc\s*=\s*["']?(?P<src>[^"'\s>]+)""", match.group("attrs"), re.IGNORECASE)
        found.append((prose.line_at(match.start()), text, src.group("src") if src else ""))
    return sorted(found)
