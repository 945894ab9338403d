"""The anchors (`#ids`) of a page, computed from its Markdown the way the site will make them.

Python-Markdown's toc extension gives every heading an id: the configured slugify of the
heading's text, made unique on the page with `_1`, `_2`... An attribute list (`{#my-id}`) sets
an id by hand, on a heading or any other block, and raw HTML can carry `id="..."`. The glossary
links each term to the heading above its definition, and the links rule checks every `#anchor`
against these ids, so both agree with the rendered page without rendering it.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from markdown.extensions.toc import slugify as toc_slugify
from markdown.extensions.toc import unique

from course.text import SourceLine, plain_text

Slugify = Callable[[str], str]


@dataclass(frozen=True)
class ConfiguredSlugify:
    """A slugify function with its separator, equal to another configured alike.

    Each build reads mkdocs.yml again; compared by value, the slugify of one build is the
    slugify of the next, so what the preview kept from the last build (the pages' anchors,
    the glossary) is reused rather than computed again for a new function object.
    """

    function: Callable[..., str]
    separator: str

    def __call__(self, text: str) -> str:
        return self.function(text, separator=self.separator)


def configured_slugify(toc_config: dict[str, Any] | None = None) -> Slugify:
    """The toc extension's slugify as mkdocs.yml configures it (its `slugify` and `separator`
    options), so the ids computed here are the ids the pages get."""
    toc_config = toc_config or {}
    return ConfiguredSlugify(toc_config.get("slugify") or toc_slugify, toc_config.get("separator", "-"))

_ATX = re.compile(r"^[ \t]*(?P<hashes>#{1,6})(?P<text>[^#\n].*?|)(?:[ \t]+#+)?[ \t]*$")
_SETEXT_UNDERLINE = re.compile(r"^[ \t]{0,3}(?:=+|-+)[ \t]*$")
_TRAILING_ATTR_LIST = re.compile(r"[ \t]*\{:?(?P<attrs>[^}]*)\}[ \t]*$")
_ATTR_LIST_ID = re.compile(r"\{:?[^{}\n]*?(?<![\w-])#(?P<id>[\w-]+)[^{}\n]*\}")
_HTML_ID = re.compile(r"""<[a-zA-Z][^<>]*?\s(?:id|name)\s*=\s*["']?(?P<id>[^"'\s>]+)""")


@dataclass(frozen=True)
class HeadingAnchor:
    line: int
    anchor: str
    text: str


def heading_anchors(lines: list[SourceLine], slugify: Slugify) -> list[HeadingAnchor]:
    """Every heading outside code with the id the toc extension gives it, in page order.
    ``lines`` are the page's body, after its front matter."""
    anchors: list[HeadingAnchor] = []
    used: set[str] = set()
    previous: SourceLine | None = None
    for line in lines:
        text = _heading_text(line, previous)
        previous = line
        if text is None:
            continue
        attrs = _TRAILING_ATTR_LIST.search(text)
        explicit = None
        if attrs:
            text = text[: attrs.start()]
            explicit = next((word[1:] for word in attrs.group("attrs").split() if word.startswith("#")), None)
        anchor = explicit or unique(slugify(html.unescape(plain_text(text))), used)
        used.add(anchor)
        anchors.append(HeadingAnchor(line.number if not _SETEXT_UNDERLINE.match(line.text) else line.number - 1, anchor, text.strip()))
    return anchors


def _heading_text(line: SourceLine, previous: SourceLine | None) -> str | None:
    if line.in_code:
        return None
    atx = _ATX.match(line.text)
    if atx:  # Python-Markdown needs no space after the '#'s ("##Key points" is a heading too)
        return atx.group("text").strip() or None
    # `Text` underlined with === or ---: a heading too, unless the text line is part of a list,
    # a quote, a table or the front matter's closing line.
    if (
        previous is not None and not previous.in_code and previous.text.strip()
        and _SETEXT_UNDERLINE.match(line.text) and not previous.text.lstrip().startswith(("-", "*", ">", "|", "<", "#"))
    ):
        return previous.text.strip()
    return None


def page_anchors(lines: list[SourceLine], slugify: Slugify) -> frozenset[str]:
    """Every id a link can point at on the page (``lines``: its body): headings, attribute lists, HTML ids."""
    ids = {anchor.anchor for anchor in heading_anchors(lines, slugify)}
    for line in lines:
        if line.in_code:
            continue
        ids.update(match.group("id") for match in _ATTR_LIST_ID.finditer(line.text))
        ids.update(match.group("id") for match in _HTML_ID.finditer(line.text))
    return frozenset(ids)
