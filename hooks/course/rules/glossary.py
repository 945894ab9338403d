"""The glossary: each term defined once in the course, each name (term or alias) given to one term,
and the glossary page itself left to the build, which generates it from the definitions."""

from __future__ import annotations

from collections.abc import Iterable

from course.errors import Problem
from course.glossary import GLOSSARY_PAGE, name_clashes
from course.reuse import call
from course.source import CourseSource


def one_definition_per_name(course: CourseSource) -> Iterable[Problem]:
    # In course order, as the glossary collects them: the later definition is the one reported.
    definitions = [definition for page in course.pages_in_course_order for definition in page.definitions]
    return [problem for _, problem in call(course.kept, "name_clashes", name_clashes, definitions, course.slugify)]


def generated_page_left_free(course: CourseSource) -> Iterable[Problem]:
    if GLOSSARY_PAGE in course.pages:
        yield Problem(
            GLOSSARY_PAGE,
            "the glossary page is generated from the lessons' definitions, so it cannot be a file",
            "delete docs/glossary.md and write the term as a '!!! definition' in the lesson that teaches it",
        )
