"""A page's HTML made fit for the whole-course print view, where every page shares one document.

mkdocs-print-site-plugin joins the pages and makes the ids of headings, list items and form
inputs unique by prefixing them with the page's key. Two things it leaves alone are fixed here:

- scripts and styles that a page carries in its own body (the links to mkdocs-quiz's code and
  CSS on every quiz page) would load or run once per page; the print view needs none of them;
- every other id (quiz questions, the objectives box) and the ARIA attributes that point at
  ids would clash between pages; they get the same prefix the plugin gives headings.

The quiz plugin's per-page progress widgets, its "link to this question" anchors and its
source comments are dropped too: they only make sense on the lesson page itself.
"""

from __future__ import annotations

from html import escape
from html.parser import HTMLParser

# Elements whose ids mkdocs-print-site-plugin already prefixes.
_PREFIXED_BY_PLUGIN = {"h1", "h2", "h3", "h4", "h5", "h6", "sup", "li", "input"}
_ID_REFERENCES = ("aria-labelledby", "aria-describedby", "aria-controls")
_DROPPED_IDS = {"quiz-progress-sidebar", "quiz-progress-mobile"}
_DROPPED_CLASSES = {"quiz-header-link"}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

Attributes = list[tuple[str, str | None]]


def printable(html: str, id_prefix: str) -> str:
    """``html`` without scripts, styles or quiz widgets, its ids and ARIA references prefixed."""
    printer = _Printer(id_prefix)
    printer.feed(html)
    printer.close()
    return "".join(printer.out)


class _Printer(HTMLParser):
    def __init__(self, id_prefix: str) -> None:
        super().__init__(convert_charrefs=False)
        self.prefix = id_prefix
        self.out: list[str] = []
        self.dropping = 0  # depth inside a dropped element

    def _dropped(self, tag: str, attrs: Attributes) -> bool:
        values = dict(attrs)
        return (
            tag in ("script", "style", "link")
            or values.get("id") in _DROPPED_IDS
            or bool(_DROPPED_CLASSES & set((values.get("class") or "").split()))
        )

    def _tag(self, tag: str, attrs: Attributes, closed: bool) -> str:
        text = self.get_starttag_text() or ""
        rewritten = [(name, self._rewrite(tag, name, value)) for name, value in attrs]
        if rewritten == attrs:
            return text
        parts = "".join(f' {name}="{escape(value)}"' if value is not None else f" {name}" for name, value in rewritten)
        return f"<{tag}{parts}{' /' if closed else ''}>"

    def _rewrite(self, tag: str, name: str, value: str | None) -> str | None:
        if value is None:
            return None
        if name == "id" and tag not in _PREFIXED_BY_PLUGIN:
            return self.prefix + value
        if name in _ID_REFERENCES:
            return " ".join(self.prefix + ref for ref in value.split())
        return value

    def handle_starttag(self, tag: str, attrs: Attributes) -> None:
        if self.dropping or self._dropped(tag, attrs):
            if tag not in _VOID:
                self.dropping += 1
            return
        self.out.append(self._tag(tag, attrs, closed=False))

    def handle_startendtag(self, tag: str, attrs: Attributes) -> None:
        if not self.dropping and not self._dropped(tag, attrs):
            self.out.append(self._tag(tag, attrs, closed=True))

    def handle_endtag(self, tag: str) -> None:
        if self.dropping:
            if tag not in _VOID:
                self.dropping -= 1
            return
        self.out.append(f"</{tag}>")

    def _keep(self, text: str) -> None:
        if not self.dropping:
            self.out.append(text)

    def handle_data(self, data: str) -> None:
        self._keep(data)

    def handle_entityref(self, name: str) -> None:
        self._keep(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self._keep(f"&#{name};")

    def handle_comment(self, data: str) -> None:
        pass  # invisible anyway; mkdocs-quiz's comments repeat each quiz's source, answers included

    def handle_decl(self, decl: str) -> None:
        self._keep(f"<!{decl}>")

    def handle_pi(self, data: str) -> None:
        self._keep(f"<?{data}>")

    def unknown_decl(self, data: str) -> None:
        self._keep(f"<![{data}]>")
