"""Safety: nothing in a page may run script in a learner's browser, and nothing is loaded from
another site (the built course makes no request to another host).

Python-Markdown passes raw HTML through untouched, so a lesson could carry a <script>, an inline
event handler or a javascript: link straight onto the site. These rules read the whole file,
front matter included (titles, descriptions and objectives reach the HTML unescaped), and skip
only fenced code blocks, which are rendered as escaped text. Anything they cannot be sure is code
(an unclosed fence, a fence with options, a fence inside a block quote) is read as prose, so a
mistake here errs towards refusing.
"""

from __future__ import annotations

import html
import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator

from course.errors import Problem
from course.source import PageSource
from course.text import Prose, SourceLine, blank_inline_code
from course.rules.diagrams import MARKDOWN_IMAGE

# Elements that run script, send data, load other documents or pages, or restyle the whole site.
UNSAFE_TAGS = (
    "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "base", "link", "meta", "form",
)
_UNSAFE_TAG = re.compile(r"<\s*(?P<tag>" + "|".join(UNSAFE_TAGS) + r")\b", re.IGNORECASE)

# An on...= attribute inside an HTML tag, or inside an attr_list block such as { onclick="..." }.
_HANDLER_IN_TAG = re.compile(r"<[a-z][^<>]*?[\s/\"'](?P<name>on[a-z]+)\s*=", re.IGNORECASE)
_HANDLER_IN_ATTR_LIST = re.compile(r"\{:?[^{}\n]*?(?<![\w-])(?P<name>on[a-z]+)\s*=", re.IGNORECASE)

# Browsers ignore tabs and line breaks inside a URL, so 'java\tscript:' still runs.
_SCRIPT_SCHEMES = ("javascript:", "vbscript:", "data:text/html")
_SCRIPT_URL = re.compile("|".join(_SCRIPT_SCHEMES), re.IGNORECASE | re.ASCII)
_URL_WHITESPACE = re.compile(r"[\t\n\r]")

# Where a URL stands: a Markdown link or image target, a reference definition, or an attribute
# value in an HTML tag or an attribute list ({ src="..." }).
_MARKDOWN_TARGET = re.compile(r"\]\(\s*<?(?P<url>[^)\s>]+)")
_REFERENCE = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(?P<url>\S+?)>?(?:\s|$)")
_ATTRIBUTE = re.compile(
    r"""(?<![\w-])(?P<name>[a-z][\w:-]*)\s*=\s*(?:"(?P<double>[^"]*)"|'(?P<single>[^']*)'|(?P<bare>[^\s"'>}]+))""",
    re.IGNORECASE,
)
_IN_TAG_OR_ATTR_LIST = re.compile(r"<[a-z][^<>]*>|\{:?[^{}\n]*\}", re.IGNORECASE)
_URL_ATTRIBUTES = {"href", "src", "srcset", "action", "formaction", "poster", "data", "background", "xlink:href", "cite"}
# Attributes whose URL the browser loads as the page opens (a link's href is only followed on a click).
_LOADED_ATTRIBUTES = {"src", "srcset", "poster", "data", "background"}
_RESOURCE_NAMES = {"img": "image", "video": "video", "audio": "audio", "source": "media file", "track": "caption track"}
_CSS_URL = re.compile(r"url\(\s*['\"]?(?P<url>[^'\")\s]+)", re.IGNORECASE)
_OTHER_HOST = re.compile(r"^(?:[a-z][a-z0-9+.-]*:)?//", re.IGNORECASE)

_TAG_FIXES = {
    "script": "remove it: lessons cannot run script; interactive features belong in the site's code (hooks/ and overrides/)",
    "style": "remove it: the site's styles live in docs/assets/stylesheets/course.css",
    "link": "remove it: the site's styles and scripts are added by the templates in overrides/",
    "meta": "remove it: page metadata comes from the front matter",
    "base": "remove it: links in a lesson are relative Markdown links to .md files",
    "form": "remove it: a lesson sends nothing anywhere; questions are quizzes, exercises are worksheets",
}
_EMBED_FIX = "remove it and link to the content instead, e.g. [Watch the talk](https://example.org/talk)"
_AS_EXAMPLE = " (to show the tag as an example, put it in a fenced code block)"


def unsafe_html(page: PageSource) -> Iterable[Problem]:
    """Every place in the page that could run script, send data or restyle the site."""
    lines = page.lines_with_diagrams
    prose = Prose.of(lines)
    problems: list[Problem] = []
    for match in _UNSAFE_TAG.finditer(prose.text):
        tag = match.group("tag").lower()
        problems.append(Problem(
            page.src_path,
            f"raw <{tag}> tag: lessons must never run script, send data, embed other pages or restyle the site",
            _TAG_FIXES.get(tag, _EMBED_FIX) + _AS_EXAMPLE,
            line=prose.line_at(match.start()),
        ))
    for pattern in (_HANDLER_IN_TAG, _HANDLER_IN_ATTR_LIST):
        for match in pattern.finditer(prose.text):
            problems.append(Problem(
                page.src_path,
                f"inline event handler '{match.group('name')}=': it would run script in the learner's browser",
                "remove the attribute; lessons cannot run script",
                line=prose.line_at(match.start("name")),
            ))
    for line, scheme in _script_urls(lines):
        problems.append(Problem(
            page.src_path,
            f"'{scheme}' URL: following it would run script in the learner's browser",
            "link to a page with an https:// or a relative .md link instead",
            line=line,
        ))
    for line, url in _urls(lines):
        if _decoded(url).lower().startswith("data:") and not _decoded(url).lower().startswith("data:text/html"):
            problems.append(Problem(
                page.src_path,
                "a 'data:' URL: the content is pasted into the page, where it can hide script and is never reviewed as a file",
                "save the file in the block folder (with its license noted) and link it with a relative path",
                line=line,
            ))
    return sorted(problems, key=lambda problem: problem.line or 0)


def resources_from_other_hosts(page: PageSource) -> Iterable[Problem]:
    """Images, media and styles load from the site itself: a request to another host tracks learners
    and breaks the offline copy."""
    lines = page.lines_with_diagrams
    prose = Prose.of(lines, without_inline_code=True)
    for match in MARKDOWN_IMAGE.finditer(prose.text):
        if _OTHER_HOST.match(match.group("src")):
            yield _loaded_from_elsewhere(page, prose.line_at(match.start()), "image", match.group("src"))
    for line in lines:
        if line.in_code or not _may_hold_attributes(line.text):
            continue
        for holder in _IN_TAG_OR_ATTR_LIST.finditer(blank_inline_code(line.text)):
            tag = re.match(r"<(?P<name>[a-z][\w-]*)", holder.group(), re.IGNORECASE)
            element = tag.group("name").lower() if tag else ""
            if element in UNSAFE_TAGS:
                continue  # refused whatever it loads (unsafe_html)
            what = _RESOURCE_NAMES.get(element, "resource")
            for attribute in _ATTRIBUTE.finditer(holder.group()):
                name = attribute.group("name").lower()
                value = _value(attribute)
                if name in _LOADED_ATTRIBUTES:
                    candidates = [part.split()[0] for part in value.split(",") if part.split()] if name == "srcset" else [value]
                    for url in candidates:
                        if _OTHER_HOST.match(_decoded(url)):
                            yield _loaded_from_elsewhere(page, line.number, what, url)
                elif name == "style":
                    for css in _CSS_URL.finditer(html.unescape(value)):
                        if _OTHER_HOST.match(css.group("url")):
                            yield _loaded_from_elsewhere(page, line.number, "style's image", css.group("url"))


def _loaded_from_elsewhere(page: PageSource, line: int, what: str, url: str) -> Problem:
    return Problem(
        page.src_path,
        f"this {what} is loaded from another site ({url}), which the course never does",
        f"save the {what.split()[-1]} in the block folder (with its license noted) and link it with a relative path",
        line=line,
    )


def _value(attribute: re.Match[str]) -> str:
    return next(value for value in (attribute.group("double"), attribute.group("single"), attribute.group("bare")) if value is not None)


def _decoded(url: str) -> str:
    """A URL as the browser reads it: entities decoded, tabs and line breaks dropped."""
    return _URL_WHITESPACE.sub("", html.unescape(url)).strip()


def _urls(lines: list[SourceLine]) -> Iterator[tuple[int, str]]:
    """(line, URL) of every link target and URL attribute outside code."""
    for line in lines:
        # Most lines hold no link target, tag or attribute list: a substring test skips them.
        if line.in_code or not ("](" in line.text or "]:" in line.text or _may_hold_attributes(line.text)):
            continue
        text = blank_inline_code(line.text)
        for match in _MARKDOWN_TARGET.finditer(text):
            yield line.number, match.group("url")
        reference = _REFERENCE.match(text)
        if reference:
            yield line.number, reference.group("url")
        for holder in _IN_TAG_OR_ATTR_LIST.finditer(text):
            for attribute in _ATTRIBUTE.finditer(holder.group()):
                if attribute.group("name").lower() in _URL_ATTRIBUTES:
                    yield line.number, _value(attribute)


def _script_urls(lines: list[SourceLine]) -> Iterator[tuple[int, str]]:
    """(line, scheme) of every script URL, also when written with entities or split by a tab or line break."""
    # The lines outside code, decoded and joined without a break, so a scheme split over two
    # lines is found; each line's offset in the joined text gives a match's line back.
    texts: list[str] = []
    starts: list[int] = []
    numbers: list[int] = []
    offset = 0
    for line in lines:
        if line.in_code:
            continue
        decoded = html.unescape(line.text) if "&" in line.text else line.text
        if "\t" in decoded or "\n" in decoded or "\r" in decoded:
            decoded = _URL_WHITESPACE.sub("", decoded)
        if decoded:
            texts.append(decoded)
            starts.append(offset)
            numbers.append(line.number)
            offset += len(decoded)
    joined = "".join(texts)
    # The pattern (three schemes, any case) is slow to run over a whole page that holds none
    # of them, which is nearly every page: a lower-case substring test first.
    folded = joined.lower()
    if not any(scheme in folded for scheme in _SCRIPT_SCHEMES):
        return
    for match in _SCRIPT_URL.finditer(joined):
        yield numbers[bisect_right(starts, match.start()) - 1], match.group(0).lower()


def _may_hold_attributes(text: str) -> bool:
    """Whether ``text`` could hold an HTML tag or an attribute list (a quick test before the patterns)."""
    return "<" in text or "{" in text
