"""Course logic: order, learning blocks, successors, durations, definitions, and the course rules
(``course.check.check_course`` runs every rule of ``course/rules/``).

Plain Python on purpose: nothing here imports MkDocs, Material or a plugin (a unit test checks),
so the rules are unit-tested directly, `make lint` runs them without a build, and they would
survive a change of site generator. The MkDocs event functions in ``hooks/*_hook.py`` translate
MkDocs objects into these types and back.
"""

from course.errors import CourseError, Problem
from course.frontmatter import FrontMatter, read_front_matter
from course.structure import (
    Course,
    LearningBlock,
    Lesson,
    NavPage,
    NavSection,
    NextStep,
    build_course,
    format_minutes,
)

__all__ = [
    "Course",
    "CourseError",
    "FrontMatter",
    "LearningBlock",
    "Lesson",
    "NavPage",
    "NavSection",
    "NextStep",
    "Problem",
    "build_course",
    "format_minutes",
    "read_front_matter",
]
