"""Content wider than the text column scrolls inside its own region.

A table with several columns is wider than a phone's screen. Material lets it scroll sideways
in a box of its own (so the page itself never does, WCAG 1.4.10), but a keyboard user can only
scroll a box that takes focus, and a screen reader user needs to know what the box holds. So
every table is wrapped in a named region that can take focus (the markup is the theme's
partials/scroll-region.html; docs/assets/javascripts/accessibility.js keeps it out of the Tab
order while its content fits). The region's name is the table's caption, or else the words of
its header row.
"""

from __future__ import annotations

import html as html_text
import re
from collections.abc import Callable

# Python-Markdown's tables never nest, and pymdown's md_in_html keeps raw HTML tables as written.
_TABLE = re.compile(r"<table\b.*?</table>", re.DOTALL)
_CAPTION = re.compile(r"<caption\b[^>]*>(?P<text>.*?)</caption>", re.DOTALL)
_HEADER_CELL = re.compile(r"<th\b[^>]*>(?P<text>.*?)</th>", re.DOTALL)
_FIRST_ROW = re.compile(r"<tr\b.*?</tr>", re.DOTALL)
_TAG = re.compile(r"<[^>]+>")

# Renders one region: its accessible name (plain text) and the HTML it holds.
RenderRegion = Callable[[str, str], str]


def table_name(table: str) -> str:
    """What a table is called: its caption, else "Table: " and its header row's words."""
    caption = _CAPTION.search(table)
    if caption and _plain(caption.group("text")):
        return _plain(caption.group("text"))
    first_row = _FIRST_ROW.search(table)
    cells = [_plain(cell.group("text")) for cell in _HEADER_CELL.finditer(first_row.group() if first_row else "")]
    words = [cell for cell in cells if cell]
    return "Table: " + ", ".join(words) if words else "Table"


def wrap_tables(html: str, render: RenderRegion) -> str:
    """Every table of a page's HTML inside a scroll region named after it."""
    return _TABLE.sub(lambda match: render(table_name(match.group()), match.group()), html)


def _plain(fragment: str) -> str:
    return " ".join(html_text.unescape(_TAG.sub("", fragment)).split())
