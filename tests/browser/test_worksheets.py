"""Block 2's canvas and worksheets in a real browser: each worksheet prints on one sheet,
what is typed is kept, the canvas grid holds its layout on desktop and phone, and axe-core
finds no WCAG 2.2 AA violations in either colour scheme."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Locator, Page, Route, expect
from pypdf import PdfReader

from browser_helpers import PageProblems, open_context, settle, watch

CANVAS_LESSON = "02-vision-canvas-okrs/02-business-model-canvas/"
WORKSHEETS = "worksheets/"
VISION_WORKSHEET = "worksheets/product-vision/"
CANVAS_WORKSHEET = "worksheets/business-model-canvas/"
OKR_WORKSHEET = "worksheets/okr-worksheet/"
INTERVIEW_GUIDE = "worksheets/interview-guide/"
ASSUMPTION_MAP = "worksheets/assumption-map/"
CANVAS_TITLES = [
    "Key partnerships", "Key activities", "Key resources", "Value propositions", "Customer relationships",
    "Channels", "Customer segments", "Cost structure", "Revenue streams",
]
# (worksheet, printed landscape?, text the printed sheet must show)
PRINTED = [
    (VISION_WORKSHEET, False, [
        "Product vision worksheet", "Company mission", "Start from the customer", "Who is it for?",
        "Vision statement", "Check your draft", "Use it as a filter",
    ]),
    (CANVAS_WORKSHEET, True, ["Business model canvas worksheet", "Product or business", "Designed by", *CANVAS_TITLES]),
    (OKR_WORKSHEET, False, ["OKR worksheet", "Product vision", "Strategy", "Objective 1", "Objective 2", "Scoring"]),
    (INTERVIEW_GUIDE, False, [
        "Interview guide worksheet", "Goal", "Who", "Warm-up", "What to listen for", "Story prompts", "Follow-ups",
        "Notes", "Avoid:",
    ]),
    (ASSUMPTION_MAP, True, [
        "Assumption map worksheet", "Important, strong evidence", "Important, little evidence",
        "Less important, strong evidence", "Less important, little evidence", "The riskiest assumption", "Type of risk",
        "The test", "The result that would change your decision", "Result and decision",
    ]),
]
# Text of the site's frame and the worksheet's buttons: on screen only, never on paper.
SCREEN_ONLY = ["Open Product Management Course", "Search", "Print this worksheet", "Clear all fields"]
WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}}


def open_worksheet(page: Page, url: str) -> None:
    page.goto(url)
    # The script shows the buttons once it has filled in what was saved.
    expect(page.locator(".worksheet__actions")).to_be_visible()


def print_to_pdf(page: Page, paper: str) -> bytes:
    """Chromium's print-to-PDF on `paper`, as the print stylesheet's @page rules shape it."""
    return page.pdf(format=paper, prefer_css_page_size=True)


def pdf_text(pdf: PdfReader) -> str:
    return " ".join(" ".join(sheet.extract_text() for sheet in pdf.pages).split())


@pytest.mark.parametrize(
    ("path", "landscape", "expected"), PRINTED, ids=["vision", "canvas", "okr", "interview-guide", "assumption-map"]
)
def test_each_worksheet_prints_on_one_sheet_of_a4_or_letter(
    page: Page, site_url: str, problems: PageProblems, output_dir: Path, path: str, landscape: bool, expected: list[str]
) -> None:
    open_worksheet(page, site_url + path)
    printed = {paper: PdfReader(io.BytesIO(print_to_pdf(page, paper))) for paper in ("A4", "Letter")}

    # Filled in: one short word per box, so line wrapping cannot split what is searched for.
    typed = []
    for index, field in enumerate(page.locator(".worksheet textarea, .worksheet__header input").all()):
        typed.append(f"Typed{index:02d}")
        field.fill(typed[-1])
    filled = print_to_pdf(page, "A4")
    (output_dir / f"worksheet-{path.strip('/').split('/')[-1]}.pdf").write_bytes(filled)
    printed["A4 filled in"] = PdfReader(io.BytesIO(filled))

    for paper, pdf in printed.items():
        assert len(pdf.pages) == 1, f"{path} on {paper}: {len(pdf.pages)} pages"
        box = pdf.pages[0].mediabox
        assert (box.width > box.height) == landscape, (path, paper)
        text = pdf_text(pdf)
        for words in expected:
            assert words in text, (path, paper, words)
        for words in SCREEN_ONLY:
            assert words not in text, (path, paper, words)
    text = pdf_text(printed["A4 filled in"])
    assert [word for word in typed if word not in text] == []
    problems.assert_none()


def serve_sitemap_for_local_origin(page: Page, site_url: str) -> None:
    """Material navigates instantly only to links listed in sitemap.xml, and it adapts the
    listed URLs (site_url) to the current scheme and host but not the port. The test server
    runs on a random port, so the sitemap is served for its origin, as it is when deployed."""

    def rewrite(route: Route) -> None:
        response = route.fetch()
        route.fulfill(response=response, body=re.sub(r"<loc>https?://[^/]+/", f"<loc>{site_url}", response.text()))

    page.route("**/sitemap.xml", rewrite)


def test_typed_text_is_kept_across_reloads_and_instant_navigation(
    page: Page, site_url: str, problems: PageProblems
) -> None:
    serve_sitemap_for_local_origin(page, site_url)
    open_worksheet(page, site_url + CANVAS_WORKSHEET)
    page.get_by_label("Value propositions").fill("Books on a shelf near you, today")
    page.get_by_label("Product or business").fill("Shelfie")
    page.reload()
    expect(page.locator(".worksheet__actions")).to_be_visible()
    expect(page.get_by_label("Value propositions")).to_have_value("Books on a shelf near you, today")
    expect(page.get_by_label("Product or business")).to_have_value("Shelfie")

    # From a page without the worksheet script, by instant navigation only (the document is kept).
    page.goto(site_url + WORKSHEETS)
    page.wait_for_load_state("networkidle")  # Material has read the sitemap
    page.evaluate("window.worksheetTestMarker = true")
    page.get_by_role("link", name="OKR worksheet").first.click()
    expect(page.locator(".worksheet__actions")).to_be_visible()
    page.get_by_label("What do you want to achieve this quarter?").first.fill("Make reserving effortless")
    page.get_by_role("radio", name="Aspirational").first.check()
    page.get_by_role("link", name="how the worksheets work").click()
    expect(page.locator(".worksheet")).to_have_count(0)
    page.get_by_role("link", name="Business model canvas worksheet").first.click()
    expect(page.get_by_label("Value propositions")).to_have_value("Books on a shelf near you, today")
    page.go_back()
    page.go_back()
    expect(page.get_by_label("What do you want to achieve this quarter?").first).to_have_value("Make reserving effortless")
    expect(page.get_by_role("radio", name="Aspirational").first).to_be_checked()
    assert page.evaluate("window.worksheetTestMarker === true"), "a full page load happened"

    # Kept in localStorage only, under keys scoped to the site's path and versioned; no cookies.
    keys = page.evaluate("Object.keys(localStorage)")
    assert {"/.course.worksheets.v1.business-model-canvas", "/.course.worksheets.v1.okr-worksheet"} <= set(keys)
    assert page.context.cookies() == []

    # Clearing empties the sheet for good.
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Clear all fields").click()
    expect(page.get_by_label("What do you want to achieve this quarter?").first).to_have_value("")
    page.reload()
    expect(page.locator(".worksheet__actions")).to_be_visible()
    expect(page.get_by_label("What do you want to achieve this quarter?").first).to_have_value("")
    expect(page.get_by_role("radio", name="Aspirational").first).not_to_be_checked()
    problems.assert_none()


def assert_standard_canvas_layout(canvas: Locator) -> None:
    """Five columns, key activities over key resources, customer relationships over channels,
    and cost structure and revenue streams sharing the bottom row."""
    cells = canvas.locator("> .bmc-cell")
    expect(cells).to_have_count(9)
    box = {title: cells.nth(index).bounding_box() for index, title in enumerate(CANVAS_TITLES)}
    columns = ["Key partnerships", "Key activities", "Value propositions", "Customer relationships", "Customer segments"]
    lefts = [box[title]["x"] for title in columns]
    assert lefts == sorted(lefts) and len(set(lefts)) == 5, lefts
    for upper, lower in (("Key activities", "Key resources"), ("Customer relationships", "Channels")):
        assert box[upper]["x"] == box[lower]["x"] and box[upper]["y"] + box[upper]["height"] <= box[lower]["y"]
    top_rows_end = max(box[title]["y"] + box[title]["height"] for title in columns)
    assert box["Cost structure"]["y"] >= top_rows_end and box["Revenue streams"]["y"] == box["Cost structure"]["y"]
    assert box["Cost structure"]["x"] == box["Key partnerships"]["x"]
    right_edge = box["Customer segments"]["x"] + box["Customer segments"]["width"]
    assert box["Revenue streams"]["x"] + box["Revenue streams"]["width"] == pytest.approx(right_edge, abs=1)


@pytest.fixture(params=["light", "dark"])
def scheme_page(request: pytest.FixtureRequest, browser: Browser, site_url: str, problems: PageProblems) -> Iterator[Page]:
    """A desktop page whose system preference is the light or the dark colour scheme."""
    context = open_context(browser, site_url, problems, viewport={"width": 1280, "height": 900}, color_scheme=request.param)
    yield watch(context.new_page(), problems)
    context.close()


def test_canvas_layout_and_accessibility_in_each_colour_scheme(
    scheme_page: Page, site_url: str, problems: PageProblems
) -> None:
    page, axe = scheme_page, Axe()
    dark = page.evaluate("matchMedia('(prefers-color-scheme: dark)').matches")
    for path in (CANVAS_LESSON, VISION_WORKSHEET, CANVAS_WORKSHEET, OKR_WORKSHEET, INTERVIEW_GUIDE, ASSUMPTION_MAP):
        if path == CANVAS_LESSON:
            page.goto(site_url + path)
        else:
            open_worksheet(page, site_url + path)
        expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate" if dark else "default")
        for canvas in page.locator(".bmc-canvas").all():
            assert_standard_canvas_layout(canvas)
        # The lesson's canvases; the worksheet pages are all the worksheets' own.
        settle(page)
        results = axe.run(page, context=".bmc-canvas" if path == CANVAS_LESSON else "article", options=WCAG_AA)
        assert results.violations_count == 0, f"{path} ({'dark' if dark else 'light'}):\n{results.generate_report()}"
    problems.assert_none()


@pytest.mark.parametrize(
    "path", [CANVAS_LESSON, VISION_WORKSHEET, CANVAS_WORKSHEET, OKR_WORKSHEET, INTERVIEW_GUIDE, ASSUMPTION_MAP]
)
def test_canvas_and_worksheets_fit_a_phone_in_one_column(mobile_page: Page, site_url: str, path: str) -> None:
    mobile_page.goto(site_url + path)
    assert mobile_page.evaluate("document.documentElement.scrollWidth") <= 375
    for canvas in mobile_page.locator(".bmc-canvas").all():
        cells = [cell.bounding_box() for cell in canvas.locator("> .bmc-cell").all()]
        assert len(cells) == 9 and len({cell["x"] for cell in cells}) == 1
        assert all(upper["y"] + upper["height"] <= lower["y"] for upper, lower in zip(cells, cells[1:]))
