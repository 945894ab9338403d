"""Full-page screenshots of each kind of page, light and dark, for people reviewing a change
(test-output/screenshots/, git-ignored)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import Page, expect

from browser_helpers import MATERIAL_SCHEMES, expect_scheme, page_source
from site_helpers import NavBlock, page_url


def test_screenshots_of_each_kind_of_page_in_both_schemes(
    new_page: Callable[..., Page],
    site_url: str,
    built_site: Path,
    nav_blocks: list[NavBlock],
    lesson_paths: list[str],
    output_dir: Path,
) -> None:
    has_diagram = {path: "diagram-drawing" in page_source(built_site, path) for path in lesson_paths}
    kinds = {
        "home": "",
        "block-overview": page_url(nav_blocks[0].index),
        "lesson": next(path for path in lesson_paths if not has_diagram[path]),
        "lesson-with-diagram": next(path for path in lesson_paths if has_diagram[path]),
    }
    folder = output_dir / "screenshots"
    folder.mkdir(exist_ok=True)
    for scheme in MATERIAL_SCHEMES:
        page = new_page(color_scheme=scheme)
        for kind, path in kinds.items():
            page.goto(site_url + path)
            expect_scheme(page, scheme)
            expect(page.locator("h1")).to_be_visible()
            file = folder / f"{kind}-{scheme}.png"
            page.screenshot(path=file, full_page=True, animations="disabled")
            assert file.stat().st_size > 10_000, f"{file} looks empty"
