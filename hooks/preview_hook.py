"""MkDocs events for the incremental preview: under `make serve` a save re-renders only the pages it reaches.

`make serve` runs `properdocs serve --dirty`, whose builds skip every page whose file says it is
not modified (MkDocs compares file times, which knows nothing of one page showing another). Here
each page's file says it is modified exactly when one of the inputs it is rendered from changed
(course/preview.py: its text, the nav entries, lessons and glossary entries it shows, its problems,
its "Last update" date; mkdocs.yml, overrides/, hooks/ or the set of files change every page). A page that
is not rendered again gets back what the last build gave it, so the rest of the build reads it as
if it had been: its title and front matter (the nav and footer of the pages that are rendered),
its share of the whole-course print view, its search index entries (Material's own dirty-build
merge keeps one page only and changes the order) and its anchors. The course map, the sitemap,
the 404 page and the glossary are made again on every build, from the whole course.

Any other command builds every page, as before: `properdocs build --dirty` too, since the course's
pages depend on each other in ways file times cannot tell.
"""

from __future__ import annotations

import hashlib
import logging
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from material.plugins.search.plugin import SearchPlugin
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.utils import clean_directory

from course.preview import EVERY_PAGE, INPUTS
from course.site import config_chain

log = get_plugin_logger("preview")

# What every page is made from besides docs/: the templates and the hooks (their folders, next to mkdocs.yml).
PROJECT_PARTS = ("overrides", "hooks")
# The page attributes other pages and the build's last steps read from a page (its title through
# Page.title, the nav's icons and status through meta, the print view's html, anchors for the
# link check).
KEPT_ATTRIBUTES = ("markdown", "meta", "_title_from_render", "content", "toc", "present_anchor_ids", "html")


@dataclass(frozen=True)
class Rendering:
    """What a page's last rendering left for the rest of the build."""

    attributes: dict[str, Any]
    search_entries: list[dict[str, Any]]


_dirty = False
_project: str | None = None
_renderings: dict[str, Rendering] = {}  # of the last completed build
_new_renderings: dict[str, Rendering] = {}  # of the build being made
_search_start: dict[str, int] = {}
_doc_pages: list[str] = []  # in the order MkDocs builds them (and Material indexes them)


def on_startup(command: str, dirty: bool) -> None:
    global _dirty
    _dirty = dirty
    INPUTS.active = command == "serve" and dirty


@event_priority(100)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _project
    if not INPUTS.active:
        return config
    # (The first configuration `properdocs serve` loads names the file as given, the next ones in full.)
    project = os.path.abspath(config.config_file_path)
    if project != _project:
        _project = project
        _forget()
    folder = Path(config.config_file_path).parent
    INPUTS.start({
        "config": config_chain(Path(config.config_file_path)),
        "project": tuple(_folder_digest(folder / part) for part in PROJECT_PARTS),
    })
    _new_renderings.clear()
    _search_start.clear()
    logging.getLogger("properdocs.commands.build").addFilter(_without_dirty_build_warning)
    return config


def _without_dirty_build_warning(record: logging.LogRecord) -> bool:
    # MkDocs warns on every dirty build that its navigation may be inaccurate; here it is not.
    return not record.getMessage().startswith("A 'dirty' build is being performed")


@event_priority(-100)  # after every hook and plugin has added its files
def on_files(files: Files, config: MkDocsConfig) -> Files:
    if not INPUTS.active:
        return files
    INPUTS.note(EVERY_PAGE, "files", tuple(sorted(file.src_uri for file in files)))
    return files


def _folder_digest(folder: Path) -> str:
    digest = hashlib.blake2b(digest_size=16)
    for root, dirs, names in os.walk(folder, followlinks=True):
        dirs[:] = sorted(name for name in dirs if name != "__pycache__")  # Python writes there as it imports
        for name in sorted(names):
            path = Path(root) / name
            digest.update(str(path.relative_to(folder)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


@event_priority(-100)  # after every other hook and plugin has noted what its pages show
def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    if not INPUTS.active:
        if _dirty:
            for file in files.documentation_pages():
                file.is_modified = _always  # type: ignore[method-assign]
        return nav
    docs = files.documentation_pages(inclusion=InclusionLevel.is_in_serve)
    _doc_pages[:] = [file.src_uri for file in docs]
    keys = {file.src_uri: _nav_key(file) for file in docs}
    top = tuple(_item_key(item, keys) for item in nav.items)
    sections: dict[int, tuple[Any, ...]] = {}  # the entries of each top-level section, by its id
    for file in docs:
        INPUTS.note(file.src_uri, "text", file.content_string)
        page = file.page
        if page is not None:
            section = _top_section(page)
            if id(section) not in sections:
                sections[id(section)] = _section_keys(section, keys)
            INPUTS.note(file.src_uri, "nav", (
                top,
                sections[id(section)],
                _neighbour_key(page.previous_page, keys),
                _neighbour_key(page.next_page, keys),
            ))
    everything = INPUTS.everything_changed()
    if everything:
        # A file gone, renamed or added, a new template, mkdocs.yml: every page is rendered, from
        # an empty site folder as in a full build, so no page of the old set stays reachable.
        _renderings.clear()
        clean_directory(config.site_dir)
    rendered = 0
    for file in docs:
        again = (
            everything or INPUTS.changed(file.src_uri) or file.src_uri not in _renderings
            or not os.path.isfile(file.abs_dest_path)
        )
        file.is_modified = _always if again else _never  # type: ignore[method-assign]
        rendered += again
        if again and log.isEnabledFor(logging.DEBUG):
            log.debug(f"{file.src_uri} is rendered again: {', '.join(INPUTS.why(file.src_uri))}")
        if not again and file.page is not None:
            _restore(file.page, _renderings[file.src_uri])
    log.info(f"Rendering {rendered} of {len(docs)} pages (the others are unchanged)")
    return nav


def _always() -> bool:
    return True


def _never() -> bool:
    return False


def _nav_key(file: File) -> tuple[str, str]:
    """What the nav and the footer of other pages show of a page: its title (from its front
    matter, else from its text) and the front matter's other keys (Material's icons, status)."""
    text = file.content_string
    if text.startswith("---"):
        end = text.find("\n---", 3)
        front_matter = text[: end + 1] if end > 0 else text
        if "\ntitle:" in front_matter:
            return file.url, front_matter
    return file.url, text


def _item_key(item: Any, keys: dict[str, tuple[str, str]]) -> Any:
    if isinstance(item, Section):
        return item.title
    if isinstance(item, Page):
        return item.title, keys.get(item.file.src_uri)  # a title given in the nav, else the page's own
    return getattr(item, "title", None), getattr(item, "url", None)


def _top_section(page: Page) -> Section | None:
    """The top-level section the page belongs to (navigation.prune renders only its entries)."""
    section = page.parent
    while section is not None and section.parent is not None:
        section = section.parent
    return section


def _section_keys(section: Section | None, keys: dict[str, tuple[str, str]]) -> tuple[Any, ...]:
    """The entries of a top-level section, as its pages' nav shows them."""
    if section is None:
        return ()
    return tuple(_item_key(child, keys) for child in _walk(section))


def _walk(section: Section) -> list[Any]:
    items: list[Any] = []
    for child in section.children:
        items.append(child)
        if isinstance(child, Section):
            items += _walk(child)
    return items


def _neighbour_key(page: Page | None, keys: dict[str, tuple[str, str]]) -> Any:
    return None if page is None else _item_key(page, keys)


def _restore(page: Page, rendering: Rendering) -> None:
    for name, value in rendering.attributes.items():
        setattr(page, name, value)


@event_priority(200)  # before Material's search plugin indexes the page
def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation) -> dict[str, Any]:
    search = _search_plugin(config)
    if INPUTS.active and search is not None:
        _search_start[page.file.src_uri] = len(search.search_index.entries)
    return context


@event_priority(-100)  # after every other hook and plugin has changed the page
def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    if INPUTS.active:
        search = _search_plugin(config)
        entries = search.search_index.entries[_search_start.get(page.file.src_uri, 0):] if search is not None else []
        attributes = {name: getattr(page, name) for name in KEPT_ATTRIBUTES if hasattr(page, name)}
        _new_renderings[page.file.src_uri] = Rendering(attributes, entries)
    return output


@event_priority(100)  # before Material's search plugin writes its index
def on_post_build(config: MkDocsConfig) -> None:
    if not INPUTS.active:
        return
    _renderings.update(_new_renderings)
    for gone in _renderings.keys() - set(_doc_pages):
        del _renderings[gone]
    search = _search_plugin(config)
    if search is not None:
        # The whole index, in the order a full build indexes the pages.
        search.search_index.entries = [entry for src in _doc_pages for entry in _renderings[src].search_entries]
        search.search_index_prev = None
    INPUTS.completed()


# How often the server looks for saved files: MkDocs polls every half second, a quarter of a
# second's wait on average before a save is even seen. Polling more often costs a scan of docs/
# each time (0.25 ms for this course, 8 ms at a thousand lessons): the interval keeps that under
# about 5 % of a core, between these bounds. (Polling, not the system's file events as inotify
# gives them: those miss saves on the mounted folders of WSL and containers, which MkDocs
# polls for.)
FASTEST_POLL_S, SLOWEST_POLL_S, POLL_SHARE = 0.1, 0.5, 0.05


def on_serve(server: Any, config: MkDocsConfig, builder: Any) -> Any:
    # Imported here: only `serve` watches files (its server has loaded watchdog already), and at
    # the top of the module watchdog cost every `properdocs build` some 50 ms of start-up.
    from watchdog.observers.polling import PollingObserver
    from watchdog.utils.dirsnapshot import DirectorySnapshot

    watched = getattr(server, "_watched_paths", None)
    if not isinstance(getattr(server, "observer", None), PollingObserver) or not isinstance(watched, dict):
        return server  # another server than properdocs 1.6's: leave its watching alone
    interval = min(SLOWEST_POLL_S, max(FASTEST_POLL_S, _snapshot_cost(config.docs_dir, DirectorySnapshot) / POLL_SHARE))
    log.debug(f"Looking for saved files every {interval:.2f} s")
    paths = dict(watched)
    for path, count in paths.items():
        for _ in range(count):
            server.unwatch(path)
    server.observer = PollingObserver(timeout=interval)
    for path, count in paths.items():
        for _ in range(count):
            server.watch(path)
    return server


def _snapshot_cost(folder: str, snapshot: Callable[[str], object]) -> float:
    """The CPU seconds a poll of ``folder`` takes: the least of three (the first one, right after the
    first build, can take twice as long, and a longer estimate polls less often for the whole session)."""
    costs = []
    for _ in range(3):
        start = time.thread_time()
        snapshot(folder)
        costs.append(time.thread_time() - start)
    return min(costs)


def on_build_error(error: Exception) -> None:
    # Pages may have been written from inputs that are not recorded: the next build renders all.
    if INPUTS.active:
        _forget()


def _forget() -> None:
    INPUTS.forget()
    _renderings.clear()
    _new_renderings.clear()


def _search_plugin(config: MkDocsConfig) -> SearchPlugin | None:
    return next((plugin for plugin in config.plugins.values() if isinstance(plugin, SearchPlugin)), None)
