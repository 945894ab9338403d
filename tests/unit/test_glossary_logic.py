"""The glossary logic: collecting definitions, matching terms, choosing tooltips, refusing clashes."""

from __future__ import annotations

import html
from functools import partial

import pytest
from markdown import markdown
from markdown.extensions.toc import slugify

from course import CourseError
from course.source import PageSource
from course.glossary import (
    USED_IN_LIMIT,
    Entry,
    Glossary,
    SourcePage,
    add_tooltips,
    collect_glossary,
    first_sentence,
    name_clashes,
    plural,
    prose_of_markdown,
)

SLUGIFY = partial(slugify, separator="-")

ROLES = """\
---
title: Roles
---

Intro about products.

## Who does what

!!! definition "Product manager"
    The person responsible for a product's direction and success. They decide what gets built.

    Also called: PM

!!! definition "Program management"
    The discipline of coordinating the dependencies between projects.

## Who does what

!!! definition "Program"
    A group of related projects managed together.

!!! definition "Key activity"
    One of the most important things a business must do well.

!!! definition everyday-word "Planning"
    The project phase in which the team works out the plan.

    Also called: planning phase
"""

PHASES = """\
---
title: Phases
---

## Work

!!! definition "Business model canvas"
    A one-page template that describes a business model.

A product manager plans the roadmap. `program management` in code does not count.
Roadmap planning sessions are not the planning phase.
"""

OTHER = """\
---
title: Other lesson
---

Some program managers meet PMs at 3 pm. See [the canvas](02-b.md) and the
[business model canvas](https://example.org/program-management).

```text
Planning phase
```
"""


def page(src_path: str, text: str, course_page: bool = True) -> SourcePage:
    return SourcePage(src_path, text, course_page)


def glossary(*pages: SourcePage) -> Glossary:
    return collect_glossary(list(pages), SLUGIFY)


def checked_glossary(*pages: SourcePage) -> Glossary:
    """The glossary as the build makes it, after the course rules: the first problem the glossary
    rules find (in course order) is raised; `collect_glossary` itself never fails."""
    definitions = []
    for source in pages:
        parsed = PageSource(source.src_path, source.text)
        if parsed.front_matter_problem is not None:
            raise parsed.front_matter_problem
        if parsed.definition_problems:
            raise parsed.definition_problems[0]
        definitions += parsed.definitions
    clashes = name_clashes(definitions, SLUGIFY)
    if clashes:
        raise clashes[0][1]
    return glossary(*pages)


@pytest.fixture
def course() -> Glossary:
    return glossary(page("01-a/01-roles.md", ROLES), page("01-a/02-phases.md", PHASES), page("01-a/03-other.md", OTHER))


def entry(glossary: Glossary, slug: str) -> Entry:
    return next(entry for entry in glossary.entries if entry.slug == slug)


def found(glossary: Glossary, text: str) -> list[tuple[str, str]]:
    return [(match.text, match.entry.slug) for match in glossary.matcher.find(text)]


# --- Collection --------------------------------------------------------------------------------


def test_entries_are_alphabetical_and_grouped_by_letter(course: Glossary) -> None:
    assert [entry.term for entry in course.entries] == [
        "Business model canvas", "Key activity", "Planning", "Product manager", "Program", "Program management",
    ]
    assert [(group.label, group.anchor, len(group.entries)) for group in course.groups] == [
        ("B", "letter-b", 1), ("K", "letter-k", 1), ("P", "letter-p", 4),
    ]


def test_terms_outside_a_to_z_get_their_own_group() -> None:
    result = glossary(page("a.md", '!!! definition "360-degree review"\n    Feedback from all sides.\n\n!!! definition "Élan"\n    Energy.\n'))
    assert [(group.label, group.anchor) for group in result.groups] == [("#", "letter-other"), ("E", "letter-e")]


def test_an_entry_knows_its_lesson_section_anchor_slug_and_short_definition(course: Glossary) -> None:
    manager = entry(course, "product-manager")
    assert manager.term == "Product manager" and manager.aliases == ("PM",)
    assert manager.defined_in.title == "Roles" and manager.defined_in.src_path == "01-a/01-roles.md"
    assert manager.section == "Who does what" and manager.section_anchor == "who-does-what"
    assert manager.short == "The person responsible for a product's direction and success."
    assert manager.line == 9


def test_section_anchors_follow_the_toc_extension_for_repeated_headings(course: Glossary) -> None:
    # The second "## Who does what" gets the id the toc extension gives it: who-does-what_1.
    program = entry(course, "program")
    rendered = markdown(ROLES.split("---\n", 2)[2], extensions=["toc", "admonition"])
    assert program.section_anchor == "who-does-what_1" and 'id="who-does-what_1"' in rendered


def test_a_heading_with_an_explicit_id_and_inline_marks() -> None:
    text = '## The *Agile* `manifesto` { #manifesto }\n\n!!! definition "Agile"\n    A way of working.\n\n## Why *B2B* & [B2C](x.md) differ\n\n!!! definition "B2B"\n    Selling to businesses.\n'
    result = glossary(page("a.md", text))
    assert entry(result, "agile").section_anchor == "manifesto"
    assert entry(result, "b2b").section_anchor == "why-b2b-b2c-differ"


def test_a_definition_before_any_heading_has_no_section() -> None:
    result = glossary(page("a.md", '!!! definition "Agile"\n    A way of working.\n'))
    assert entry(result, "agile").section is None and entry(result, "agile").section_anchor is None


def test_the_title_comes_from_the_front_matter_or_else_the_nav() -> None:
    result = collect_glossary([SourcePage("a.md", '!!! definition "Agile"\n    A way.\n', True, nav_title="From nav")], SLUGIFY)
    assert result.entries[0].defined_in.title == "From nav"


# --- "Also used in" ----------------------------------------------------------------------------


def test_used_in_lists_other_course_pages_in_order_not_the_defining_one(course: Glossary) -> None:
    assert [ref.title for ref in entry(course, "product-manager").used_in] == ["Phases", "Other lesson"]
    # A link's text is a use of the term.
    assert [ref.title for ref in entry(course, "business-model-canvas").used_in] == ["Other lesson"]


def test_code_link_targets_and_pages_outside_the_course_do_not_count(course: Glossary) -> None:
    # "program management" appears only in inline code and in a link target.
    assert entry(course, "program-management").used_in == ()
    home = page("index.md", "---\ntitle: Home\n---\nEvery product manager.\n", course_page=False)
    result = glossary(page("01-a/01-roles.md", ROLES), home)
    assert entry(result, "product-manager").used_in == ()


def test_an_everyday_word_counts_only_through_its_aliases(course: Glossary) -> None:
    # PHASES says "planning sessions" and "the planning phase"; only the alias counts, and only once.
    assert [ref.title for ref in entry(course, "planning").used_in] == ["Phases"]
    assert found(course, "Roadmap planning sessions") == []
    assert found(course, "during the planning phase") == [("planning phase", "planning")]


def test_used_in_is_capped_and_counts_the_rest() -> None:
    lessons = [page(f"01-a/{number:02d}.md", f"---\ntitle: Lesson {number}\n---\nA product manager.\n") for number in range(1, USED_IN_LIMIT + 4)]
    result = glossary(page("01-a/00.md", ROLES), *lessons)
    manager = entry(result, "product-manager")
    assert len(manager.used_in) == USED_IN_LIMIT and manager.more_used_in == 3
    assert manager.used_in[0].title == "Lesson 1"


def test_prose_of_markdown_drops_code_tags_and_targets() -> None:
    prose = prose_of_markdown(
        'Text <span class="roadmap">kept</span> `code` [link text](roadmap.md) {: #roadmap }\n\n```\nroadmap\n```\n'
        "[ref]: https://example.org/roadmap\nThe prose goes on.\n"
    )
    assert "kept" in prose and "link text" in prose and "The prose goes on." in prose
    assert "roadmap" not in prose and "code" not in prose


# --- Matching ----------------------------------------------------------------------------------


def test_matching_ignores_case_and_finds_plurals_and_multi_word_terms(course: Glossary) -> None:
    assert found(course, "PRODUCT MANAGERS and Key Activities") == [
        ("PRODUCT MANAGERS", "product-manager"), ("Key Activities", "key-activity"),
    ]
    assert found(course, "two business model canvases") == [("business model canvases", "business-model-canvas")]


def test_multi_word_terms_match_across_line_breaks_but_not_across_punctuation(course: Glossary) -> None:
    assert found(course, "the program\n  management office") == [("program\n  management", "program-management")]
    assert found(course, "a program, management") == [("program", "program")]


def test_the_longest_term_wins(course: Glossary) -> None:
    assert found(course, "program management") == [("program management", "program-management")]
    assert found(course, "a program") == [("program", "program")]


def test_whole_words_only(course: Glossary) -> None:
    assert found(course, "programmers, reprogram, program-wide, programs") == [("programs", "program")]


def test_abbreviations_match_only_in_capitals(course: Glossary) -> None:
    assert found(course, "Ask the PM, two PMs, or the PM's team at 3 pm") == [
        ("PM", "product-manager"), ("PMs", "product-manager"), ("PM", "product-manager"),
    ]


def test_a_term_wins_over_another_terms_automatic_plural() -> None:
    text = '!!! definition "Program"\n    A group of projects.\n\n!!! definition "Programs"\n    A television schedule.\n'
    result = glossary(page("a.md", text))
    assert found(result, "programs") == [("programs", "programs")]


@pytest.mark.parametrize(
    ("name", "expected"),
    [("roadmap", "roadmaps"), ("key activity", "key activities"), ("business model canvas", "business model canvases"),
     ("KPI", "KPIs"), ("Committed OKR", "Committed OKRs"), ("day", "days"), ("match", "matches")],
)
def test_plural(name: str, expected: str) -> None:
    assert plural(name) == expected


# --- Tooltips ----------------------------------------------------------------------------------


def render(entry: Entry, text: str) -> str:
    return f'<a class="glossary-term" href="#{entry.slug}" title="{html.escape(entry.short)}">{text}</a>'


def tooltips(course: Glossary, body: str, src_path: str = "01-a/03-other.md") -> str:
    return add_tooltips(body, course, src_path, render)


def test_the_first_use_of_each_term_per_page_gets_a_tooltip(course: Glossary) -> None:
    result = tooltips(course, "<p>A product manager and a PM.</p><p>Another product manager. <em>Program</em> and program.</p>")
    assert result == (
        '<p>A <a class="glossary-term" href="#product-manager" title="The person responsible for a product&#x27;s '
        "direction and success.\">product manager</a> and a PM.</p><p>Another product manager. "
        '<em><a class="glossary-term" href="#program" title="A group of related projects managed together.">Program</a></em> and program.</p>'
    )


def test_no_tooltip_for_a_term_on_the_page_that_defines_it(course: Glossary) -> None:
    assert "glossary-term" not in tooltips(course, "<p>A product manager.</p>", src_path="01-a/01-roles.md")
    assert "glossary-term" in tooltips(course, "<p>A business model canvas.</p>", src_path="01-a/01-roles.md")


def test_no_tooltips_on_pages_outside_the_course() -> None:
    home = page("index.md", "Home.", course_page=False)
    result = glossary(page("01-a/01-roles.md", ROLES), home)
    assert add_tooltips("<p>A product manager.</p>", result, "index.md", render) == "<p>A product manager.</p>"


@pytest.mark.parametrize(
    "html_text",
    [
        "<h2 id='x'>The product manager</h2>",
        "<h3>A <em>product manager</em></h3>",
        "<p><a href='x'>product manager</a></p>",
        "<p><code>product manager</code></p>",
        "<pre><code>product manager\n</code></pre>",
        '<div class="admonition definition"><p class="admonition-title">Roadmap</p><p>Set by the product manager.</p></div>',
        '<details class="definition"><summary>Roadmap</summary><p>Set by the product manager.</p></details>',
        '<div class="quiz"><label>The product manager</label><section class="content"><p>product manager</p></section></div>',
        "<details><summary>The product manager</summary></details>",
        "<button>product manager</button>",
        "<script>var s = '<p>product manager</p>';</script>",
        "<!-- product manager -->",
        '<p><img alt="product manager" src="x.png"></p>',
        '<p title="product manager">text</p>',
    ],
)
def test_no_tooltips_in_headings_links_code_definitions_quizzes_controls_or_markup(course: Glossary, html_text: str) -> None:
    assert tooltips(course, html_text) == html_text


def test_skipped_elements_end_where_they_close(course: Glossary) -> None:
    result = tooltips(course, "<h2>product manager</h2><p>Line<br>the product manager<img src='x'/> again</p>")
    assert result.count("glossary-term") == 1 and result.startswith("<h2>product manager</h2><p>Line<br>the <a")


def test_a_use_skipped_in_a_heading_leaves_the_first_prose_use_for_the_tooltip(course: Glossary) -> None:
    result = tooltips(course, "<h2>Program management</h2><p>Program management matters.</p>")
    assert result.count("glossary-term") == 1 and "<p><a class" in result


def test_everyday_words_get_tooltips_only_through_aliases(course: Glossary) -> None:
    result = tooltips(course, "<p>Roadmap planning sessions.</p><p>During the planning phase.</p>")
    assert result.count("glossary-term") == 1 and ">planning phase</a>" in result


def test_entities_and_text_outside_elements_are_kept(course: Glossary) -> None:
    result = tooltips(course, "Before &amp; the PM &lt;here&gt;")
    assert result.startswith("Before &amp; the <a") and result.endswith(">PM</a> &lt;here&gt;")


# --- Clashes and bad input ---------------------------------------------------------------------


def test_the_same_term_with_different_text_fails_naming_both_files() -> None:
    again = '---\ntitle: Again\n---\n\n!!! definition "product manager"\n    Someone else entirely.\n'
    with pytest.raises(CourseError) as caught:
        checked_glossary(page("01-a/01-roles.md", ROLES), page("02-b/01-again.md", again))
    message = str(caught.value)
    assert message.startswith("docs/02-b/01-again.md:5: 'product manager' is defined here and in docs/01-a/01-roles.md:9")
    assert "different text" in message


def test_the_same_term_with_the_same_text_is_one_entry() -> None:
    again = '!!! definition "Program"\n    A group of related projects\n    managed together.\n'
    result = glossary(page("01-a/01-roles.md", ROLES), page("02-b/01-again.md", again))
    assert [entry.term for entry in result.entries].count("Program") == 1
    assert entry(result, "program").defined_in.src_path == "01-a/01-roles.md"
    assert "glossary-term" not in add_tooltips("<p>program</p>", result, "02-b/01-again.md", render)
    # The course rules still ask for one definition per term (the build fails on the repeat).
    with pytest.raises(CourseError, match=r"^docs/02-b/01-again\.md:1: 'Program' is already defined in docs/01-a/01-roles\.md:\d+"):
        checked_glossary(page("01-a/01-roles.md", ROLES), page("02-b/01-again.md", again))


def test_an_alias_that_is_another_term_fails_naming_both_files() -> None:
    other = '!!! definition "Project manager"\n    Leads a project.\n\n    Also called: pm\n'
    with pytest.raises(CourseError) as caught:
        checked_glossary(page("01-a/01-roles.md", ROLES), page("02-b/01-other.md", other))
    assert str(caught.value).startswith(
        "docs/02-b/01-other.md:1: the alias 'pm' of 'Project manager' is already an alias of 'Product manager' defined in docs/01-a/01-roles.md:9"
    )


def test_a_term_that_is_another_terms_alias_fails_naming_both_files() -> None:
    with pytest.raises(CourseError, match=r"docs/b\.md:1: the term 'PM' is already an alias of 'Product manager' defined in docs/01-a/01-roles\.md:9"):
        checked_glossary(page("01-a/01-roles.md", ROLES), page("b.md", '!!! definition "PM"\n    Afternoon.\n'))


def test_an_alias_that_is_an_earlier_term_fails() -> None:
    with pytest.raises(CourseError, match=r"the alias 'program' of 'Scheme' is already the term 'Program' defined in docs/01-a/01-roles\.md"):
        checked_glossary(page("01-a/01-roles.md", ROLES), page("b.md", '!!! definition "Scheme"\n    A plan.\n\n    Also called: program\n'))


def test_two_terms_with_the_same_anchor_fail() -> None:
    with pytest.raises(CourseError, match=r"the term 'Key-activity' gets the same anchor \(#key-activity\) as 'Key activity'"):
        checked_glossary(page("01-a/01-roles.md", ROLES), page("b.md", '!!! definition "Key-activity"\n    Another.\n'))


def test_an_alias_that_repeats_its_own_term_is_harmless() -> None:
    result = checked_glossary(page("a.md", '!!! definition "Agile"\n    A way.\n\n    Also called: agile, Agile\n'))
    assert entry(result, "agile").aliases == ("agile", "Agile")


def test_a_definition_with_an_empty_body_fails_with_its_file_and_line() -> None:
    with pytest.raises(CourseError, match=r"^docs/b\.md:5: the definition of 'Agile' has an empty body"):
        checked_glossary(page("01-a/01-roles.md", ROLES), page("b.md", '---\ntitle: B\n---\n\n!!! definition "Agile"\n\nText.\n'))


# --- Short definitions -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("One sentence only.", "One sentence only."),
        ("First one. Second one.", "First one."),
        ("Set out in the *Manifesto*, e.g. by Kent Beck. Then more.", "Set out in the Manifesto, e.g. by Kent Beck."),
        ("Described by Winston W. Royce in 1970. More.", "Described by Winston W. Royce in 1970."),
        ("Scores 0.6 to 0.7 on a `key result`. More.", "Scores 0.6 to 0.7 on a key result."),
        ("See [the lesson](a.md) for\nmore. Next.", "See the lesson for more."),
    ],
)
def test_first_sentence(text: str, expected: str) -> None:
    assert first_sentence(text) == expected


def test_broken_front_matter_fails_with_the_front_matter_error() -> None:
    with pytest.raises(CourseError, match=r"^docs/a\.md:\d+: front matter is not valid YAML"):
        checked_glossary(page("a.md", "---\ntitle: [unclosed\n---\n\nText.\n"))


def test_collecting_never_fails_on_a_mistake_the_rules_report() -> None:
    again = '!!! definition "product manager"\n    Someone else entirely.\n\n!!! definition\n    No title.\n'
    result = glossary(page("01-a/01-roles.md", ROLES), page("b.md", "---\ntitle: [unclosed\n---\n"), page("c.md", again))
    assert entry(result, "product-manager").text.startswith("The person responsible")  # the first definition wins


def test_windows_line_endings_and_a_byte_order_mark() -> None:
    result = glossary(page("a.md", '\ufeff---\r\ntitle: Roles\r\n---\r\n\r\n## Work\r\n\r\n!!! definition "Agile"\r\n    A way.\r\n'))
    agile = entry(result, "agile")
    assert (agile.defined_in.title, agile.line, agile.section_anchor) == ("Roles", 7, "work")
