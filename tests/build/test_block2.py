"""Learning block 2 (vision, business model canvas, OKRs) and its worksheets in the built site.

The card that leads from block 1 to block 2 comes from the course structure alone (the nav
and the front matter), with no code of its own: these tests pin what it shows.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin

from bs4 import BeautifulSoup

from site_helpers import html_path, lesson_minutes, load_mkdocs_config, nav_blocks_of, page_url, read_front_matter, run_build

BLOCK_1 = "01-pm-foundations/index.md"
BLOCK_2 = "02-vision-canvas-okrs/index.md"
BLOCK_2_TITLE = "Vision, business model and OKRs"
BLOCK_2_LESSONS = [
    "02-vision-canvas-okrs/01-product-vision.md",
    "02-vision-canvas-okrs/02-business-model-canvas.md",
    "02-vision-canvas-okrs/03-okrs.md",
]
VISION_LESSON, CANVAS_LESSON, OKR_LESSON = BLOCK_2_LESSONS
WORKSHEETS = "worksheets/index.md"
VISION_WORKSHEET = "worksheets/product-vision.md"
CANVAS_WORKSHEET = "worksheets/business-model-canvas.md"
OKR_WORKSHEET = "worksheets/okr-worksheet.md"
# Block 3's worksheets use the same page template and script.
INTERVIEW_GUIDE = "worksheets/interview-guide.md"
ASSUMPTION_MAP = "worksheets/assumption-map.md"
# Each worksheet and the lesson that links to it.
WORKSHEET_LESSONS = {
    VISION_WORKSHEET: VISION_LESSON,
    CANVAS_WORKSHEET: CANVAS_LESSON,
    OKR_WORKSHEET: OKR_LESSON,
    INTERVIEW_GUIDE: "03-product-discovery/01-talking-to-customers.md",
    ASSUMPTION_MAP: "03-product-discovery/04-assumptions-and-experiments.md",
}
WORKSHEET_SCRIPT = "assets/javascripts/worksheets.js"
# The canvas's nine building blocks, column by column as the grid is written.
CANVAS_CELLS = [
    ("key-partnerships", "Key partnerships"),
    ("key-activities", "Key activities"),
    ("key-resources", "Key resources"),
    ("value-propositions", "Value propositions"),
    ("customer-relationships", "Customer relationships"),
    ("channels", "Channels"),
    ("customer-segments", "Customer segments"),
    ("cost-structure", "Cost structure"),
    ("revenue-streams", "Revenue streams"),
]


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(), "html.parser")


def text_of(element) -> str:
    return " ".join(element.get_text(" ").split())


def resolve(src_path: str, href: str) -> str:
    """The site path a relative link on the page of ``src_path`` points to, without its fragment."""
    return urljoin("/" + page_url(src_path), href).split("#")[0].lstrip("/")


def links_of(site: Path, src_path: str) -> set[str]:
    article = soup(html_path(site, src_path)).select_one("article")
    return {resolve(src_path, a["href"]) for a in article.select("a[href]")}


def duration_text(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    return f"{rest} min" if not hours else f"{hours} h" + (f" {rest} min" if rest else "")


def block_2_card(site: Path, nav_blocks) -> tuple[str, BeautifulSoup]:
    block_1 = next(block for block in nav_blocks if block.index == BLOCK_1)
    last_lesson = block_1.lessons[-1]
    card = soup(html_path(site, last_lesson)).select_one("article .next-block")
    assert card is not None, f"{last_lesson} has no next-block card"
    return last_lesson, card


def test_block_2_comes_right_after_block_1_with_its_three_lessons(nav_blocks) -> None:
    indexes = [block.index for block in nav_blocks]
    assert indexes.index(BLOCK_2) == indexes.index(BLOCK_1) + 1
    block_2 = nav_blocks[indexes.index(BLOCK_2)]
    assert block_2.title == BLOCK_2_TITLE == read_front_matter(BLOCK_2)["title"]
    assert block_2.lessons == BLOCK_2_LESSONS


def test_last_lesson_of_block_1_leads_to_block_2(built_site: Path, nav_blocks) -> None:
    last_lesson, card = block_2_card(built_site, nav_blocks)
    assert "next-block--block" in card["class"]
    link = card.select_one("a.next-block__link")
    assert link.get_text(strip=True) == BLOCK_2_TITLE
    assert resolve(last_lesson, link["href"]) == page_url(BLOCK_2)

    overview = read_front_matter(BLOCK_2)
    assert " ".join(overview["summary"].split()) in text_of(card)

    objectives = [objective for lesson in BLOCK_2_LESSONS for objective in read_front_matter(lesson)["objectives"]]
    assert all(read_front_matter(lesson)["objectives"] for lesson in BLOCK_2_LESSONS)
    assert [text_of(item) for item in card.select("li")] == objectives

    total = sum(lesson_minutes(lesson) for lesson in BLOCK_2_LESSONS)
    assert text_of(card.select_one(".next-block__eyebrow")) == (
        f"Next learning block · {len(BLOCK_2_LESSONS)} lessons · {duration_text(total)}"
    )


def test_block_2_card_follows_the_front_matter_without_code_of_its_own(project_copy: Path) -> None:
    """Edit block 2's front matter only: the card on block 1's last lesson changes with it. Its
    minutes are the lessons' reading times, whatever duration a lesson declares."""
    overview, lesson = project_copy / "docs" / BLOCK_2, project_copy / "docs" / OKR_LESSON
    first_objective = read_front_matter(OKR_LESSON)["objectives"][0]
    declared = lesson_minutes(OKR_LESSON) - 2  # within the 25 % the course rules allow
    overview.write_text(overview.read_text().replace("summary: >-\n", "summary: >-\n  A changed summary for this test.\n", 1))
    text = lesson.read_text()
    text = text.replace(f"  - {first_objective}\n", f"  - {first_objective}\n  - Explain a newly added objective.\n", 1)
    # A question that checks the new objective, as the course rules require.
    count = len(read_front_matter(OKR_LESSON)["objectives"]) + 1
    text = text.replace('<quiz objectives="1">', f'<quiz objectives="1 {count}">', 1)
    text = re.sub(r"^duration: \d+\n", "", text, count=1, flags=re.MULTILINE)
    lesson.write_text(text.replace("\n---\n", f"\nduration: {declared}\n---\n", 1))

    result = run_build(project_copy, project_copy / "site")
    assert result.returncode == 0, result.output
    _, card = block_2_card(result.site_dir, nav_blocks_of(load_mkdocs_config(project_copy)))
    assert "A changed summary for this test." in text_of(card)
    assert "Explain a newly added objective." in [text_of(item) for item in card.select("li")]
    total = sum(lesson_minutes(path, project_copy) for path in BLOCK_2_LESSONS)
    assert f"3 lessons · {duration_text(total)}" in text_of(card)


def test_the_canvas_grids_have_the_nine_building_blocks_in_column_order(built_site: Path) -> None:
    canvases = [
        (CANVAS_LESSON, canvas) for canvas in soup(html_path(built_site, CANVAS_LESSON)).select("article .bmc-canvas")
    ] + [(CANVAS_WORKSHEET, canvas) for canvas in soup(html_path(built_site, CANVAS_WORKSHEET)).select("article .bmc-canvas")]
    assert [source for source, _ in canvases] == [CANVAS_LESSON, CANVAS_LESSON, CANVAS_WORKSHEET]
    for source, canvas in canvases:
        cells = canvas.find_all(class_="bmc-cell", recursive=False)
        assert len(cells) == 9, source
        for cell, (name, title) in zip(cells, CANVAS_CELLS):
            assert f"bmc-{name}" in cell["class"], (source, name)
            heading = cell.select_one("h2, h3, [role=heading][aria-level]")
            assert heading is not None and text_of(heading) == title, (source, name)


def test_lesson_canvas_titles_are_headings_kept_out_of_the_table_of_contents(built_site: Path) -> None:
    page = soup(html_path(built_site, CANVAS_LESSON))
    titles = page.select("article .bmc-canvas [role=heading]")
    assert len(titles) == 18
    assert all(title["aria-level"] == "3" for title in titles)
    toc = [text_of(link) for link in page.select(".md-sidebar--secondary a.md-nav__link")]
    sections = [text_of(heading).removesuffix("¶").strip() for heading in page.select("article :is(h2, h3)[id]")]
    for title in {text_of(title) for title in titles}:
        # In the contents only as often as the lesson has a section of that name, never for a cell.
        assert toc.count(title) == sections.count(title), (title, toc)


def test_worksheet_fields_each_have_a_label(built_site: Path) -> None:
    for worksheet in WORKSHEET_LESSONS:
        sheet = soup(html_path(built_site, worksheet)).select_one("article .worksheet")
        assert sheet is not None, worksheet
        fields = sheet.select("input, textarea")
        ids = [field["id"] for field in fields if field.get("type") != "radio"]
        assert len(set(ids)) == len(ids), worksheet
        for field in fields:
            if field.get("type") == "radio":
                label = field.find_parent("label")
                assert field.find_parent("fieldset").legend.get_text(strip=True), (worksheet, field)
            else:
                label = sheet.select_one(f'label[for="{field["id"]}"]')
            assert label is not None and text_of(label), (worksheet, field)
            assert field.get("name"), (worksheet, field)
        names = [field["name"] for field in fields if field.get("type") != "radio"]
        assert len(set(names)) == len(names), worksheet

    canvas = soup(html_path(built_site, CANVAS_WORKSHEET)).select(".bmc-canvas textarea")
    assert [field["name"] for field in canvas] == [name for name, _ in CANVAS_CELLS]
    okr = soup(html_path(built_site, OKR_WORKSHEET))
    for objective in okr.select(".okr-objective"):
        assert len(objective.select(".okr-kr")) == 5
        assert {radio["value"] for radio in objective.select("input[type=radio]")} == {"committed", "aspirational"}


def test_worksheet_script_is_only_on_worksheet_pages(built_site: Path) -> None:
    assert (built_site / WORKSHEET_SCRIPT).is_file()
    worksheets = {html_path(built_site, worksheet) for worksheet in WORKSHEET_LESSONS}
    for path in sorted(built_site.rglob("*.html")):
        scripts = [script["src"] for script in soup(path).select("script[src]")]
        assert any(src.endswith(WORKSHEET_SCRIPT) for src in scripts) == (path in worksheets), path


def test_worksheets_are_linked_from_their_lessons_but_not_in_the_nav(built_site: Path, mkdocs_config: dict) -> None:
    nav = mkdocs_config["nav"]
    top_level = [next(iter(entry.items())) if isinstance(entry, dict) else ("", entry) for entry in nav]
    position = top_level.index(("Worksheets", WORKSHEETS))
    last_block = max(index for index, (_, value) in enumerate(top_level) if isinstance(value, list))
    assert position > last_block
    glossary = [index for index, (title, _) in enumerate(top_level) if title == "Glossary"]
    assert all(position > index for index in glossary)

    not_in_nav = mkdocs_config["not_in_nav"].split()
    assert {f"/{worksheet}" for worksheet in WORKSHEET_LESSONS} <= set(not_in_nav)

    sidebar = {
        resolve(WORKSHEETS, a["href"])
        for a in soup(html_path(built_site, WORKSHEETS)).select(".md-sidebar--primary a[href]")
    }
    assert page_url(WORKSHEETS) in sidebar
    for worksheet, lesson in WORKSHEET_LESSONS.items():
        assert page_url(worksheet) not in sidebar, worksheet
        assert page_url(worksheet) in links_of(built_site, WORKSHEETS), worksheet
        assert page_url(worksheet) in links_of(built_site, lesson), (worksheet, lesson)
