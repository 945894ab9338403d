"""The course reads its quizzes itself, with the line of every part, the way mkdocs-quiz will."""

from __future__ import annotations

from pathlib import Path
from textwrap import dedent

import pytest

from corpus_helpers import CORPUS
from course.quizzes import Answer, page_quizzes, read_quizzes, split_quiz_objectives
from course.text import source_lines
from site_helpers import PROJECT_DIR

QUIZ = """\
Intro.

<quiz objectives="1 2">
Which is right?
- [x] This one.
> Yes: it is.
- [ ] That one.
> No: it is not.
> Really not.
* [ ] Another one.
> No.

Because this one is.
</quiz>
"""


def test_every_part_of_a_quiz_has_its_line() -> None:
    [quiz] = page_quizzes(QUIZ).quizzes
    assert (quiz.line, quiz.objectives, quiz.objective_numbers) == (3, "1 2", ("1", "2"))
    assert (quiz.question, quiz.question_line) == ("Which is right?", 4)
    assert quiz.answers == (
        Answer(5, "x", "This one.", ("Yes: it is.",), 6),
        Answer(7, " ", "That one.", ("No: it is not.", "Really not."), 8),
        Answer(10, " ", "Another one.", ("No.",), 11),
    )
    assert (quiz.explanation, quiz.explanation_line, quiz.closing_line) == ("Because this one is.", 13, 14)
    assert quiz.renders


def test_examples_in_code_are_not_quizzes() -> None:
    found = page_quizzes("```markdown\n<quiz>\nQ?\n- [x] A\n</quiz>\n```\n\n`<quiz>` in prose.\n")
    assert found.quizzes == () and found.tags_in_inline_code == (8,) and found.renders


def test_an_indented_quiz_is_dedented_like_mkdocs_quiz_does() -> None:
    [quiz] = page_quizzes("=== \"Tab\"\n\n    <quiz>\n    Q?\n    - [x] A\n    - [ ] B\n    > No.\n\n    Why.\n    </quiz>\n").quizzes
    assert [answer.text for answer in quiz.answers] == ["A", "B"] and quiz.explanation == "Why."


def test_what_mkdocs_quiz_would_stop_on_or_print_as_text() -> None:
    cases = {
        "<quiz>\nQ?\n- [ ] A\n> No.\n</quiz>\n": "no right answer",
        "<quiz>\n- [x] A\n</quiz>\n": "no question",
        "<quiz>\nQ?\n- [x] A\n- [ ] B\n\n> No.\n- [ ] C\n> No.\n</quiz>\n": "feedback cut off, with answers after it",
        "<quiz>\nQ?\n- [y] A\n</quiz>\n": "a bad mark",
        "<quiz>\nQ?\n- [x] A\n": "never closed",
        '<quiz objective="1">\nQ?\n- [x] A\n</quiz>\n': "an unknown attribute",
        "Text with </quiz> in it.\n": "a tag inside text",
    }
    for text, why in cases.items():
        assert not page_quizzes(text).renders, why


def test_the_objectives_attribute_is_taken_out_for_mkdocs_quiz() -> None:
    markdown, declared = split_quiz_objectives(QUIZ + '\n<quiz>\nQ?\n- [x] A\n</quiz>\n\n```\n<quiz objectives="9">\n```\n')
    assert declared == ["1 2", None]
    assert '<quiz objectives="1 2">' not in markdown and '<quiz objectives="9">' in markdown


def pages_with_quizzes() -> list[Path]:
    pages = sorted((PROJECT_DIR / "docs").rglob("*.md")) + sorted(CORPUS.glob("*quiz*.md")) + [CORPUS / "good-lesson.md"]
    return [page for page in pages if "<quiz" in page.read_text(errors="replace")]


@pytest.mark.parametrize("path", pages_with_quizzes(), ids=lambda path: path.name)
def test_the_course_reads_each_quiz_as_mkdocs_quiz_does(path: Path) -> None:
    """Question, answers, marks and feedback agree with mkdocs-quiz's own reading (the pinned
    version), and a quiz the plugin would stop on is one the course does not let it render."""
    from mkdocs_quiz.plugin import MkDocsQuizPlugin  # only here: the course logic never imports the plugin

    plugin = MkDocsQuizPlugin()
    markdown, _ = split_quiz_objectives(path.read_text())
    for quiz in read_quizzes(source_lines(markdown, diagrams_are_code=True)).quizzes:
        if not quiz.closed or quiz.unknown_attributes:
            continue  # mkdocs-quiz never sees these as quizzes (the course rules report them)
        inner = "\n".join(markdown.split("\n")[quiz.line - 1 : quiz.closing_line]).split("<quiz>", 1)[1].rsplit("</quiz>", 1)[0]
        quiz_lines = dedent(inner).splitlines()
        while quiz_lines and quiz_lines[0] == "":
            quiz_lines.pop(0)
        while quiz_lines and quiz_lines[-1] == "":
            quiz_lines.pop()
        try:
            question, answers, correct, feedback, _ = plugin._parse_quiz_question_and_answers(quiz_lines)
        except ValueError:
            assert not quiz.renders, f"mkdocs-quiz stops on the quiz at line {quiz.line}"
            continue
        assert question == quiz.question
        assert answers == [answer.text for answer in quiz.answers]
        assert correct == [answer.text for answer in quiz.answers if answer.correct]
        assert feedback == ["\n".join(answer.feedback) for answer in quiz.answers]
        assert quiz.renders == bool(question and answers and correct), f"the quiz at line {quiz.line}"
