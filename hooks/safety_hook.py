"""MkDocs event that refuses pages whose Markdown could run script in a learner's browser.

The lesson lint reports the same problems with every line at once; this hook makes sure
that a page which skipped the lint still cannot reach the site.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from course import CourseError
from course.safety import refuse_unsafe_html


@event_priority(100)  # before any plugin rewrites the Markdown (the quiz plugin moves quizzes out of it)
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    # The file's own text, front matter included: front matter values reach the HTML unescaped
    # (titles, descriptions and objectives are printed by the templates).
    try:
        refuse_unsafe_html(page.file.src_uri, page.file.content_string)
    except CourseError as error:
        raise PluginError(str(error)) from None
    return markdown
