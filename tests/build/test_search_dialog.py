"""Material's search dialog carries an accessible name on every page (overrides/partials/search.html)."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup


def test_every_page_names_its_search_dialog(built_site: Path) -> None:
    pages = sorted(built_site.rglob("*.html"))
    assert pages
    for path in pages:
        dialog = BeautifulSoup(path.read_text(), "html.parser").select_one(".md-search[role=dialog]")
        assert dialog is not None and dialog.get("aria-label") == "Search", path
