"""How long a lesson takes, computed from its text rather than declared by hand.

Prose is read at 200 words a minute, and each quiz question adds half a minute; the total is
rounded up to whole minutes. Prose is the lesson body after the front matter, without code
and diagram fences, quizzes, HTML tags and comments, link targets and Markdown markup.

The build computes it once per page, from the lines the course rules already parsed
(`PageSource.reading_time`), and every minute figure of the site comes from it (the course
model's `Lesson.duration`). To check a file by hand:

    cd hooks && python3 -c "from course.reading_time import reading_minutes as r; print(r(open('../docs/<path>').read()))"
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from course.frontmatter import _FRONT_MATTER
from course.quizzes import read_quizzes
from course.text import SourceLine, normalise_newlines, source_lines

WORDS_PER_MINUTE = 200
MINUTES_PER_QUESTION = 0.5

_QUIZ = re.compile(r"^[ \t]*<quiz\b[^>]*>.*?^[ \t]*</quiz>", re.DOTALL | re.MULTILINE)
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_TAG = re.compile(r"</?[a-zA-Z][^<>]*>")
_LINK_TARGET = re.compile(r"\]\([^)]*\)")
_ADMONITION_TYPE = re.compile(r"^[ \t]*(?:!!!|\?\?\?\+?)[ \t]+[\w-]+(?:[ \t]+[\w-]+)*", re.MULTILINE)
_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’.,%-]*")


@dataclass(frozen=True)
class ReadingTime:
    words: int  # of prose
    questions: int  # quiz questions

    @property
    def minutes(self) -> int:
        """Minutes to read the prose and answer the quiz, rounded up."""
        return math.ceil(self.words / WORDS_PER_MINUTE + MINUTES_PER_QUESTION * self.questions)

    def explained(self) -> str:
        """How the minutes were reached, for messages: '2,139 words at 200 a minute, plus half a minute for each of 7 quiz questions'."""
        return f"{self.words:,} words at {WORDS_PER_MINUTE} a minute, plus half a minute for each of {self.questions} quiz questions"


def reading_time(body: list[SourceLine], questions: int) -> ReadingTime:
    """The reading time of a page's ``body`` (its lines after the front matter, code marked)
    with ``questions`` quiz questions."""
    prose = "\n".join("" if line.in_code else line.text for line in body)
    prose = _QUIZ.sub("", prose)
    prose = _COMMENT.sub("", prose)
    prose = _TAG.sub(" ", prose)
    prose = _LINK_TARGET.sub("]", prose)
    prose = _ADMONITION_TYPE.sub("", prose)
    return ReadingTime(len(_WORD.findall(prose)), questions)


def reading_minutes(text: str) -> int:
    """Minutes to read a whole lesson file's ``text`` and answer its quiz, rounded up."""
    text = normalise_newlines(text.lstrip("\ufeff"))
    front_matter = _FRONT_MATTER.match(text)
    body = text[front_matter.end():] if front_matter else text
    lines = source_lines(body, diagrams_are_code=True)
    return reading_time(lines, len(read_quizzes(lines).quizzes)).minutes
