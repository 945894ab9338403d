"""What the learner-progress script needs to know about the course.

The script (docs/assets/javascripts/progress.js) keeps progress in the learner's browser.
It needs the course's shape (blocks, lessons, minutes) on every page, including pages that
do not list the lessons, and the ids of each lesson's quiz questions, because a lesson also
counts as done once mkdocs-quiz has recorded a right answer to every one of them.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from html import unescape
from typing import Any

from course.structure import Course

# Bump when the shape of the stored progress changes, so old data is never misread.
PROGRESS_VERSION = 1


def quiz_ids(html: str) -> tuple[str, ...]:
    """The ids of the mkdocs-quiz questions in a page's HTML (each ``<div class="quiz" id=...>``), in order."""
    # A scan of the <div> start tags rather than a full HTML parse: it runs on every page of
    # every build, and the plugin writes these tags itself, with double-quoted attributes.
    ids = []
    for tag in _DIV_TAG.finditer(html):
        classes, identifier = _CLASS.search(tag.group()), _ID.search(tag.group())
        if classes and identifier and "quiz" in classes.group(1).split():
            ids.append(unescape(identifier.group(1)))
    return tuple(ids)


_DIV_TAG = re.compile(r"<div\s[^>]*>")
_CLASS = re.compile(r'\sclass="([^"]*)"')
_ID = re.compile(r'\sid="([^"]*)"')


def course_map(course: Course, course_name: str, quizzes: Mapping[str, Sequence[str]]) -> dict[str, Any]:
    """The course as the progress script reads it; ``quizzes`` maps a lesson's src_path to its quiz ids."""
    return {
        "course": course_name,
        "version": PROGRESS_VERSION,
        "blocks": [
            {"url": block.url, "title": block.title, "lessons": [lesson.url for lesson in block.lessons]}
            for block in course.blocks
        ],
        "lessons": [
            {
                "url": lesson.url,
                "title": lesson.title,
                "duration": lesson.duration,
                "block": course.blocks.index(course.block_of(lesson)),
                "quizzes": list(quizzes.get(lesson.src_path, ())),
            }
            for lesson in course.lessons
        ],
    }


def course_map_script(data: Mapping[str, Any]) -> str:
    """The course map as a script that sets ``window.courseMap``.

    A script rather than a JSON file: the offline copy is opened from the file system, where
    browsers refuse to fetch() files but still run scripts (Material inlines its offline search
    index the same way).
    """
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    # "</" would end an inline script early if this were ever inlined; escaping it costs nothing.
    payload = payload.replace("</", "<\\/")
    return f"window.courseMap = {payload};\n"
