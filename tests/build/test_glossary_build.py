"""The glossary in the built site: the generated page, its backlinks, search, and the tooltips in lessons."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup, Tag

from site_helpers import html_path, page_url, run_build

GLOSSARY = "glossary.md"
GLOSSARY_URL = page_url(GLOSSARY)
# Where a tooltip must never be: headings, links, code, controls, and the course's own boxes.
EXCLUDED_TAGS = ["h1", "h2", "h3", "h4", "h5", "h6", "a", "code", "pre", "summary", "button", "label"]
EXCLUDED_CLASSES = ["definition", "quiz", "lesson-objectives", "next-block"]
# Everyday words: their tooltips come only through their aliases ("planning phase").
EVERYDAY_WORDS = {"planning", "implementation", "closing"}


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(), "html.parser")


def text_of(tag: Tag) -> str:
    return " ".join(tag.get_text(" ").replace("¶", "").split())


def resolve(from_url: str, href: str) -> tuple[str, str]:
    """The site path and fragment a link on the page at ``from_url`` points to."""
    target = urlsplit(urljoin("/" + from_url, href))
    return target.path.lstrip("/"), target.fragment


def course_pages(nav_blocks) -> list[str]:
    return [page for block in nav_blocks for page in [block.index, *block.lessons]]


@pytest.fixture(scope="module")
def glossary_page(built_site: Path) -> BeautifulSoup:
    return soup(html_path(built_site, GLOSSARY))


@pytest.fixture(scope="module")
def entries(glossary_page: BeautifulSoup) -> dict[str, Tag]:
    """The glossary's entries by anchor."""
    return {entry.h3["id"]: entry for entry in glossary_page.select("article .glossary-entry")}


@pytest.fixture(scope="module")
def definitions(built_site: Path, nav_blocks) -> list[tuple[str, Tag]]:
    """Every definition admonition of the course, with the page that holds it."""
    return [
        (src, admonition)
        for src in course_pages(nav_blocks)
        for admonition in soup(html_path(built_site, src)).select("article .admonition.definition")
    ]


def entry_for(entries: dict[str, Tag], term: str) -> Tag:
    return next(entry for entry in entries.values() if text_of(entry.h3) == term)


def test_the_glossary_is_a_top_level_page_right_after_the_last_learning_block(mkdocs_config: dict, glossary_page) -> None:
    titles = [next(iter(item)) if isinstance(item, dict) else item for item in mkdocs_config["nav"]]
    last_block = max(i for i, item in enumerate(mkdocs_config["nav"]) if isinstance(next(iter(item.values())), list))
    assert mkdocs_config["nav"][last_block + 1] == {"Glossary": GLOSSARY}, titles
    assert glossary_page.select_one("article h1").get_text(strip=True) == "Glossary"
    assert glossary_page.select_one(".md-nav__link--active").get_text(strip=True) == "Glossary"


def test_every_definition_of_the_course_has_an_entry_with_the_same_text(definitions, entries) -> None:
    assert len(definitions) >= 20
    assert len(entries) == len(definitions)
    for src, admonition in definitions:
        term = text_of(admonition.select_one(".admonition-title"))
        entry = entry_for(entries, term)
        lesson_text = [text_of(p) for p in admonition.find_all("p", recursive=False)[1:]]
        glossary_text = [text_of(p) for p in entry.find_all("p", recursive=False) if "glossary-entry__source" not in p.get("class", [])]
        assert glossary_text == lesson_text, (src, term)


def test_entries_are_alphabetical_grouped_by_letter_with_a_letter_index(glossary_page) -> None:
    terms = [text_of(h3) for h3 in glossary_page.select(".glossary-entry h3")]
    assert terms == sorted(terms, key=str.casefold)
    for group in glossary_page.select(".glossary-group"):
        letter = text_of(group.h2)
        assert group.h2["id"] == f"letter-{letter.lower()}"
        assert all(text_of(h3)[0].upper() == letter for h3 in group.select("h3"))
    index = [(a.get_text(strip=True), a["href"]) for a in glossary_page.select("nav.glossary-letters a")]
    assert index == [(text_of(h2), "#" + h2["id"]) for h2 in glossary_page.select(".glossary-group h2")]


def test_each_term_is_an_anchor_named_after_it(entries) -> None:
    assert entries["program-management"].h3.get_text(strip=True).removesuffix("¶") == "Program management"
    for anchor, entry in entries.items():
        assert anchor == re.sub(r"[^\w\s-]", "", text_of(entry.h3)).strip().lower().replace(" ", "-")


def test_aliases_are_listed(entries) -> None:
    assert "Also called: PM" in text_of(entries["product-manager"])
    assert "Also called: OKRs, objectives and key results" in text_of(entries["okr"])


def test_defined_in_links_to_the_lesson_section_that_holds_the_definition(built_site: Path, definitions, entries) -> None:
    for src, admonition in definitions:
        entry = entry_for(entries, text_of(admonition.select_one(".admonition-title")))
        source = entry.select_one("p.glossary-entry__source")
        assert text_of(source).startswith("Defined in ")
        path, fragment = resolve(GLOSSARY_URL, source.a["href"])
        assert path == page_url(src)
        heading = admonition.find_previous(re.compile("^h[2-6]$"))
        assert fragment == heading["id"], (src, fragment)
        assert text_of(source.a) == f"{text_of(soup(html_path(built_site, src)).h1)} — {text_of(heading)}"


def test_also_used_in_links_to_other_course_pages_that_use_the_term(built_site: Path, nav_blocks, entries) -> None:
    linked = 0
    for anchor, entry in entries.items():
        sources = entry.select("p.glossary-entry__source")
        defined_in = resolve(GLOSSARY_URL, sources[0].a["href"])[0]
        for used in sources[1:]:
            assert text_of(used).startswith("Also used in ")
            for link in used.select("a"):
                path, _ = resolve(GLOSSARY_URL, link["href"])
                assert path != defined_in and path in [page_url(page) for page in course_pages(nav_blocks)]
                article = soup(built_site / path / "index.html").select_one("article")
                names = [text_of(entry.h3), *re.findall(r"Also called: (.*)", text_of(entry))[:1]]
                words = [name.strip().lower() for joined in names for name in joined.split(",")]
                assert any(word in text_of(article).lower() for word in words), (anchor, path)
                assert text_of(link) == text_of(article.h1)
                linked += 1
    assert linked >= 20


def test_product_manager_is_used_in_every_block(entries) -> None:
    used = [link["href"] for link in entries["product-manager"].select("p.glossary-entry__source a")[1:]]
    assert any("02-vision-canvas-okrs" in href for href in used) and any("01-pm-foundations" in href for href in used)


def test_search_boosts_the_glossary_and_indexes_each_term_under_its_anchor(built_site: Path, entries) -> None:
    docs = json.loads((built_site / "search/search_index.json").read_text())["docs"]
    glossary_docs = {doc["location"]: doc for doc in docs if doc["location"].startswith(GLOSSARY_URL)}
    assert glossary_docs and all(doc.get("boost", 1) > 1 for doc in glossary_docs.values())
    for anchor, entry in entries.items():
        assert glossary_docs[f"{GLOSSARY_URL}#{anchor}"]["title"] == text_of(entry.h3)
    assert not any(doc.get("boost", 1) > 1 for doc in docs if not doc["location"].startswith(GLOSSARY_URL))


def test_the_filter_box_is_hidden_without_javascript_and_its_script_loads_only_on_the_glossary(built_site: Path, glossary_page) -> None:
    box = glossary_page.select_one("[data-glossary-filter]")
    assert box.has_attr("hidden") and box.select_one("label").get_text(strip=True) == "Filter terms"
    assert box.select_one("input")["id"] == box.select_one("label")["for"]
    assert box.select_one("[role=status][aria-live=polite]") is not None
    for path in built_site.rglob("*.html"):
        has_script = soup(path).select_one('script[src$="assets/javascripts/glossary.js"]') is not None
        assert has_script == (path == html_path(built_site, GLOSSARY)), path


# --- Tooltips in lessons -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def tooltips(built_site: Path, nav_blocks) -> dict[str, list[Tag]]:
    """The glossary terms in each course page's article."""
    return {src: soup(html_path(built_site, src)).select("article a.glossary-term") for src in course_pages(nav_blocks)}


def test_lessons_have_tooltips_that_link_to_the_glossary_with_the_short_definition(tooltips, entries) -> None:
    assert sum(len(terms) for terms in tooltips.values()) >= 30
    for src, terms in tooltips.items():
        for term in terms:
            path, anchor = resolve(page_url(src), term["href"])
            assert path == GLOSSARY_URL and anchor in entries, (src, term)
            definition = text_of(entries[anchor].p)
            assert term["title"] and definition.startswith(term["title"]), (src, anchor)


def test_terms_from_other_lessons_get_tooltips(tooltips) -> None:
    def anchors(src: str) -> set[str]:
        return {term["href"].split("#")[1] for term in tooltips[src]}

    # Defined in block 1, used in block 1's second lesson and in block 2.
    assert {"stakeholder", "product-manager", "initiation"} <= anchors("01-pm-foundations/02-product-project-program.md")
    assert {"product-manager", "roadmap", "strategy"} <= anchors("02-vision-canvas-okrs/03-okrs.md")


def test_only_the_first_use_of_a_term_per_page_gets_a_tooltip(tooltips, built_site: Path) -> None:
    for src, terms in tooltips.items():
        anchors = [term["href"].split("#")[1] for term in terms]
        assert len(anchors) == len(set(anchors)), src


def test_no_tooltip_for_a_term_on_the_page_that_defines_it(tooltips, definitions, entries) -> None:
    for src, admonition in definitions:
        anchor = entry_for(entries, text_of(admonition.select_one(".admonition-title"))).h3["id"]
        assert anchor not in [term["href"].split("#")[1] for term in tooltips[src]], (src, anchor)


def test_no_tooltips_in_headings_links_code_quizzes_definitions_or_course_boxes(built_site: Path, nav_blocks) -> None:
    for src in course_pages(nav_blocks):
        page = soup(html_path(built_site, src))
        for term in page.select("a.glossary-term"):
            assert term.find_parent(EXCLUDED_TAGS) is None, (src, term.find_parent(EXCLUDED_TAGS).name)
            for name in EXCLUDED_CLASSES:
                assert term.find_parent(class_=name) is None, (src, name)
            assert term.find_parent(class_="md-content") is not None


def test_everyday_words_get_tooltips_only_through_their_aliases(tooltips) -> None:
    for src, terms in tooltips.items():
        for term in terms:
            if term["href"].split("#")[1] in EVERYDAY_WORDS:
                assert "phase" in text_of(term).lower(), (src, text_of(term))


def test_roadmap_planning_sessions_are_not_the_planning_phase(built_site: Path) -> None:
    page = soup(html_path(built_site, "01-pm-foundations/01-what-a-product-manager-does.md"))
    sessions = [p for p in page.select("article li, article p") if "roadmap planning sessions" in text_of(p)]
    assert sessions and not any(p.select('a.glossary-term[href$="#planning"]') for p in sessions)


def test_pages_outside_the_learning_blocks_have_no_tooltips(built_site: Path, nav_blocks) -> None:
    course = {html_path(built_site, src) for src in course_pages(nav_blocks)}
    for path in built_site.rglob("*.html"):
        if path not in course and path.parent.name != "print":
            assert soup(path).select_one("article a.glossary-term") is None, path


# --- Bad input ---------------------------------------------------------------------------------


LESSON_A = "docs/01-pm-foundations/01-what-a-product-manager-does.md"
LESSON_B = "docs/02-vision-canvas-okrs/03-okrs.md"


def edit(project: Path, relative: str, old: str, new: str) -> None:
    path = project / relative
    text = path.read_text()
    assert old in text, f"{old!r} not in {relative}"
    path.write_text(text.replace(old, new, 1))


def failed_build(project: Path) -> str:
    result = run_build(project, project / "site")
    assert result.returncode != 0, result.output
    assert "Traceback" not in result.output, result.output
    return result.output


def test_a_term_defined_twice_with_different_text_fails_naming_both_files(project_copy: Path) -> None:
    edit(project_copy, LESSON_B, "## Key points", '## Key points\n\n!!! definition "Roadmap"\n    A list of dates.\n')
    output = failed_build(project_copy)
    assert re.search(rf"{LESSON_B}:\d+: 'Roadmap' is defined here and in {LESSON_A}:\d+ with different text", output), output


def test_an_alias_that_clashes_with_another_term_fails_naming_both_files(project_copy: Path) -> None:
    # An alias clashing with another alias is the same check (tests/unit/test_glossary.py covers both).
    edit(project_copy, LESSON_B, "    Also called: key performance indicator", "    Also called: key performance indicator, metric")
    output = failed_build(project_copy)
    assert re.search(rf"{LESSON_B}:\d+: the alias 'metric' of 'KPI' is already the term 'Metric' defined in {LESSON_A}:\d+", output), output


def test_a_definition_with_an_empty_body_fails_naming_its_file(project_copy: Path) -> None:
    edit(project_copy, LESSON_B, "## Key points", '## Key points\n\n!!! definition "Scorecard"\n\nText.\n')
    output = failed_build(project_copy)
    assert re.search(rf"{LESSON_B}:\d+: the definition of 'Scorecard' has an empty body", output), output


def test_a_hand_written_glossary_page_is_refused(project_copy: Path) -> None:
    (project_copy / "docs" / GLOSSARY).write_text("# Glossary\n")
    output = failed_build(project_copy)
    assert "docs/glossary.md: the glossary page is generated from the lessons' definitions" in output
