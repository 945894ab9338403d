"""MkDocs events for mkdocs-quiz's output: announced feedback, and its code served as files.

- mkdocs-quiz writes the feedback for an answer into an empty `.quiz-feedback` box that is not a
  live region, so screen readers stay silent when it appears. The box is hidden until it is
  filled, and a live region that appears together with its text is often not read out; so the
  box is wrapped in a status region that is always in the page. Done in the HTML rather than by
  a script so it is in place before any script runs, also after instant navigation.
- mkdocs-quiz inlines its whole stylesheet and script (about 12 KB gzipped) into every quiz
  page, and has no setting to link them instead. A learner would download them again with each
  lesson, and they sit in the HTML the browser must read before it can show the lesson. Here
  the plugin's own files are added to the site and linked in their place, so they are cached
  once and load after the text (see BENCHMARKS.md).
- A question names the lesson objectives it checks (`<quiz objectives="1 3">`, see
  course/quizzes.py): the attribute is taken out before mkdocs-quiz reads the page, and the
  rendered question carries it as `data-objectives`, with a line that tells the learner.
- mkdocs-quiz's link to each question reads "#", which is all a screen reader could say of it;
  it is named "Link to question N" (N counted on the page, as learners see the questions).
"""

from __future__ import annotations

import re
from html import escape
from importlib.resources import files as package_files
from itertools import count
from typing import Any

import mkdocs_quiz.plugin as quiz_plugin
from jinja2 import Template
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from course.quizzes import split_quiz_objectives

QUIZ_FEEDBACK = '<div class="quiz-feedback hidden"></div>'
ANNOUNCED_QUIZ_FEEDBACK = f'<div class="quiz-announcer" role="status">{QUIZ_FEEDBACK}</div>'

# The plugin's files in the package, and where the site serves them.
QUIZ_CSS = ("mkdocs_quiz.css", "quiz.css", "assets/quiz/quiz.css")
QUIZ_JS = ("mkdocs_quiz.js", "quiz.js", "assets/quiz/quiz.js")

_assets_template: Template | None = None
_objectives_template: Template | None = None
# Each page's declared objectives per quiz, in page order, from on_page_markdown to on_page_content.
_declared_objectives: dict[str, list[str | None]] = {}
_QUIZ_START = re.compile(r'<div class="quiz"(?P<attributes>[^>]*)>')
_QUIZ_LINK = re.compile(r'<a (href="#[^"]*" class="quiz-header-link")>')


def on_files(files: Files, config: MkDocsConfig) -> Files:
    global _assets_template, _objectives_template
    # Pages get their content before on_env, so the templates come from the theme here.
    env = config.theme.get_env()
    _assets_template = env.get_template("partials/quiz-assets.html")
    _objectives_template = env.get_template("partials/quiz-objectives.html")
    for package, name, target in (QUIZ_CSS, QUIZ_JS):
        files.append(File.generated(config, target, abs_src_path=str(package_files(package) / name)))
    return files


@event_priority(60)  # before mkdocs-quiz (priority 0) and the hook that opts pages into it (50)
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    markdown, declared = split_quiz_objectives(markdown)
    _declared_objectives[page.file.src_uri] = declared
    return markdown


@event_priority(-50)  # after mkdocs-quiz (priority 0) has written the quizzes' HTML
def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    html = html.replace(QUIZ_FEEDBACK, ANNOUNCED_QUIZ_FEEDBACK)
    html = named_question_links(html)
    html = _with_objectives(html, _declared_objectives.pop(page.file.src_uri, []), page.meta.get("objectives"))
    # Found by their opening text, then compared whole: a search for the 44 KB script itself
    # cost more than the rest of this hook.
    script_at = html.find(quiz_plugin.js_script[:200])
    if script_at < 0 or html[script_at : script_at + len(quiz_plugin.js_script)] != quiz_plugin.js_script:
        return html
    style_at = html.find(quiz_plugin.style[:200]) if quiz_plugin.style else -1
    if not 0 <= style_at < script_at or html[style_at : style_at + len(quiz_plugin.style)] != quiz_plugin.style:
        # A new mkdocs-quiz release that inlines its code differently: fail loudly rather than
        # ship a page that carries the code twice or not at all.
        raise PluginError(
            f"{page.file.src_uri}: mkdocs-quiz's inline stylesheet was not found next to its script; "
            "hooks/quiz_hook.py must be updated for this mkdocs-quiz version"
        )
    assert _assets_template is not None  # on_files runs before any page is read
    linked = _assets_template.render(
        css=get_relative_url(QUIZ_CSS[2], page.url), js=get_relative_url(QUIZ_JS[2], page.url)
    )
    # The plugin appends the style before its scripts.
    return (
        html[:style_at]
        + html[style_at + len(quiz_plugin.style) : script_at]
        + linked
        + html[script_at + len(quiz_plugin.js_script) :]
    )


def _with_objectives(html: str, declared: list[str | None], objectives: Any) -> str:
    """Each rendered question (in page order) with its declared objectives as data-objectives
    and a line that names them for the learner."""
    if not any(declared):
        return html
    assert _objectives_template is not None  # on_files runs before any page is read
    texts = [" ".join(str(item).split()) for item in objectives] if isinstance(objectives, list) else []
    questions = iter(declared)

    def annotate(match: re.Match[str]) -> str:
        numbers = (next(questions, None) or "").split()
        if not numbers:
            return match.group()
        # Shown in the lesson's order, whatever the tag's; numbers the rules report are left out.
        known = sorted({int(number) for number in numbers if number.isdigit() and 0 < int(number) <= len(texts)})
        checked = [(number, texts[number - 1]) for number in known]
        label = _objectives_template.render(objectives=checked)
        return f'<div class="quiz" data-objectives="{escape(" ".join(numbers))}"{match.group("attributes")}>{label}'

    return _QUIZ_START.sub(annotate, html)


def named_question_links(html: str) -> str:
    """Each question's "#" link named after the question's place on the page."""
    numbers = count(1)
    return _QUIZ_LINK.sub(lambda match: f'<a {match.group(1)} aria-label="Link to question {next(numbers)}">', html)
