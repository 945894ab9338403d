"""Parsing `definition` admonitions, the single source of the glossary."""

from __future__ import annotations

import pytest

from course import CourseError
from course.definitions import find_definitions

LESSON = """\
## Roles

Some text.

!!! definition "Product manager"
    The person who decides what a product should do and why.

    Also called: PM, product managers

```markdown
!!! definition
    An example in a code block is not a definition.
```

## Work

??? definition "Roadmap"
    A plan of what the team will build, in what order.
"""


def test_finds_terms_text_aliases_lines_and_sections() -> None:
    product_manager, roadmap = find_definitions("01-f/01-a.md", LESSON, first_line=6)
    assert product_manager.term == "Product manager"
    assert product_manager.text == "The person who decides what a product should do and why."
    assert product_manager.aliases == ("PM", "product managers")
    assert product_manager.line == 10
    assert product_manager.section == "Roles"
    assert roadmap.term == "Roadmap" and roadmap.section == "Work" and roadmap.aliases == ()


def test_definition_without_title_fails_with_its_line() -> None:
    with pytest.raises(CourseError) as caught:
        find_definitions("01-f/01-a.md", "Text.\n\n!!! definition\n    Body.\n")
    assert caught.value.line == 3
    assert str(caught.value).startswith("docs/01-f/01-a.md:3: a 'definition' admonition has no title")


def test_definition_with_empty_title_fails() -> None:
    with pytest.raises(CourseError, match="has no title"):
        find_definitions("a.md", '!!! definition ""\n    Body.\n')


def test_definition_with_empty_body_fails() -> None:
    with pytest.raises(CourseError, match="'Agile' has an empty body"):
        find_definitions("a.md", '!!! definition "Agile"\n\nNext paragraph.\n')


def test_everyday_word_option() -> None:
    planning, agile = find_definitions(
        "a.md", '!!! definition everyday-word "Planning"\n    A phase.\n\n    Also called: planning phase\n\n!!! definition "Agile"\n    A way.\n'
    )
    assert planning.term == "Planning" and planning.everyday_word and planning.aliases == ("planning phase",)
    assert not agile.everyday_word


def test_unknown_option_fails() -> None:
    with pytest.raises(CourseError, match=r"a\.md:1: the definition of 'Planning' has an unknown option 'everyday'"):
        find_definitions("a.md", '!!! definition everyday "Planning"\n    A phase.\n')
