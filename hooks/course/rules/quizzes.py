"""Quizzes: each one closed, with a question, 3-4 answers, a right one, feedback on every wrong one
and an explanation; at least three under '## Check your understanding'; and nothing mkdocs-quiz
would stop on or publish as plain text (see course/quizzes.py for how quizzes are read)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from course.errors import Problem
from course.quizzes import Quiz
from course.rules.sections import MIN_QUIZZES, QUIZ_SECTION
from course.source import PageSource

ANSWERS_PER_QUIZ = (3, 4)
_FEEDBACK = re.compile(r"^\s*>")


def quiz_tags(page: PageSource) -> Iterable[Problem]:
    """Every <quiz> closed, every </quiz> closing one, and no quiz tag inside a line of text."""
    found = page.quizzes
    for quiz in found.quizzes:
        if not quiz.closed:
            yield Problem(
                page.src_path, "this <quiz> is never closed", "end the quiz with a line holding only </quiz>", line=quiz.line,
            )
        if quiz.unknown_attributes:
            yield Problem(
                page.src_path,
                f"the <quiz> tag has an unknown attribute ({quiz.unknown_attributes}), so mkdocs-quiz would show its answers as text",
                'write <quiz objectives="1 3">, with the numbers of the front matter objectives the question checks',
                line=quiz.line,
            )
    for line in found.stray_closings:
        yield Problem(page.src_path, "this </quiz> closes no quiz", "remove it, or add the <quiz> line that starts the quiz", line=line)
    for line in found.inline_tags:
        yield Problem(
            page.src_path,
            "a quiz tag inside a line of text: mkdocs-quiz reads <quiz> and </quiz> wherever they are",
            "put <quiz> and </quiz> on lines of their own; to show the tag as an example, put it in a fenced code block",
            line=line,
        )
    if found.quizzes:
        for line in found.tags_in_inline_code:
            yield Problem(
                page.src_path,
                "a quiz tag in `code` on a page with quizzes: mkdocs-quiz reads it as a real tag",
                "show the tag in a fenced code block instead, or write 'quiz block' without the angle brackets",
                line=line,
            )
    for line in found.old_syntax:
        yield Problem(
            page.src_path, "'<?quiz?>' is mkdocs-quiz's old syntax, which it refuses", "write the quiz between <quiz> and </quiz> lines", line=line,
        )


def quiz_structure(page: PageSource) -> Iterable[Problem]:
    for quiz in page.quizzes.quizzes:
        if quiz.closed and not quiz.unknown_attributes and not quiz.fill_in_blank:
            yield from _quiz_problems(page.src_path, quiz)


def _quiz_problems(src_path: str, quiz: Quiz) -> Iterable[Problem]:
    answers = quiz.answers
    for line in quiz.almost_answers:
        yield Problem(
            src_path,
            "this line looks like an answer, but mkdocs-quiz would read it as text",
            "write each answer as '- [x] text' (right) or '- [ ] text' (wrong): a dash, a space, the brackets, a space",
            line=line,
        )
    if not answers:
        if not quiz.almost_answers:
            yield Problem(
                src_path,
                "this quiz has no answers",
                "list 3-4 answers under the question: '- [x] ...' for the right one, '- [ ] ...' for the others",
                line=quiz.line,
            )
        return
    first = answers[0].line
    if not quiz.question.strip():
        yield Problem(src_path, "this quiz has no question", "write the question on the line after <quiz>, above the answers", line=first)
    for line in quiz.bad_marks:
        mark = next(answer.mark for answer in answers if answer.line == line)
        yield Problem(src_path, f"'[{mark}]' is not an answer mark", "use '- [x]' for a right answer and '- [ ]' for a wrong one", line=line)
    for answer in answers:
        if not answer.correct and answer.line not in quiz.bad_marks and not answer.feedback:
            yield Problem(
                src_path,
                f"the wrong answer '{answer.text.strip()}' has no feedback",
                "add a '> ' line directly under it (no blank line) that says why it is not right",
                line=answer.line,
            )
    for line in quiz.detached_feedback:
        yield Problem(src_path, "this feedback line is separated from its answer by a blank line", "remove the blank line above it", line=line)
    if not any(answer.correct for answer in answers):
        yield Problem(src_path, "no answer of this quiz is marked right", "mark the right answer with '- [x]'", line=first)
    if not ANSWERS_PER_QUIZ[0] <= len(answers) <= ANSWERS_PER_QUIZ[1]:
        yield Problem(
            src_path,
            f"this quiz has {len(answers)} answer(s)",
            f"give {ANSWERS_PER_QUIZ[0]} or {ANSWERS_PER_QUIZ[1]} answers: the right one and plausible wrong ones",
            line=first,
        )
    if not any(line.strip() and not _FEEDBACK.match(line) for line in quiz.explanation.split("\n")):
        yield Problem(
            src_path,
            "this quiz has no explanation after its answers",
            "leave a blank line after the answers and write 1-3 sentences that explain the right answer",
            line=quiz.closing_line,
        )


def quiz_count(page: PageSource) -> Iterable[Problem]:
    if page.kind != "lesson":
        return
    section = next((heading for heading in page.headings if heading.level == 2 and heading.text == QUIZ_SECTION), None)
    if section is None:
        return  # the sections rule reports the missing section
    count = sum(1 for quiz in page.quizzes.quizzes if quiz.closed and quiz.line > section.line)
    if count < MIN_QUIZZES:
        yield Problem(
            page.src_path,
            f"'## {QUIZ_SECTION}' has {count} quiz question(s)",
            f"write at least {MIN_QUIZZES} <quiz> blocks under it",
            line=section.line,
        )


def declared_objectives(page: PageSource) -> Iterable[Problem]:
    """Every lesson quiz opens with `<quiz objectives="1 3">`, naming objectives the lesson has."""
    objectives = page.front_matter.data.get("objectives")
    if page.kind != "lesson" or not isinstance(objectives, list) or not objectives:
        return
    count = len(objectives)
    numbers = "1" if count == 1 else f"1 to {count}"
    for quiz in page.quizzes.quizzes:
        if quiz.unknown_attributes or not quiz.closed:
            continue  # quiz_tags reports it
        if quiz.objectives is None:
            yield Problem(
                page.src_path,
                "this quiz question does not say which of the lesson's objectives it checks",
                f'open it with <quiz objectives="N">, N being the number ({numbers}) of the front matter objective it checks;'
                " several numbers are separated by spaces",
                line=quiz.line,
            )
            continue
        wrong = [number for number in quiz.objective_numbers if not number.isdigit() or not 1 <= int(number) <= count]
        if wrong or not quiz.objective_numbers:
            yield Problem(
                page.src_path,
                f"objectives=\"{quiz.objectives}\" names no objective of this lesson, which has {count}",
                f"list the numbers ({numbers}) of the front matter objectives the question checks, separated by spaces",
                line=quiz.line,
            )
