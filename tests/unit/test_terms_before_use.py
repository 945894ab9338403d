"""A lesson defines its terms before its teaching text uses them (course/rules/definitions.py,
`defined_before_use`), with "a use" being what the glossary's tooltips treat as one
(course/term_uses.py, the glossary's own TermMatcher)."""

from __future__ import annotations

import pytest

from course.rules.definitions import defined_before_use
from course.source import PageSource

DEFINITION = '!!! definition "Key performance indicator"\n    A number that shows how healthy a product is.\n\n    Also called: KPI\n'
QUIZ = '<quiz objectives="1">\nWhat is a KPI?\n- [x] A key performance indicator.\n- [ ] A plan.\n> No.\n\nBecause.\n</quiz>\n'


def lesson(before: str, opening: str = "An opening paragraph.", kind: str = "lesson") -> PageSource:
    """A lesson whose text ``before`` (from line 12) comes before its definition of "Key performance indicator"."""
    text = (
        "---\ntitle: KPIs and more\ndescription: One.\nobjectives:\n  - Explain what a KPI is.\n---\n\n"
        f"{opening}\n\n## A section\n\n{before}\n\n{DEFINITION}\nAfter it, every KPI is fine.\n\n## Check your understanding\n\n{QUIZ}"
    )
    return PageSource("01-b/01-a.md", text, kind)  # type: ignore[arg-type]


def problems(page: PageSource) -> list[str]:
    return [f"{problem.line}: {problem.problem}" for problem in defined_before_use(page)]


def test_a_use_before_the_definition_is_reported_with_both_lines_once_per_term() -> None:
    page = lesson("Teams track a KPI.\nAnd another KPI, and key performance indicators.")
    assert problems(page) == ["12: 'KPI' is used here, before the lesson defines 'Key performance indicator' at line 15"]


@pytest.mark.parametrize(
    "before",
    [
        "Teams track a kpi.",  # abbreviations match in capitals only, as tooltips do
        "### What a KPI is",  # headings
        "See [the KPI section](#a-section).",  # links
        "Write `KPI` in code.",
        "```text\nKPI\n```",
        '??? info "KPI in words"\n    The summary line of a collapsible box is not prose.',
        '!!! definition "Metric"\n    A measure, such as a KPI.',  # another definition
        "<!-- KPI -->",
        '<span class="kpi">Numbers</span>',
    ],
)
def test_what_gets_no_tooltip_is_no_use(before: str) -> None:
    assert problems(lesson(before)) == []


def test_the_opening_paragraph_may_name_the_term_but_not_the_text_after_it() -> None:
    assert problems(lesson("Plain words here.", opening="This lesson is about the KPI.\nIt goes on to a second line.")) == []
    assert problems(lesson("Plain words here.", opening="Opening.\n\nA second paragraph uses a KPI.")) == [
        "10: 'KPI' is used here, before the lesson defines 'Key performance indicator' at line 16"
    ]


def test_an_admonition_title_is_text_learners_read() -> None:
    assert problems(lesson('!!! example "A KPI at work"\n    A shop counts sales.')) == [
        "12: 'KPI' is used here, before the lesson defines 'Key performance indicator' at line 15"
    ]


def test_plurals_aliases_and_everyday_words_match_as_in_tooltips() -> None:
    assert problems(lesson("Several key performance indicators.")) == [
        "12: 'key performance indicators' is used here, before the lesson defines 'Key performance indicator' at line 14"
    ]
    everyday = lesson("Planning starts early.\n\n" + '!!! definition everyday-word "Planning"\n    A phase.\n\n    Also called: planning phase\n')
    assert problems(everyday) == []


def test_only_lessons_and_only_their_own_terms() -> None:
    assert problems(lesson("Teams track a KPI.", kind="page")) == []
    # A term defined in another lesson is that lesson's to define: using it here is what tooltips are for.
    assert problems(lesson("Teams write a roadmap.")) == []
