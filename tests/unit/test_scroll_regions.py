"""Tables get a scroll region named after them: the caption, else the header row's words."""

from __future__ import annotations

from course.scroll_regions import table_name, wrap_tables

MARKDOWN_TABLE = """<table>
<thead>
<tr>
<th></th>
<th>Mission</th>
<th><em>Product</em> vision</th>
<th>R&amp;D</th>
</tr>
</thead>
<tbody>
<tr>
<td>Question</td>
<td>Why?</td>
<td>What?</td>
<td>How?</td>
</tr>
</tbody>
</table>"""


def test_a_table_is_named_by_its_header_row_without_markup_or_empty_cells() -> None:
    assert table_name(MARKDOWN_TABLE) == "Table: Mission, Product vision, R&D"


def test_a_caption_names_its_table() -> None:
    assert table_name("<table><caption>Roles <b>side by side</b></caption><tr><th>A</th></tr></table>") == "Roles side by side"


def test_a_table_without_headers_is_still_named() -> None:
    assert table_name("<table><tr><td>1</td></tr></table>") == "Table"


def test_only_the_first_rows_headers_count() -> None:
    table = "<table><tr><th>Aspect</th><th>PM</th></tr><tr><th>Focus</th><td>Product</td></tr></table>"
    assert table_name(table) == "Table: Aspect, PM"


def test_every_table_is_wrapped_and_the_rest_is_left_alone() -> None:
    html = f"<p>Before</p>\n{MARKDOWN_TABLE}\n<p>Between</p>\n<table><tr><th>X</th></tr></table>"
    wrapped = wrap_tables(html, lambda name, content: f"[{name}|{content}]")
    assert wrapped == (
        f"<p>Before</p>\n[Table: Mission, Product vision, R&D|{MARKDOWN_TABLE}]\n<p>Between</p>\n"
        "[Table: X|<table><tr><th>X</th></tr></table>]"
    )
