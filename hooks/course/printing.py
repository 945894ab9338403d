"""A page's HTML made fit for the whole-course print view, where every page shares one document.

mkdocs-print-site-plugin joins the pages and makes the ids of headings, list items and form
inputs unique by prefixing them with the page's key. Two things it leaves alone are fixed here:

- scripts and styles that a page carries in its own body (the links to mkdocs-quiz's code and
  CSS on every quiz page) would load or run once per page; the print view needs none of them;
- every other id (quiz questions, the objectives box) and the ARIA attributes that point at
  ids would clash between pages; they get the same prefix the plugin gives headings.

The quiz plugin's per-page progress widgets, its "link to this question" anchors and its
source comments are dropped too: they only make sense on the lesson page itself.

Inline SVG (the drawn diagrams) is copied as it is: its own <style> is what colors it, and
its ids, named after the diagram's source, are unique in the whole course already.

It runs on every page of every build, so it reads the HTML with one regular expression over
its tags rather than a full parser (Python's HTMLParser made it the slowest hook; see
BENCHMARKS.md). That is enough here: the HTML comes from Python-Markdown and the plugins,
with quoted attributes and balanced elements.
"""

from __future__ import annotations

import re

# Elements whose ids mkdocs-print-site-plugin already prefixes.
_PREFIXED_BY_PLUGIN = {"h1", "h2", "h3", "h4", "h5", "h6", "sup", "li", "input"}
_ID_REFERENCES = ("aria-labelledby", "aria-describedby", "aria-controls")
_DROPPED_TAGS = {"script", "style", "link"}
_DROPPED_IDS = {"quiz-progress-sidebar", "quiz-progress-mobile"}
_DROPPED_CLASSES = {"quiz-header-link"}
_DROPPED_NAMES = tuple(_DROPPED_IDS | _DROPPED_CLASSES)
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

# A comment, a script or style element with its content, or a start or end tag. One literal "<"
# first, so the regex engine skips the text between tags quickly.
_TOKEN = re.compile(
    r"<(?:!--.*?-->"
    r"|(?P<raw>script|style)\b[^>]*>.*?</(?P=raw)\s*>"
    r"|(?P<end>/)?(?P<tag>[a-zA-Z][^\s/>]*)(?P<attributes>[^>\"']*(?:(?:\"[^\"]*\"|'[^']*')[^>\"']*)*)>)",
    re.DOTALL | re.IGNORECASE,
)
_ATTRIBUTE = re.compile(r'(?P<space>\s)(?P<name>[^\s=/>]+)\s*=\s*"(?P<value>[^"]*)"')


def printable(html: str, id_prefix: str) -> str:
    """``html`` without scripts, styles or quiz widgets, its ids and ARIA references prefixed."""
    out: list[str] = []
    copied = 0  # html[copied:] is not in out yet: unchanged runs are copied in one piece
    dropping = 0  # depth inside a dropped element
    in_svg = 0  # depth inside an inline SVG, copied as it is
    for token in _TOKEN.finditer(html):
        tag = (token.group("tag") or "").lower()
        end = token.group("end")
        if dropping:
            if tag:
                if end:
                    dropping -= tag not in _VOID
                else:
                    dropping += _opens(tag, token.group("attributes"))
            if not dropping:
                copied = token.end()
            continue
        if in_svg:
            if tag == "svg":
                in_svg += -1 if end else 1
            continue
        if tag == "svg" and not end:
            in_svg = 1
            continue
        if not tag:  # a comment, script or style: never printed
            out.append(html[copied:token.start()])
            copied = token.end()
            continue
        if end:
            continue
        attributes = token.group("attributes")
        if _dropped(tag, attributes):
            out.append(html[copied:token.start()])
            copied = token.end()
            dropping = _opens(tag, attributes)
            continue
        if "id=" in attributes or "aria-" in attributes:
            rewritten = _prefixed(token.group(), tag, attributes, id_prefix)
            if rewritten != token.group():
                out.append(html[copied:token.start()])
                out.append(rewritten)
                copied = token.end()
    if not dropping:
        out.append(html[copied:])
    # As ASCII, non-ASCII characters written as character references (which the browser shows
    # the same): Python stores a string in two bytes per character as soon as one character is
    # beyond Latin-1 (a dash is enough), and the plugin copies the joined course several times
    # while it assembles the print view, the build's peak of memory.
    return "".join(out).encode("ascii", "xmlcharrefreplace").decode("ascii")


def _opens(tag: str, attributes: str) -> bool:
    """Whether a start tag opens an element that an end tag closes (not void, not self-closing)."""
    return tag not in _VOID and not attributes.rstrip().endswith("/")


def _values(attributes: str) -> dict[str, str]:
    return {match["name"].lower(): match["value"] for match in _ATTRIBUTE.finditer(attributes)}


def _dropped(tag: str, attributes: str) -> bool:
    if tag in _DROPPED_TAGS:
        return True
    # Nearly every tag names none of the dropped ids and classes: substring tests first.
    if not any(name in attributes for name in _DROPPED_NAMES):
        return False
    values = _values(attributes)
    return values.get("id") in _DROPPED_IDS or bool(_DROPPED_CLASSES & set(values.get("class", "").split()))


def _prefixed(text: str, tag: str, attributes: str, prefix: str) -> str:
    """The start tag with its id (unless the plugin prefixes it) and ARIA id references prefixed."""

    def rewrite(match: re.Match[str]) -> str:
        name, value = match["name"].lower(), match["value"]
        if name == "id" and tag not in _PREFIXED_BY_PLUGIN:
            value = prefix + value
        elif name in _ID_REFERENCES:
            value = " ".join(prefix + ref for ref in value.split())
        else:
            return match.group()
        return f'{match["space"]}{match["name"]}="{value}"'

    return text.replace(attributes, _ATTRIBUTE.sub(rewrite, attributes), 1)
