"""The course's quiz syntax, read by the course itself: every part of each quiz with its line.

Lessons write quizzes in mkdocs-quiz's syntax, plus one attribute of the course's own:

    <quiz objectives="1 3">        opening tag; which front-matter objectives it checks (in lessons)
    The question?                  everything up to the first answer
    - [x] A right answer.          '- [x]' right, '- [ ]' wrong ('*' bullets too)
    > Feedback for it.             '>' lines directly under an answer
    - [ ] A wrong answer.
    > Why it is wrong.

    An explanation.                everything after the answers
    </quiz>

mkdocs-quiz turns quizzes into HTML only at the end of a page's rendering, and a mistake there is
a Python traceback with a wrong line, or no error at all (an unclosed <quiz> publishes its
answers as text). So the course reads quizzes here first, the same way mkdocs-quiz will (its
answer, feedback and dedent rules are mirrored below), and the course rules
(course/rules/quizzes.py) report each mistake with its line before the plugin sees the page.
Nothing here imports the plugin, so the course logic stays free of the site generator.

mkdocs-quiz only knows a bare `<quiz>`, so `split_quiz_objectives` takes the `objectives`
attribute out before the plugin reads the page; hooks/quiz_hook.py puts it back on the rendered
question as `data-objectives`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cached_property

from course.text import SourceLine, blank_inline_code, source_lines

# `<quiz>` or `<quiz objectives="...">` at the start of a line, as the course writes it.
QUIZ_OPENING = re.compile(r'^(?P<indent>[ \t]*)<quiz(?:\s+objectives="(?P<objectives>[^"]*)")?\s*>')
# Any opening tag at the start of a line, with whatever attributes: to name unknown ones.
_ANY_OPENING = re.compile(r"^(?P<indent>[ \t]*)<quiz(?P<attributes>(?:\s[^>]*)?)>(?P<rest>.*)$")
_CLOSING = re.compile(r"^(?P<before>.*?)</quiz>[ \t]*$")
_TAG = re.compile(r"</?quiz\b[^>]*>")
_OLD_SYNTAX = re.compile(r"<\?/?quiz\?>")

# mkdocs-quiz's own patterns (mkdocs_quiz.parsing, version pinned in requirements.txt): an answer
# is exactly '- [m] text' or '* [m] text', feedback is a '>' line.
_ANSWER = re.compile(r"^[-*] \[(?P<mark>.?)\] (?P<text>.*)$")
_FEEDBACK = re.compile(r"^\s*>\s?(?P<text>.*)$")
_FILL_IN_BLANK = re.compile(r"\[\[([^\]]+)\]\]")
# What a contributor means as an answer but mkdocs-quiz would read as text: '-[x]', '- [x]text',
# '+ [ ]', '- [ ]' with nothing after it, '1. [x]'.
_ALMOST_AN_ANSWER = re.compile(r"^(?:[-*+]|\d+[.)])[ \t]*\[[^\]]{0,3}\]")
ANSWER_MARKS = ("x", "X", " ", "")


@dataclass(frozen=True)
class Answer:
    line: int
    mark: str  # what stands between the brackets
    text: str
    feedback: tuple[str, ...] = ()  # the '>' lines under it, without the '>'
    feedback_line: int | None = None  # the first of them

    @property
    def correct(self) -> bool:
        return self.mark in ("x", "X")


@dataclass(frozen=True)
class Quiz:
    line: int  # the opening tag's line
    objectives: str | None = None  # the `objectives` attribute's text, when there is one
    unknown_attributes: str = ""  # anything else written inside the opening tag
    question: str = ""
    question_line: int | None = None
    answers: tuple[Answer, ...] = ()
    explanation: str = ""
    explanation_line: int | None = None
    closing_line: int | None = None  # None: never closed
    # Lines mkdocs-quiz would not read as intended: feedback cut off from its answer by a blank
    # line, and lines that look like answers but are not written as '- [x] text'.
    detached_feedback: tuple[int, ...] = ()
    answers_after_detached_feedback: bool = False  # mkdocs-quiz stops with an error then
    almost_answers: tuple[int, ...] = ()
    bad_marks: tuple[int, ...] = ()
    fill_in_blank: bool = False

    @property
    def closed(self) -> bool:
        return self.closing_line is not None

    @property
    def objective_numbers(self) -> tuple[str, ...]:
        return tuple((self.objectives or "").split())

    @property
    def renders(self) -> bool:
        """Whether mkdocs-quiz turns this quiz into a question without raising an error."""
        if not self.closed or self.unknown_attributes:
            return False
        if self.fill_in_blank:
            return True
        return bool(
            self.question.strip() and self.answers and any(answer.correct for answer in self.answers)
            and not self.bad_marks and not self.answers_after_detached_feedback
        )


@dataclass(frozen=True)
class PageQuizzes:
    """Every quiz of a page, and the quiz tags that belong to none."""

    quizzes: tuple[Quiz, ...] = ()
    stray_closings: tuple[int, ...] = ()  # a </quiz> line that closes no quiz
    inline_tags: tuple[int, ...] = ()  # a quiz tag inside a line of text (mkdocs-quiz matches those too)
    tags_in_inline_code: tuple[int, ...] = ()  # `<quiz>` in a code span: mkdocs-quiz reads those as quizzes too
    old_syntax: tuple[int, ...] = ()  # `<?quiz?>`, which mkdocs-quiz refuses

    @cached_property
    def renders(self) -> bool:
        """Whether mkdocs-quiz can render the whole page: every quiz renders and no tag is astray."""
        in_code = self.tags_in_inline_code if self.quizzes else ()  # harmless where the plugin is off
        return all(quiz.renders for quiz in self.quizzes) and not (
            self.stray_closings or self.inline_tags or in_code or self.old_syntax
        )


def split_quiz_objectives(markdown: str) -> tuple[str, list[str | None]]:
    """``markdown`` with every `<quiz objectives="...">` written as `<quiz>`, and each quiz's
    declared objectives (the attribute's text, or None when it has none), in page order.
    Quiz tags inside fenced code blocks are examples and stay as they are."""
    lines = markdown.split("\n")
    declared: list[str | None] = []
    for line in source_lines(markdown, diagrams_are_code=True):
        match = None if line.in_code else QUIZ_OPENING.match(line.text)
        if match:
            declared.append(match.group("objectives"))
            index = line.number - 1
            lines[index] = match.group("indent") + "<quiz>" + line.text[match.end():]
    return "\n".join(lines), declared


def read_quizzes(lines: list[SourceLine]) -> PageQuizzes:
    """Every quiz in ``lines`` (a page's source lines, code fences marked), with its parts' lines."""
    quizzes: list[Quiz] = []
    stray_closings: list[int] = []
    inline_tags: list[int] = []
    in_code_spans: list[int] = []
    old_syntax: list[int] = []
    opening: tuple[SourceLine, re.Match[str]] | None = None
    content: list[tuple[int, str]] = []
    for line in lines:
        if line.in_code:
            if opening is not None:
                content.append((line.number, line.text))  # a code example inside the quiz
            continue
        if "quiz" not in line.text:  # no quiz tag of any kind: most lines, skipped quickly
            if opening is not None:
                content.append((line.number, line.text))
            continue
        if _OLD_SYNTAX.search(line.text):
            old_syntax.append(line.number)
        opener = _ANY_OPENING.match(line.text)
        closer = _CLOSING.match(line.text) if opener is None else None
        structural = 0
        if opener is not None:
            structural = 1
            if opening is not None:
                quizzes.append(_quiz(*opening, content, closing_line=None))
            opening, content = (line, opener), []
            rest = opener.group("rest")
            closer = _CLOSING.match(rest)
            if closer is not None:  # a whole quiz on one line
                structural = 2
                content.append((line.number, closer.group("before")))
                quizzes.append(_quiz(*opening, content, closing_line=line.number))
                opening, content = None, []
            elif rest.strip():
                content.append((line.number, rest))
        elif closer is not None and "<quiz" not in closer.group("before"):
            structural = 1
            if opening is None:
                stray_closings.append(line.number)
            else:
                if closer.group("before").strip():
                    content.append((line.number, closer.group("before")))
                quizzes.append(_quiz(*opening, content, closing_line=line.number))
                opening, content = None, []
        elif opening is not None:
            content.append((line.number, line.text))
        # Any further tag on the line is inside text, where mkdocs-quiz would still find it.
        outside_code = blank_inline_code(line.text)
        tags = len(_TAG.findall(line.text))
        if len(_TAG.findall(outside_code)) > structural:
            inline_tags.append(line.number)
        elif tags > len(_TAG.findall(outside_code)):
            in_code_spans.append(line.number)
    if opening is not None:
        quizzes.append(_quiz(*opening, content, closing_line=None))
    return PageQuizzes(tuple(quizzes), tuple(stray_closings), tuple(inline_tags), tuple(in_code_spans), tuple(old_syntax))


def _quiz(line: SourceLine, opener: re.Match[str], content: list[tuple[int, str]], closing_line: int | None) -> Quiz:
    attributes = opener.group("attributes")
    known = QUIZ_OPENING.match(f"<quiz{attributes}>")
    objectives = known.group("objectives") if known else None
    unknown = "" if known else attributes.strip()
    if closing_line is None:
        return Quiz(line.number, objectives, unknown)
    return _parse_content(Quiz(line.number, objectives, unknown, closing_line=closing_line), content)


def _dedent(content: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """textwrap.dedent, line by line (mkdocs-quiz dedents a quiz's content before reading it)."""
    indents = [len(text) - len(text.lstrip(" \t")) for _, text in content if text.strip()]
    cut = min(indents, default=0)
    prefixes = {text[:cut] for _, text in content if text.strip()}
    if len(prefixes) > 1:  # mixed tabs and spaces: dedent keeps what is not common
        cut = 0
    return [(number, text[cut:] if text.strip() else "") for number, text in content]


def _parse_content(quiz: Quiz, content: list[tuple[int, str]]) -> Quiz:
    """Question, answers, feedback and explanation, read as mkdocs-quiz reads them."""
    lines = _dedent(content)
    while lines and not lines[0][1]:
        lines.pop(0)
    while lines and not lines[-1][1]:
        lines.pop()
    if _FILL_IN_BLANK.search("\n".join(text for _, text in lines)):
        question_line = lines[0][0] if lines else None
        return replace(quiz, question="\n".join(text for _, text in lines), question_line=question_line, fill_in_blank=True)
    first = next((index for index, (_, text) in enumerate(lines) if _ANSWER.match(text)), len(lines))
    question = "\n".join(text for _, text in lines[:first]).strip()
    question_line = next((number for number, text in lines[:first] if text.strip()), None)
    answers: list[Answer] = []
    detached: list[int] = []
    after_detached = False
    bad_marks: list[int] = []
    index = first
    explanation_start = first
    while index < len(lines):
        number, text = lines[index]
        answer = _ANSWER.match(text)
        if answer:
            if answer.group("mark") not in ANSWER_MARKS:
                bad_marks.append(number)
            index += 1
            feedback_start = index
            feedback = []
            while index < len(lines) and (quote := _FEEDBACK.match(lines[index][1])):
                feedback.append(quote.group("text"))
                index += 1
            feedback_line = lines[feedback_start][0] if feedback else None
            answers.append(Answer(number, answer.group("mark"), answer.group("text"), tuple(feedback), feedback_line))
            explanation_start = index
            continue
        if not text.strip():
            index += 1
            continue
        if _FEEDBACK.match(text):
            detached.append(number)
            if any(_ANSWER.match(later) for _, later in lines[index + 1:]):
                after_detached = True  # mkdocs-quiz raises "Orphaned feedback line"
                index += 1
                continue
        break
    explanation_lines = lines[explanation_start:]
    explanation = "\n".join(text for _, text in explanation_lines).strip()
    explanation_line = next((number for number, text in explanation_lines if text.strip()), None)
    almost = [number for number, text in lines if not _ANSWER.match(text) and _ALMOST_AN_ANSWER.match(text.lstrip())]
    return replace(
        quiz,
        question=question,
        question_line=question_line,
        answers=tuple(answers),
        explanation=explanation,
        explanation_line=explanation_line,
        detached_feedback=tuple(detached),
        answers_after_detached_feedback=after_detached,
        almost_answers=tuple(almost),
        bad_marks=tuple(bad_marks),
    )


def page_quizzes(markdown: str) -> PageQuizzes:
    """The quizzes of a page's Markdown (for hooks that hold the text, not its lines)."""
    return read_quizzes(source_lines(markdown, diagrams_are_code=True))

