"""The rules on what quizzes assess (course/rules/assessment.py and the objectives attribute in
course/rules/quizzes.py): every objective checked, no right answer given away by its length,
no wrong answers given away by absolutes. Each rule function over pages built here."""

from __future__ import annotations

import pytest

from course.rules.assessment import absolutes_only_in_wrong_answers, every_objective_checked, right_answer_not_longest
from course.rules.quizzes import declared_objectives
from course.source import PageSource


def quiz(objectives: str | None = "1", right: str = "Right.", wrong: tuple[str, ...] = ("Wrong.", "Also wrong."), question: str = "Which?") -> str:
    tag = "<quiz>" if objectives is None else f'<quiz objectives="{objectives}">'
    answers = f"- [x] {right}\n" + "".join(f"- [ ] {answer}\n> Why not.\n" for answer in wrong)
    return f"{tag}\n{question}\n{answers}\nBecause.\n</quiz>\n"


def lesson(*quizzes: str, objectives: tuple[str, ...] = ("Describe a thing.",), kind: str = "lesson") -> PageSource:
    items = "".join(f"  - {objective}\n" for objective in objectives)
    text = f"---\ntitle: A lesson\ndescription: One.\nobjectives:\n{items}---\n\nOpening.\n\n## Check your understanding\n\n"
    return PageSource("01-b/01-a.md", text + "\n".join(quizzes), kind)  # type: ignore[arg-type]


def messages(problems) -> list[str]:  # type: ignore[no-untyped-def]
    return [f"{problem.line}: {problem.problem}" for problem in problems]


# --- Objectives ------------------------------------------------------------------------------------


def test_a_lesson_quiz_must_name_its_objectives() -> None:
    page = lesson(quiz("1"), quiz(None), objectives=("Describe a thing.", "Explain another."))
    [problem] = declared_objectives(page)
    assert problem.line == 24 and "does not say which of the lesson's objectives it checks" in problem.problem
    assert 'open it with <quiz objectives="N">, N being the number (1 to 2)' in problem.fix


def test_quizzes_outside_lessons_need_no_objectives() -> None:
    assert list(declared_objectives(lesson(quiz(None), kind="page"))) == []


def test_every_objective_must_be_checked_by_a_question_named_with_its_text_and_line() -> None:
    page = lesson(quiz("1"), quiz("1 3"), objectives=("Describe a thing.", "Explain  another\n    one.", "Compare them."))
    assert messages(every_objective_checked(page)) == [
        "6: objective 2 of the lesson 'A lesson' (\"Explain another one.\") is checked by no quiz question"
    ]
    assert list(every_objective_checked(lesson(quiz("2 1"), quiz("3"), objectives=("A.", "B.", "C.")))) == []


def test_coverage_waits_until_every_question_names_its_objectives() -> None:
    # The missing attribute is reported first (declared_objectives), not the objectives it may check.
    page = lesson(quiz("1"), quiz(None), objectives=("A.", "B."))
    assert list(every_objective_checked(page)) == [] and len(list(declared_objectives(page))) == 1


def test_objectives_written_as_a_flow_list_are_reported_at_their_key() -> None:
    text = "---\ntitle: A lesson\ndescription: One.\nobjectives: [A., B.]\n---\n\n" + quiz("1")
    [problem] = every_objective_checked(PageSource("01-b/01-a.md", text, "lesson"))
    assert problem.line == 4 and '("B.")' in problem.problem


# --- The right answer is not the longest in most questions ------------------------------------------

LONG = "Right, with a longer sentence."


def test_the_right_answer_may_be_the_longest_in_half_the_questions() -> None:
    page = lesson(quiz(right=LONG), quiz(right=LONG), quiz(), quiz())
    assert list(right_answer_not_longest(page)) == []


def test_more_than_half_fails_naming_every_such_question() -> None:
    page = lesson(quiz(right=LONG), quiz(), quiz(right=LONG))
    [problem] = right_answer_not_longest(page)
    assert problem.problem == (
        "the right answer is the longest option in 2 of 3 questions (lines 13, 35), so learners can pick it by its length"
    )
    assert problem.line == 13 and "at most 1" in problem.fix


def test_length_is_what_learners_read_and_a_tie_gives_nothing_away() -> None:
    # Markdown marks and link targets are not read; a wrong answer as long as the right one is a tie.
    marked = quiz(right="**Right** [here](https://example.org/a-long-address)", wrong=("Wrong here.", "No."))
    tie = quiz(right="Right one.", wrong=("Wrong one.", "No."))
    assert list(right_answer_not_longest(lesson(marked, tie, tie))) == []


# --- Absolutes -------------------------------------------------------------------------------------


@pytest.mark.parametrize("word", ["all", "Always", "NEVER", "every", "only", "none"])
def test_absolutes_in_wrong_answers_alone_fail_at_the_question(word: str) -> None:
    [problem] = absolutes_only_in_wrong_answers(lesson(quiz(wrong=(f"It is {word} so.", "No."))))
    assert problem.line == 13
    assert problem.problem.startswith(f"only the wrong answers use absolutes ('{word.lower()}' at line 15)")


@pytest.mark.parametrize(
    "wrong",
    [
        ("Overall, everyone knows.", "Nonetheless, it is finally done."),  # not whole words
        ("Use `all` here.", "No."),  # code is not prose
    ],
)
def test_words_that_only_contain_an_absolute_pass(wrong: tuple[str, ...]) -> None:
    assert list(absolutes_only_in_wrong_answers(lesson(quiz(wrong=wrong)))) == []


def test_absolutes_in_the_right_answer_too_or_in_the_question_pass() -> None:
    both = quiz(right="Always ask first.", wrong=("Never ask.", "Ask later."))
    question = quiz(question="Which is always true?")
    assert list(absolutes_only_in_wrong_answers(lesson(both, question))) == []


def test_each_question_is_reported_with_every_absolute_it_uses() -> None:
    page = lesson(quiz(), quiz(wrong=("All of it.", "None, ever.")))
    [problem] = absolutes_only_in_wrong_answers(page)
    assert problem.line == 24 and "('all' at line 26, 'none' at line 28)" in problem.problem


def test_broken_quizzes_are_left_to_the_quiz_rules() -> None:
    unclosed = '<quiz objectives="1">\nWhich?\n- [x] Right, and the longest.\n- [ ] Never.\n> No.\n'
    assert list(absolutes_only_in_wrong_answers(lesson(unclosed))) == []
    assert list(right_answer_not_longest(lesson(unclosed))) == []


def test_the_text_of_objectives_keeps_its_words() -> None:
    page = lesson(quiz("1"), objectives=("Describe a thing.", 'Explain "quoted" words.'))
    [problem] = every_objective_checked(page)
    assert '("Explain "quoted" words.")' in problem.problem
