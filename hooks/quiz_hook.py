"""MkDocs event that makes mkdocs-quiz's answer feedback heard by screen reader users.

mkdocs-quiz writes the feedback for an answer into an empty `.quiz-feedback` box that is not a
live region, so screen readers stay silent when it appears. The box is hidden until it is
filled, and a live region that appears together with its text is often not read out; so the box
is wrapped in a status region that is always in the page. Done in the HTML rather than by a
script so it is in place before any script runs, also after instant navigation.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

QUIZ_FEEDBACK = '<div class="quiz-feedback hidden"></div>'
ANNOUNCED_QUIZ_FEEDBACK = f'<div class="quiz-announcer" role="status">{QUIZ_FEEDBACK}</div>'


@event_priority(-50)  # after mkdocs-quiz (priority 0) has written the quizzes' HTML
def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    return html.replace(QUIZ_FEEDBACK, ANNOUNCED_QUIZ_FEEDBACK)
