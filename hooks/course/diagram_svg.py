"""Mermaid's SVG made ready to sit inline in a page: stable ids, an image role, a natural size.

Plain string work on the SVG Mermaid serialized (one root <svg> element, attributes in double
quotes), so it is unit-tested without a browser.
"""

from __future__ import annotations

import html
import math
import re

# Labels are never drawn smaller than this on screen, however narrow the column (WCAG 1.4.4
# leaves the exact size open; 12 CSS px is the course's floor for text in a picture).
MIN_LABEL_PX = 12.0
# Mermaid's text size when a diagram names none (its themes' fontSize).
DEFAULT_FONT_PX = 16.0

_ROOT = re.compile(r"<svg\b[^>]*>")
_ATTRIBUTE = re.compile(r'\s([\w:-]+)="([^"]*)"')
_ID = re.compile(r'\sid="([^"]+)"')
_URL_REFERENCE = re.compile(r"url\(#([^)\"'\s]+)\)")
_HREF = re.compile(r'(\s(?:xlink:)?href=")#([^"]+)"')
_ARIA_IDS = re.compile(r'(\saria-(?:labelledby|describedby)=")([^"]*)"')
_STYLE_ELEMENT = re.compile(r"(<style>)(.*?)(</style>)", re.DOTALL)
_CSS_ID = re.compile(r"#([A-Za-z_][\w-]*)")
_TITLE = re.compile(r"<title\b[^>]*>(.*?)</title>", re.DOTALL)


def page_svg(svg: str, diagram_id: str, smallest_font_px: float | None = None) -> str:
    """Mermaid's ``svg`` with its ids canonical, named as one image, at its natural size; it may
    shrink until its smallest label (``smallest_font_px`` as drawn) reaches MIN_LABEL_PX."""
    svg = canonical_ids(svg, diagram_id)
    root = _ROOT.search(svg)
    if root is None:
        raise ValueError("Mermaid's output has no <svg> element")
    attributes = dict(_ATTRIBUTE.findall(root.group()))
    width, height = _view_box_size(attributes.get("viewBox", ""))
    smallest = smallest_font_px if smallest_font_px and smallest_font_px > 0 else DEFAULT_FONT_PX
    min_width = math.ceil(width * min(1.0, MIN_LABEL_PX / smallest))
    # Mermaid draws the diagram at 100% of its container, up to its natural width (style
    # max-width); here it gets its natural size, and the page's CSS lets it shrink only down to
    # min_width, past which its region scrolls. Screen readers get one image, named and described
    # by Mermaid's <title> and <desc> (accTitle and accDescr) instead of a graphics document whose
    # parts they would walk through one by one.
    kept = {
        name: value
        for name, value in attributes.items()
        if name not in ("width", "style", "role", "aria-roledescription")
    }
    kept.update({
        "role": "img",
        "width": _number(width),
        "height": _number(height),
        "style": f"min-width: {_number(min_width)}px",
    })
    new_root = "<svg" + "".join(f' {name}="{value}"' for name, value in kept.items()) + ">"
    return svg[: root.start()] + new_root + svg[root.end():]


def svg_title(svg: str) -> str:
    """The text of the diagram's <title> (its accTitle), or "" without one."""
    title = _TITLE.search(svg)
    return html.unescape(title.group(1)).strip() if title else ""


def canonical_ids(svg: str, root_id: str) -> str:
    """Every id renamed after its place in the document: ``root_id`` for the first (the <svg>),
    ``root_id-1``, ``root_id-2``, ... for the others, with every reference to them.

    Mermaid numbers some elements with counters that live as long as its page (the actors of a
    sequence diagram), and names others after the diagram's nodes only (``flowchart-A-0``), so
    the same source could come out different after other diagrams, and two diagrams on one page
    (the print view holds them all) would share ids.
    """
    found = list(dict.fromkeys(_ID.findall(svg)))
    names = {old: root_id if index == 0 else f"{root_id}-{index}" for index, old in enumerate(found)}

    def rename(old: str) -> str:
        return names.get(html.unescape(old), old)

    svg = _ID.sub(lambda match: f' id="{rename(match.group(1))}"', svg)
    svg = _URL_REFERENCE.sub(lambda match: f"url(#{rename(match.group(1))})", svg)
    svg = _HREF.sub(lambda match: f'{match.group(1)}#{rename(match.group(2))}"', svg)
    svg = _ARIA_IDS.sub(lambda match: match.group(1) + " ".join(rename(name) for name in match.group(2).split()) + '"', svg)
    return _STYLE_ELEMENT.sub(
        lambda match: match.group(1) + _CSS_ID.sub(lambda css: "#" + rename(css.group(1)), match.group(2)) + match.group(3),
        svg,
    )


def _view_box_size(view_box: str) -> tuple[float, float]:
    parts = view_box.replace(",", " ").split()
    if len(parts) != 4:
        raise ValueError(f"Mermaid's SVG has no usable viewBox ({view_box!r})")
    return float(parts[2]), float(parts[3])


def _number(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")
