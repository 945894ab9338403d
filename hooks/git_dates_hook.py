"""MkDocs events for each page's "Last update" date, which Material's source-file partial shows.

Thin on purpose: course/git_dates.py reads the whole history of docs/ in one `git log` (its
docstring says why this replaced the git-revision-date-localized plugin). The date goes into the
page's `revision_date` meta, which Material's partials/source-file.html shows as "Last update".
"""

from __future__ import annotations

import time
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from course.git_dates import date_text, last_changes
from course.preview import INPUTS

log = get_plugin_logger("git_dates")

# Read once per build: src_path -> the date shown, and the date of a page generated from others.
_dates: dict[str, str] = {}
_generated_date = ""


def on_files(files: Files, config: MkDocsConfig) -> Files:
    global _generated_date
    changes = last_changes(Path(config.docs_dir))
    # A page without history (not committed yet, or a copy of the project without .git) shows the
    # day it was built, as the plugin this replaces did.
    now = time.time()
    if not changes:
        log.info("No git history for docs/: each page's 'Last update' is the build date")
    pages = [file for file in files.documentation_pages() if file.generated_by is None]
    _dates.clear()
    _dates.update({file.src_uri: date_text(changes.get(file.src_uri, now)) for file in pages})
    # The glossary is made from every lesson: it changed when the newest of them did.
    _generated_date = date_text(max((changes[file.src_uri] for file in pages if file.src_uri in changes), default=now))
    if INPUTS.active:
        for file in files.documentation_pages():
            INPUTS.note(file.src_uri, "last update", _dates.get(file.src_uri, _generated_date))
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    page.meta["revision_date"] = _dates.get(page.file.src_uri, _generated_date)
    return markdown
