"""The glossary in the built site: the generated page, its backlinks, search, and the tooltips in lessons."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup, Tag

from course.definitions import Definition, find_definitions
from site_helpers import PROJECT_DIR, html_path, page_url, run_build

GLOSSARY = "glossary.md"
GLOSSARY_URL = page_url(GLOSSARY)
# Where a tooltip must never be: headings, links, code, controls, and the course's own boxes.
EXCLUDED_TAGS = ["h1", "h2", "h3", "h4", "h5", "h6", "a", "code", "pre", "summary", "button", "label"]
EXCLUDED_CLASSES = ["definition", "quiz", "lesson-objectives", "next-block"]


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


def source_definitions(nav_blocks, project: Path = PROJECT_DIR) -> list[Definition]:
    """Every definition of the course as its lessons write it, in course order."""
    return [
        definition
        for src in course_pages(nav_blocks)
        for definition in find_definitions(src, (project / "docs" / src).read_text())
    ]


def block_of(nav_blocks, src: str) -> int:
    return next(index for index, block in enumerate(nav_blocks) if src in (block.index, *block.lessons))


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
    for anchor, entry in entries.items():
        assert anchor == re.sub(r"[^\w\s-]", "", text_of(entry.h3)).strip().lower().replace(" ", "-")


def test_aliases_are_listed(entries, nav_blocks) -> None:
    with_aliases = [definition for definition in source_definitions(nav_blocks) if definition.aliases]
    assert with_aliases, "no definition of the course has aliases"
    for definition in with_aliases:
        assert f"Also called: {', '.join(definition.aliases)}" in text_of(entry_for(entries, definition.term)), definition.term


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


def test_also_used_in_names_every_other_page_where_the_term_has_a_tooltip(built_site: Path, nav_blocks, entries) -> None:
    pages = course_pages(nav_blocks)
    tooltip_pages = {
        anchor: {page_url(src) for src in pages if soup(html_path(built_site, src)).select_one(f'article a.glossary-term[href$="#{anchor}"]')}
        for anchor in entries
    }
    across_blocks = 0
    for anchor, entry in entries.items():
        sources = entry.select("p.glossary-entry__source")
        defined_in = resolve(GLOSSARY_URL, sources[0].a["href"])[0]
        listed = {resolve(GLOSSARY_URL, link["href"])[0] for used in sources[1:] for link in used.select("a")}
        more = re.search(r"and (\d+) more pages?\.", text_of(entry))
        if more:  # a long list stops at a few pages and counts the rest
            assert len(tooltip_pages[anchor]) <= len(listed) + int(more[1]), anchor
        else:
            assert tooltip_pages[anchor] <= listed, (anchor, tooltip_pages[anchor] - listed)
        defining_block = block_of(nav_blocks, next(src for src in pages if page_url(src) == defined_in))
        across_blocks += any(block_of(nav_blocks, src) != defining_block for src in pages if page_url(src) in listed)
    if len(nav_blocks) > 1:
        assert across_blocks, "no term is used in another block than the one that defines it"


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


def test_terms_from_other_lessons_get_tooltips(tooltips, definitions, entries, nav_blocks) -> None:
    defined_on = {entry_for(entries, text_of(admonition.select_one(".admonition-title"))).h3["id"]: src for src, admonition in definitions}
    from_elsewhere = [
        (defined_on[term["href"].split("#")[1]], src) for src, terms in tooltips.items() for term in terms
    ]
    assert all(defining != src for defining, src in from_elsewhere)
    # Used in another lesson of the same block, and in a later block.
    assert any(block_of(nav_blocks, defining) == block_of(nav_blocks, src) for defining, src in from_elsewhere)
    if len(nav_blocks) > 1:
        assert any(block_of(nav_blocks, defining) < block_of(nav_blocks, src) for defining, src in from_elsewhere)


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


def test_everyday_words_get_tooltips_only_through_their_aliases(tooltips, nav_blocks) -> None:
    # `!!! definition everyday-word "Planning"`: "roadmap planning sessions" is not the planning phase.
    everyday = {
        re.sub(r"[^\w\s-]", "", definition.term).strip().lower().replace(" ", "-"): definition
        for definition in source_definitions(nav_blocks)
        if definition.everyday_word
    }
    for src, terms in tooltips.items():
        for term in terms:
            definition = everyday.get(term["href"].split("#")[1])
            if definition is not None:
                aliases = [alias.lower() for alias in definition.aliases]
                used = text_of(term).lower()
                assert used in aliases or used.removesuffix("s") in aliases, (src, text_of(term))


def test_pages_outside_the_learning_blocks_have_no_tooltips(built_site: Path, nav_blocks) -> None:
    course = {html_path(built_site, src) for src in course_pages(nav_blocks)}
    for path in built_site.rglob("*.html"):
        if path not in course and path.parent.name != "print":
            assert soup(path).select_one("article a.glossary-term") is None, path


# --- Bad input ---------------------------------------------------------------------------------
# Built on whatever the course defines: the first term of the course, and a lesson after it.

KEY_POINTS = "\n## Key points\n"


@pytest.fixture(scope="module")
def first_definition(nav_blocks) -> Definition:
    definitions = source_definitions(nav_blocks)
    assert definitions, "the course defines no terms"
    return definitions[0]


@pytest.fixture(scope="module")
def later_lesson(nav_blocks, first_definition: Definition) -> str:
    """The course's last lesson, which comes after the lesson of the first definition."""
    last = [lesson for block in nav_blocks for lesson in block.lessons][-1]
    assert last != first_definition.src_path, "the course needs a lesson after the one that defines its first term"
    return last


def edit(project: Path, relative: str, old: str, new: str) -> None:
    path = project / relative
    text = path.read_text()
    assert old in text, f"{old!r} not in {relative}"
    path.write_text(text.replace(old, new, 1))


def add_alias(text: str, definition: Definition, alias: str) -> str:
    """``text`` with ``alias`` added to the aliases of ``definition`` (which ``text`` holds)."""
    lines = text.split("\n")
    opener = definition.line - 1
    indent = " " * (len(lines[opener]) - len(lines[opener].lstrip()) + 4)
    end = opener + 1
    while end < len(lines) and (not lines[end].strip() or lines[end].startswith(indent)):
        end += 1
    while not lines[end - 1].strip():
        end -= 1
    if definition.aliases:
        assert lines[end - 1].strip().startswith("Also called:"), lines[end - 1]
        lines[end - 1] += f", {alias}"
    else:
        lines[end:end] = ["", f"{indent}Also called: {alias}"]
    return "\n".join(lines)


def failed_build(project: Path) -> str:
    result = run_build(project, project / "site")
    assert result.returncode != 0, result.output
    assert "Traceback" not in result.output, result.output
    return result.output


def test_a_term_defined_twice_with_different_text_fails_naming_both_files(
    project_copy: Path, first_definition: Definition, later_lesson: str
) -> None:
    term, lesson = first_definition.term, f"docs/{later_lesson}"
    edit(project_copy, lesson, KEY_POINTS, f'\n!!! definition "{term}"\n    A different text for this test.\n{KEY_POINTS}')
    output = failed_build(project_copy)
    defined = re.escape(f"docs/{first_definition.src_path}")
    assert re.search(rf"{lesson}:\d+: '{re.escape(term)}' is defined here and in {defined}:\d+ with different text", output), output


def test_an_alias_that_clashes_with_another_term_fails_naming_both_files(
    project_copy: Path, nav_blocks, first_definition: Definition
) -> None:
    # An alias clashing with another alias is the same check (tests/unit/test_glossary_logic.py covers both).
    later = [d for d in source_definitions(nav_blocks) if d.src_path != first_definition.src_path]
    assert later, "the course needs terms defined in two lessons"
    other = later[-1]
    path = project_copy / "docs" / other.src_path
    path.write_text(add_alias(path.read_text(), other, first_definition.term))
    output = failed_build(project_copy)
    assert re.search(
        rf"docs/{re.escape(other.src_path)}:\d+: the alias '{re.escape(first_definition.term)}' of '{re.escape(other.term)}' "
        rf"is already the term '{re.escape(first_definition.term)}' defined in docs/{re.escape(first_definition.src_path)}:\d+",
        output,
    ), output


def test_a_definition_with_an_empty_body_fails_naming_its_file(project_copy: Path, later_lesson: str) -> None:
    lesson = f"docs/{later_lesson}"
    edit(project_copy, lesson, KEY_POINTS, f'\n!!! definition "Scorecard for this test"\n\nText.\n{KEY_POINTS}')
    output = failed_build(project_copy)
    assert re.search(rf"{lesson}:\d+: the definition of 'Scorecard for this test' has an empty body", output), output


def test_a_hand_written_glossary_page_is_refused(project_copy: Path) -> None:
    (project_copy / "docs" / GLOSSARY).write_text("# Glossary\n")
    output = failed_build(project_copy)
    assert "docs/glossary.md: the glossary page is generated from the lessons' definitions" in output
