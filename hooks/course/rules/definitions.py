"""Definitions and aliases: each `!!! definition "Term"` has a title, a body of 1-3 sentences that
makes sense in a tooltip, a term in sentence case, and an 'Also called:' line that names something;
and a lesson defines each of its terms before its teaching text uses it.

Whether a term or alias is defined twice in the course is the glossary rules' (rules/glossary.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from course.definitions import ALIASES_PREFIX
from course.errors import Problem
from course.source import PageSource
from course.term_uses import uses_before_definition

MAX_DEFINITION_SENTENCES = 3

_ALIASES_LINE = re.compile(r"^\s*" + re.escape(ALIASES_PREFIX) + r"(?P<names>.*)$")
_SENTENCE_END = re.compile(r"[.!?](?=\s|$)")


def well_formed(page: PageSource) -> Iterable[Problem]:
    """A title in quotes, only known options, and a body indented under the opener."""
    return page.definition_problems


def sentence_case_terms(page: PageSource) -> Iterable[Problem]:
    for definition in page.definitions:
        if definition.term[:1].islower():
            yield Problem(
                page.src_path,
                f"the term '{definition.term}' starts with a small letter",
                "write the term in sentence case, e.g. \"Product manager\"",
                line=definition.line,
            )


def short_definitions(page: PageSource) -> Iterable[Problem]:
    for definition in page.definitions:
        sentences = len(_SENTENCE_END.findall(definition.text))
        if sentences > MAX_DEFINITION_SENTENCES:
            yield Problem(
                page.src_path,
                f"the definition of '{definition.term}' has {sentences} sentences; it is copied into the glossary and tooltips",
                f"keep it to 1-{MAX_DEFINITION_SENTENCES} sentences and move the rest into the lesson text",
                line=definition.line,
            )


def named_aliases(page: PageSource) -> Iterable[Problem]:
    for line in page.body:
        aliases = None if line.in_code else _ALIASES_LINE.match(line.text)
        if aliases and not [name for name in aliases.group("names").split(",") if name.strip()]:
            yield Problem(
                page.src_path,
                f"'{ALIASES_PREFIX}' names no other words for the term",
                f"list them after it, separated by commas (e.g. '{ALIASES_PREFIX} PM, product managers'), or remove the line",
                line=line.number,
            )


def defined_before_use(page: PageSource) -> Iterable[Problem]:
    """A lesson uses none of the terms (or aliases) it defines before its definition of it. What
    counts as a use is what gets a tooltip (course/term_uses.py): not the title, objectives and
    opening paragraph, headings, links, code, quizzes, collapsible titles or other definitions."""
    if page.kind != "lesson":
        return
    for use in uses_before_definition(page.body, page.quizzes, page.definitions):
        yield Problem(
            page.src_path,
            f"'{use.text}' is used here, before the lesson defines '{use.definition.term}' at line {use.definition.line}",
            "move the definition up to its first use, or say it in plain words until then",
            line=use.line,
        )
