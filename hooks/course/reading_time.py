"""How long a lesson takes, computed from its text rather than declared by hand.

Prose is read at 200 words a minute, and each quiz question adds half a minute; the total is
rounded up to whole minutes. Prose is the lesson body after the front matter, without code
and diagram fences, quizzes, HTML tags and comments, link targets and Markdown markup.
"""

from __future__ import annotations

import math
import re

from course.frontmatter import _FRONT_MATTER
from course.text import source_lines

WORDS_PER_MINUTE = 200
MINUTES_PER_QUESTION = 0.5

_QUIZ = re.compile(r"^[ \t]*<quiz\b[^>]*>.*?^[ \t]*</quiz>", re.DOTALL | re.MULTILINE)
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_TAG = re.compile(r"</?[a-zA-Z][^<>]*>")
_LINK_TARGET = re.compile(r"\]\([^)]*\)")
_ADMONITION_TYPE = re.compile(r"^[ \t]*(?:!!!|\?\?\?\+?)[ \t]+[\w-]+(?:[ \t]+[\w-]+)*", re.MULTILINE)
_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’.,%-]*")


def prose_words(text: str) -> int:
    """The number of words a learner reads in the lesson ``text`` (the whole file)."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n")
    front_matter = _FRONT_MATTER.match(text)
    body = text[front_matter.end() :] if front_matter else text
    lines = source_lines(body, diagrams_are_code=True)
    prose = "\n".join("" if line.in_code else line.text for line in lines)
    prose = _QUIZ.sub("", prose)
    prose = _COMMENT.sub("", prose)
    prose = _TAG.sub(" ", prose)
    prose = _LINK_TARGET.sub("]", prose)
    prose = _ADMONITION_TYPE.sub("", prose)
    return len(_WORD.findall(prose))


def quiz_questions(text: str) -> int:
    """The number of quiz questions in ``text``, outside code."""
    lines = source_lines(text.replace("\r\n", "\n"), diagrams_are_code=True)
    return sum(1 for line in lines if not line.in_code and re.match(r"^[ \t]*<quiz\b[^>]*>", line.text))


def reading_minutes(text: str) -> int:
    """Minutes to read ``text`` and answer its quiz, rounded up."""
    return math.ceil(prose_words(text) / WORDS_PER_MINUTE + MINUTES_PER_QUESTION * quiz_questions(text))
