"""The course rules, one module per subject. `course/check.py` lists them and runs them all.

A rule is a plain function that returns the problems it finds (an empty list when there are
none), each a `CourseError` (alias `Problem`) with the file, the line, what is wrong and how to
fix it:

- a page rule reads one page:          def rule(page: PageSource) -> Iterable[Problem]
- a course rule reads the whole course: def rule(course: CourseSource) -> Iterable[Problem]

A page rule depends on its page's text alone (so its results could be cached per page); a rule
that compares pages (titles used twice, links to other pages, the glossary) is a course rule.
Rules read the parsed page (`page.lines`, `page.body`, `page.front_matter`, `page.headings`,
`page.quizzes`, `page.definitions`), never parse it themselves, and never raise for a mistake.

To add a rule: write the function in the module of its subject (or a new module here), then add
it to PAGE_RULES or COURSE_RULES in course/check.py. The build (hooks/course_hook.py) and
`make lint` (tools/lint_lessons.py) both run `check_course`, so the rule applies to both at once;
add a bad example to tests/lint_corpus/ and a line to the rules table in docs/contribute.md.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from course.errors import Problem
from course.source import CourseSource, PageSource

PageRule = Callable[[PageSource], Iterable[Problem]]
CourseRule = Callable[[CourseSource], Iterable[Problem]]

__all__ = ["CourseRule", "CourseSource", "PageRule", "PageSource", "Problem"]
