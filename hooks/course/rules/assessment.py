"""What the quizzes assess, and whether they give their answers away: every objective of a lesson is
checked by a question; the right answer is not the longest option in most questions; wrong
answers are not the only ones that use absolutes ("always", "never"...), which learners learn to
rule out without knowing the subject. mkdocs-quiz shuffles the answers on each load
(`shuffle_answers` in mkdocs.yml), so their order gives nothing away.

The quizzes are read by course/quizzes.py; quizzes that the rules in rules/quizzes.py find
broken (not closed, an unknown attribute, fill-in-the-blank) are left to them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from course.errors import Problem
from course.quizzes import Answer, Quiz
from course.source import PageSource
from course.text import blank_inline_code, plain_text

ABSOLUTES = ("all", "always", "never", "every", "only", "none")
_ABSOLUTE = re.compile(r"\b(?:" + "|".join(ABSOLUTES) + r")\b", re.IGNORECASE)
_LIST_ITEM = re.compile(r"^(?P<indent>[ \t]*)- ")


def every_objective_checked(page: PageSource) -> Iterable[Problem]:
    """Each front matter objective of a lesson is named by at least one `<quiz objectives="...">`."""
    objectives = page.front_matter.data.get("objectives")
    if page.kind != "lesson" or not isinstance(objectives, list) or not objectives:
        return
    quizzes = _scored(page)
    if not quizzes or any(quiz.objectives is None for quiz in quizzes):
        return  # rules/quizzes.py asks for the missing attributes first
    checked = {number for quiz in quizzes for number in quiz.objective_numbers}
    lines = _objective_lines(page, len(objectives))
    title = page.title or page.src_path
    for number, objective in enumerate(objectives, 1):
        if str(number) not in checked:
            yield Problem(
                page.src_path,
                f"objective {number} of the lesson '{title}' (\"{' '.join(str(objective).split())}\") is checked by no quiz question",
                f'write a question that checks it and open it with <quiz objectives="{number}">,'
                f" or add {number} to the objectives of a question that already does",
                line=lines[number - 1],
            )


def right_answer_not_longest(page: PageSource) -> Iterable[Problem]:
    """In at most half of a page's questions is the right answer the longest option."""
    questions = [quiz for quiz in _scored(page) if len(quiz.answers) > 1]
    giveaways = [quiz for quiz in questions if _longest_is_right(quiz.answers)]
    if 2 * len(giveaways) <= len(questions):
        return
    lines = ", ".join(str(_question_line(quiz)) for quiz in giveaways)
    yield Problem(
        page.src_path,
        f"the right answer is the longest option in {len(giveaways)} of {len(questions)} questions (lines {lines}),"
        " so learners can pick it by its length",
        f"make it the longest in at most {len(questions) // 2}: shorten the right answer, or give a wrong one as much detail",
        line=_question_line(giveaways[0]),
    )


def absolutes_only_in_wrong_answers(page: PageSource) -> Iterable[Problem]:
    """No question uses absolutes (all, always, never, every, only, none) in its wrong answers alone."""
    for quiz in _scored(page):
        if any(_absolutes(answer) for answer in quiz.answers if answer.correct):
            continue
        found = [(word, answer.line) for answer in quiz.answers if not answer.correct for word in _absolutes(answer)]
        if found:
            where = ", ".join(f"'{word}' at line {line}" for word, line in found)
            yield Problem(
                page.src_path,
                f"only the wrong answers use absolutes ({where}), so learners can rule them out without knowing the answer",
                f"say what is wrong with them without {', '.join(ABSOLUTES[:-1])} or {ABSOLUTES[-1]}",
                line=_question_line(quiz),
            )


def _scored(page: PageSource) -> list[Quiz]:
    """The page's multiple-choice questions that mkdocs-quiz renders."""
    return [quiz for quiz in page.quizzes.quizzes if quiz.renders and not quiz.fill_in_blank]


def _length(answer: Answer) -> int:
    return len(plain_text(answer.text))


def _longest_is_right(answers: tuple[Answer, ...]) -> bool:
    """Whether one option is longer than every other, and it is a right one."""
    longest = max(_length(answer) for answer in answers)
    at_longest = [answer for answer in answers if _length(answer) == longest]
    return len(at_longest) == 1 and at_longest[0].correct


def _absolutes(answer: Answer) -> list[str]:
    return [match.group().lower() for match in _ABSOLUTE.finditer(plain_text(blank_inline_code(answer.text)))]


def _question_line(quiz: Quiz) -> int:
    return quiz.question_line or quiz.line


def _objective_lines(page: PageSource, count: int) -> list[int]:
    """The line of each front matter objective: its '- ' item, or the 'objectives:' line itself."""
    key_line = page.front_matter.line_of("objectives") or 1
    items: list[int] = []
    indent: str | None = None
    for line in page.lines[key_line:page.front_matter.end_line]:
        item = _LIST_ITEM.match(line.text)
        if item and indent in (None, item.group("indent")):
            indent = item.group("indent")
            items.append(line.number)
        elif line.text.strip() and not line.text.startswith((" ", "\t", "-")):
            break  # the next key
    return items if len(items) == count else [key_line] * count
