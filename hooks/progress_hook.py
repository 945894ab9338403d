"""MkDocs events for learner progress: the course map that docs/assets/javascripts/progress.js reads.

Thin on purpose: the map is made by course.progress from the course model that
hooks/course_hook.py builds and puts in every page's context.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from course import Course
from course.preview import INPUTS
from course.progress import course_map, course_map_script, quiz_ids
from course.reuse import call

COURSE_MAP_TARGET = Path("assets/javascripts/course-map.js")

_course: Course | None = None
# Each lesson's quiz ids, from its last rendering: the incremental preview (hooks/preview_hook.py)
# renders only the pages a save reaches, and the map must still list every lesson's quizzes.
_quizzes: dict[str, tuple[str, ...]] = {}
_project: str | None = None


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _project
    project = os.path.abspath(config.config_file_path)  # given as typed, or in full
    if project != _project:  # the same process may build another project
        _project = project
        _quizzes.clear()
    return config


def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation) -> dict[str, Any]:
    global _course
    # hooks/course_hook.py (registered first) has put the course and this page's lesson here.
    _course = context["course"]
    lesson = context.get("lesson")
    if lesson is not None:
        _quizzes[lesson.src_path] = quiz_ids(page.content or "")
    return context


def on_post_build(config: MkDocsConfig) -> None:
    assert _course is not None  # every build renders at least the home page
    # The preview writes the map it made last when the course and the quizzes are unchanged (course/reuse.py).
    script = call(
        INPUTS.last_calls("course map"),
        "script",
        lambda course, name, quizzes: course_map_script(course_map(course, name, quizzes)),
        _course, config.site_name, dict(_quizzes),
    )
    target = Path(config.site_dir) / COURSE_MAP_TARGET
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(script, encoding="utf-8")
