"""The course map for the progress script, quiz ids, and page HTML made fit for the print view."""

from __future__ import annotations

import html as html_module
import json
import re
from collections import Counter

from course import build_course
from course.printing import printable
from course.progress import PROGRESS_VERSION, course_map, course_map_script, quiz_ids
from test_course_structure import two_block_nav

QUIZ_PAGE = """
<h2 id="check">Check</h2>
<div class="quiz" data-auto-submit="true" id="quiz-0">
  <a href="#quiz-0" class="quiz-header-link">#</a>
  <div class="quiz-question" id="quiz-0-question"><p>Why?</p></div>
  <form><fieldset aria-labelledby="quiz-0-question"><div><input type="radio" name="answer" id="quiz-0-0" data-correct="true"><label for="quiz-0-0">Because &amp; so</label></div></fieldset></form>
</div>
<!-- mkdocs-quiz-source
- [x] Because
-->
<div class="quiz" id="quiz-1"><div class="quiz-question" id="quiz-1-question"><p>How?</p></div></div>
<div class="quiz-results" id="results"></div>
<div id="quiz-progress-sidebar" aria-label="Quiz Progress"><ul><li><div>Answered: <span>0</span></div></li></ul></div>
<nav id="quiz-progress-mobile"><div><a href="#" class="quiz-reset-all-link">Reset</a></div></nav>
<style type="text/css">.quiz { border: 1px solid black; }</style>
<script type="text/javascript">window.mkdocsQuizConfig = {a: "</div>"};</script>
<p>After&nbsp;the quiz <img src="x.png" alt="x"><br/></p>
"""


def test_quiz_ids_are_the_quiz_blocks_in_page_order() -> None:
    assert quiz_ids(QUIZ_PAGE) == ("quiz-0", "quiz-1")
    assert quiz_ids("<p>No quiz here.</p>") == ()


def test_course_map_lists_blocks_and_lessons_in_course_order_with_minutes_and_quizzes() -> None:
    course = build_course(two_block_nav())
    data = course_map(course, "The Course", {"01-f/02-b.md": ("quiz-0", "quiz-1")})
    assert data["course"] == "The Course" and data["version"] == PROGRESS_VERSION
    assert [block["title"] for block in data["blocks"]] == ["Foundations", "Vision"]
    assert data["blocks"][0]["lessons"] == ["01-f/01-a/", "01-f/02-b/"]
    assert [(lesson["title"], lesson["duration"], lesson["block"]) for lesson in data["lessons"]] == [
        ("Lesson A", 10, 0), ("Lesson B", 15, 0), ("Lesson C", 20, 1),
    ]
    assert [lesson["quizzes"] for lesson in data["lessons"]] == [[], ["quiz-0", "quiz-1"], []]


def test_course_map_script_sets_a_global_that_cannot_end_an_inline_script() -> None:
    script = course_map_script({"course": "A </script> course", "lessons": []})
    assert script.startswith("window.courseMap = ") and script.endswith(";\n")
    assert "</script>" not in script
    payload = script.removeprefix("window.courseMap = ").removesuffix(";\n")
    assert json.loads(payload) == {"course": "A </script> course", "lessons": []}


def test_printable_drops_scripts_styles_quiz_widgets_and_source_comments() -> None:
    html = printable(QUIZ_PAGE, "lesson-")
    for gone in ("<script", "<style", "mkdocsQuizConfig", "quiz-progress-sidebar", "quiz-progress-mobile",
                 "quiz-header-link", "mkdocs-quiz-source", "Quiz Progress"):
        assert gone not in html
    assert "Why?" in html and "How?" in html and "After&nbsp;the quiz" in html and "Because &amp; so" in html
    assert '<img src="x.png" alt="x">' in html and "<br/>" in html


def test_printable_prefixes_ids_the_print_plugin_leaves_alone_and_the_aria_references_to_them() -> None:
    html = printable(QUIZ_PAGE, "lesson-")
    assert 'id="lesson-quiz-0"' in html and 'id="lesson-quiz-0-question"' in html
    assert 'aria-labelledby="lesson-quiz-0-question"' in html
    # Headings, list items and inputs get their prefix from mkdocs-print-site-plugin itself.
    assert 'id="check"' in html and 'id="quiz-0-0"' in html and 'for="quiz-0-0"' in html


def test_printed_pages_with_the_same_ids_no_longer_clash() -> None:
    joined = printable(QUIZ_PAGE, "one-") + printable(QUIZ_PAGE, "two-")
    ids = Counter(re.findall(r'<(?!h\d|input|li)\w+[^>]*\sid="([^"]+)"', joined))
    assert ids and max(ids.values()) == 1


def test_printable_html_is_ascii_with_the_same_text_for_a_browser() -> None:
    # One character beyond Latin-1 makes Python store a string at two bytes a character; the print
    # view's assembly copies the whole course several times, so each share is kept as ASCII.
    page = '<h2 id="why">Why — and “how”</h2><p title="café ✓">Ship it · now</p>'
    html = printable(page, "lesson-")
    assert html.isascii()
    assert html_module.unescape(html) == page
