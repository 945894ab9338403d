"""The glossary: every `definition` admonition of the course, and where lessons use its terms.

Collected once per build from the source of every page (``collect_glossary``). The same
``TermMatcher`` then finds terms in lesson Markdown (for "Also used in") and in rendered lesson
HTML (for tooltips), so the two always agree on what counts as a use of a term.

Matching rules, as the README's "Writing a lesson" describes them for authors:

- A term matches its own words, its aliases (``Also called: ...``) and their regular plurals
  (-s, -es, consonant + y -> -ies), as whole words, across line breaks, longest match first
  ("program management" wins over "program").
- Case does not matter, except for abbreviations written in capitals (PM, OKR, B2B): those match
  only in capitals, so "pm" in "3 pm" is not the product manager.
- A term marked ``everyday-word`` (Planning, Closing) is recognized only through its aliases.
- Tooltips go on the first use of each term per page, never on the page that defines it, and never
  inside headings, links, code, buttons, summaries, definitions or quizzes.

Why not the abbr extension, which Material's `content.tooltips` also shows? It marks every use,
case-sensitively, without plurals, with no link to the glossary and no keyboard focus. A tooltip
here is a link with a title: Material shows the title on hover and focus, the link leads to the entry.
"""

from __future__ import annotations

import copy
import posixpath
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import Generic, Protocol, TypeVar

import yaml

from course.anchors import Slugify, heading_anchors
from course.definitions import Definition, read_definitions
from course.errors import CourseError
from course.frontmatter import _FRONT_MATTER
from course.reuse import LastCall, call
from course.text import SourceLine, normalise_newlines, plain_text, source_lines

# The page the build generates from the definitions (hooks/glossary_hook.py).
GLOSSARY_PAGE = "glossary.md"

# "Also used in" lists this many lessons and counts the rest, so a term that every lesson uses
# does not turn its entry into a wall of links.
USED_IN_LIMIT = 10



@dataclass(frozen=True)
class SourcePage:
    """A page of the site as the glossary reads it: its source, and whether it is part of the course."""

    src_path: str
    text: str  # the whole file, front matter included
    course_page: bool  # a lesson or block overview: gets tooltips and counts as "Also used in"
    nav_title: str | None = None  # used when the front matter has no title


@dataclass(frozen=True)
class PageRef:
    src_path: str
    title: str


@dataclass(frozen=True)
class Entry:
    term: str
    slug: str
    text: str  # the definition, Markdown
    short: str  # its first sentence as plain text: the tooltip
    aliases: tuple[str, ...]
    everyday_word: bool
    defined_in: PageRef
    line: int
    section: str | None
    section_anchor: str | None
    used_in: tuple[PageRef, ...] = ()
    more_used_in: int = 0  # lessons that use the term beyond USED_IN_LIMIT

    @property
    def names(self) -> tuple[str, ...]:
        """The term and its aliases: what the glossary filter matches."""
        return (self.term, *self.aliases)


@dataclass(frozen=True)
class LetterGroup:
    label: str
    anchor: str
    entries: tuple[Entry, ...]


class NamedTerm(Protocol):
    """What the matcher needs of a term: a glossary Entry, or a page's own Definition (the rule
    that terms are defined before use matches a lesson's terms the way its tooltips do)."""

    @property
    def term(self) -> str: ...
    @property
    def aliases(self) -> tuple[str, ...]: ...
    @property
    def everyday_word(self) -> bool: ...


TermT = TypeVar("TermT", bound=NamedTerm)


@dataclass(frozen=True)
class Match(Generic[TermT]):
    start: int
    end: int
    entry: TermT
    text: str


class TermMatcher(Generic[TermT]):
    """Finds terms, aliases and their plurals in text: whole words, longest first."""

    def __init__(self, entries: Iterable[TermT]) -> None:
        # Keys are a form's words joined by a space (or by what else stands between them, as in
        # "R&D"): abbreviations in capitals as written, everything else in lower case. The prefix
        # sets hold every form's first words, so most words of a text cost one set lookup.
        self._exact: dict[str, TermT] = {}
        self._folded: dict[str, TermT] = {}
        self._exact_prefixes: set[str] = set()
        self._folded_prefixes: set[str] = set()
        self._first_words: set[str] = set()  # in lower case, abbreviations too
        entries = list(entries)
        # Names first, then plurals: a name always wins over another term's automatic plural.
        forms = [(name, entry) for entry in entries for name in _names(entry)]
        forms += [(plural(name), entry) for entry in entries for name in _names(entry)]
        for form, entry in forms:
            keys = _prefix_keys(form)
            if not keys:
                continue
            if _is_abbreviation(form):
                table, prefixes = self._exact, self._exact_prefixes
            else:
                keys = [key.lower() for key in keys]
                table, prefixes = self._folded, self._folded_prefixes
            table.setdefault(keys[-1], entry)
            prefixes.update(keys[:-1])
            self._first_words.add(keys[0].lower())

    def with_entries(self, replacement: Callable[[TermT], TermT]) -> TermMatcher[TermT]:
        """The same matcher, each entry replaced (by one with the same names)."""
        matcher = copy.copy(self)
        matcher._exact = {key: replacement(entry) for key, entry in self._exact.items()}
        matcher._folded = {key: replacement(entry) for key, entry in self._folded.items()}
        return matcher

    def find(self, text: str) -> Iterator[Match[TermT]]:
        lowered = text.lower()
        if len(lowered) != len(text):  # a few characters change length in lower case ("İ")
            lowered = "".join(char if len(char.lower()) != 1 else char.lower() for char in text)
        spans = [word.span() for word in _WORD.finditer(text)]
        first = self._first_words
        index = 0
        while index < len(spans):
            start, end = spans[index]
            if lowered[start:end] not in first:  # most words: one set lookup
                index += 1
                continue
            exact, folded = text[start:end], lowered[start:end]
            last, found = index, None
            while True:
                entry = self._exact.get(exact) or self._folded.get(folded)
                if entry is not None:
                    found = (last, entry)  # the longest match so far
                if last + 1 == len(spans) or (exact not in self._exact_prefixes and folded not in self._folded_prefixes):
                    break
                gap_start, (next_start, next_end) = spans[last][1], spans[last + 1]
                separator = _separator(text[gap_start:next_start])
                exact += separator + text[next_start:next_end]
                folded += separator.lower() + lowered[next_start:next_end]
                last += 1
            if found is None:
                index += 1
                continue
            end = spans[found[0]][1]
            yield Match(start, end, found[1], text[start:end])
            index = found[0] + 1


@dataclass(frozen=True)
class Glossary:
    entries: tuple[Entry, ...]  # alphabetical
    matcher: TermMatcher[Entry] = field(compare=False)
    defined_on: dict[str, frozenset[str]] = field(compare=False)  # src_path -> slugs defined there
    tooltip_pages: frozenset[str] = frozenset()
    # src_path -> slugs of the terms its prose uses (its own definitions included)
    uses: dict[str, frozenset[str]] = field(default_factory=dict, compare=False)

    @property
    def groups(self) -> tuple[LetterGroup, ...]:
        groups: dict[str, list[Entry]] = {}
        for entry in self.entries:
            groups.setdefault(_letter(entry.term), []).append(entry)
        return tuple(
            LetterGroup(label, _letter_anchor(label), tuple(entries))
            for label, entries in groups.items()
        )


@dataclass
class GlossaryMemory:
    """What the glossary read from each page, kept by the page's text between builds.

    The preview (`make serve`) keeps one for the session, so a save parses only the saved page
    and, unless a term or alias changed, looks for terms in that page only.
    """

    _pages: dict[str, tuple[str, tuple[str | None, str, list[tuple[Definition, str | None]]]]] = field(default_factory=dict)
    _uses: dict[str, tuple[str, frozenset[str]]] = field(default_factory=dict)
    _matchers: dict[str, tuple[tuple[object, ...], TermMatcher[Entry]]] = field(default_factory=dict)
    # The entries and their finished, sorted form, while what they are made from is equal (course/reuse.py).
    kept: dict[str, LastCall] = field(default_factory=dict)

    def read(self, page: SourcePage, slugify: Slugify) -> tuple[str | None, str, list[tuple[Definition, str | None]]]:
        """The page's front matter title, its Markdown after the front matter, and its definitions
        with the anchor of the heading above each."""
        known = self._pages.get(page.src_path)
        if known is None or known[0] != page.text:
            title, end_line, body = _split_page(page.text)
            definitions, _ = read_definitions(page.src_path, body, end_line + 1)
            found = []
            if definitions:
                lines = [SourceLine(line.number + end_line, line.text, line.in_code) for line in source_lines(body)]
                anchors = [(heading.line, heading.anchor) for heading in heading_anchors(lines, slugify)]
                found = [(definition, _anchor_above(anchors, definition.line)) for definition in definitions]
            known = (page.text, (title, body, found))
            self._pages[page.src_path] = known
        return known[1]

    def matcher(self, entries: Sequence[Entry], purpose: str) -> TermMatcher[Entry]:
        """A matcher for ``entries``: the last one made for ``purpose`` when the entries' names
        (and their order, which decides between two forms alike) are the same, else a new one."""
        names = tuple((entry.slug, _names(entry)) for entry in entries)
        known = self._matchers.get(purpose)
        if known is not None and known[0] == names:
            by_slug = {entry.slug: entry for entry in entries}
            return known[1].with_entries(lambda entry: by_slug[entry.slug])
        made = TermMatcher(entries)
        self._matchers[purpose] = (names, made)
        if purpose == "used":
            self._uses.clear()  # other names: every page is read again
        return made

    def uses(self, page: SourcePage, body: str, matcher: TermMatcher[Entry]) -> frozenset[str]:
        """The slugs of the terms the page's prose uses (``matcher`` from ``self.matcher(..., "used")``)."""
        known = self._uses.get(page.src_path)
        if known is None or known[0] != page.text:
            known = (page.text, frozenset(match.entry.slug for match in matcher.find(prose_of_markdown(body))))
            self._uses[page.src_path] = known
        return known[1]

    def keep_only(self, src_paths: set[str]) -> None:
        for table in (self._pages, self._uses):
            for gone in table.keys() - src_paths:
                del table[gone]


def collect_glossary(pages: Sequence[SourcePage], slugify: Slugify, memory: GlossaryMemory | None = None) -> Glossary:
    """Every definition of ``pages`` (in course order), with where each term is used.

    Never fails: mistakes (a term defined twice, a name given to two terms, a definition without
    a title or body, broken front matter) are the course rules' to report (``name_clashes``,
    course/rules/). Here the first definition of a name wins and a definition that clashes with
    an earlier one is left out, so the preview can show the glossary while the rules list them.
    """
    memory = memory if memory is not None else GlossaryMemory()
    refs: dict[str, PageRef] = {}
    bodies: dict[str, str] = {}
    found: list[tuple[Definition, str | None]] = []  # every definition, with the anchor of the heading above it
    for page in pages:
        title, body, definitions = memory.read(page, slugify)
        refs[page.src_path] = PageRef(page.src_path, title or page.nav_title or posixpath.basename(page.src_path))
        bodies[page.src_path] = body
        found += definitions
    # The preview computes the entries again only when a definition, its place or a page title changed.
    entries, defined_on = call(memory.kept, "entries", _entries, found, refs, slugify)
    # (Kept entries are the very objects of the last build: their matcher is the last one too. In
    # order: the first of two entries alike wins a shared form.)
    matcher = call(memory.kept, "used", lambda kept: memory.matcher(list(kept), "used"), tuple(entries.values()))
    used: dict[str, list[PageRef]] = {entry.slug: [] for entry in entries.values()}
    uses: dict[str, frozenset[str]] = {}
    for page in pages:
        if page.course_page:
            found_slugs = uses[page.src_path] = memory.uses(page, bodies[page.src_path], matcher)
            for slug in found_slugs - defined_on.get(page.src_path, frozenset()):
                used[slug].append(refs[page.src_path])
    memory.keep_only({page.src_path for page in pages})
    finished = call(memory.kept, "finished", _finished, entries, used)
    return Glossary(
        entries=finished,
        matcher=call(memory.kept, "tooltips", lambda kept: memory.matcher(kept, "tooltips"), finished),
        defined_on=defined_on,
        tooltip_pages=frozenset(page.src_path for page in pages if page.course_page),
        uses=uses,
    )


def _entries(
    found: list[tuple[Definition, str | None]], refs: dict[str, PageRef], slugify: Slugify
) -> tuple[dict[str, Entry], dict[str, frozenset[str]]]:
    """Each term's entry (by casefolded term, in course order), and the slugs each page defines."""
    left_out = {id(definition) for definition, _ in name_clashes([definition for definition, _ in found], slugify)}
    first: dict[str, tuple[Definition, PageRef, str | None]] = {}  # casefolded term -> its definition
    defined_keys: dict[str, set[str]] = {}  # src_path -> casefolded terms defined there
    for definition, anchor in found:
        key = definition.term.casefold()
        earlier = first.get(key)
        if earlier is None and id(definition) not in left_out:
            first[key] = (definition, refs[definition.src_path], anchor)
            defined_keys.setdefault(definition.src_path, set()).add(key)
        elif earlier is not None and _normalise(earlier[0].text) == _normalise(definition.text):
            # The same definition repeated: that page is treated as defining the term too.
            defined_keys.setdefault(definition.src_path, set()).add(key)
    entries = {key: _entry(definition, ref, anchor, slugify) for key, (definition, ref, anchor) in first.items()}
    defined_on = {path: frozenset(entries[key].slug for key in keys) for path, keys in defined_keys.items()}
    return entries, defined_on


def _finished(entries: dict[str, Entry], used: dict[str, list[PageRef]]) -> tuple[Entry, ...]:
    """The entries with where each is used, in the glossary's alphabetical order."""
    return tuple(sorted(
        (
            replace(entry, used_in=tuple(used[entry.slug][:USED_IN_LIMIT]),
                    more_used_in=max(0, len(used[entry.slug]) - USED_IN_LIMIT))
            for entry in entries.values()
        ),
        key=lambda entry: (_sort_key(entry.term), entry.term),
    ))


def name_clashes(definitions: Sequence[Definition], slugify: Slugify) -> list[tuple[Definition, CourseError]]:
    """Each definition (in course order) that clashes with an earlier one, with the problem.

    A term is defined once in the whole course; a name (term or alias, in any case) belongs to
    one term only; and no two terms may get the same anchor on the glossary page.
    """
    clashes: list[tuple[Definition, CourseError]] = []
    terms: dict[str, Definition] = {}  # casefolded term -> its first definition
    owners: dict[str, tuple[Definition, str]] = {}  # casefolded name -> owner, "term" or "alias"
    slugs: dict[str, Definition] = {}
    for here in definitions:
        earlier = terms.get(here.term.casefold())
        if earlier is not None:
            if _normalise(earlier.text) != _normalise(here.text):
                problem = CourseError(
                    here.src_path,
                    f"'{here.term}' is defined here and in {_where(earlier)} with different text",
                    "define each term once: delete one of the two definitions, or rename one of the terms",
                    line=here.line,
                )
            else:
                problem = CourseError(
                    here.src_path,
                    f"'{here.term}' is already defined in {_where(earlier)}",
                    "define each term once in the course; here, just use the word (the glossary links it)",
                    line=here.line,
                )
            clashes.append((here, problem))
            continue
        clash = _name_clash(here, owners, slugs, slugify)
        if clash is not None:
            clashes.append((here, clash))
            continue
        terms[here.term.casefold()] = here
        slugs[slugify(here.term)] = here
        for name, kind in [(here.term, "term")] + [(alias, "alias") for alias in here.aliases]:
            owners.setdefault(_normalise(name).casefold(), (here, kind))
    return clashes


def _name_clash(
    here: Definition, owners: dict[str, tuple[Definition, str]], slugs: dict[str, Definition], slugify: Slugify
) -> CourseError | None:
    slug = slugify(here.term)
    if slug in slugs:
        there = slugs[slug]
        return CourseError(
            here.src_path,
            f"the term '{here.term}' gets the same anchor (#{slug}) as '{there.term}' defined in {_where(there)}",
            "rename one of the two terms",
            line=here.line,
        )
    for name, kind in [(here.term, "term")] + [(alias, "alias") for alias in here.aliases]:
        owner = owners.get(_normalise(name).casefold())
        if owner is None or owner[0] is here:
            continue  # an alias that repeats its own term is harmless
        there, other_kind = owner
        mine = f"the term '{name}'" if kind == "term" else f"the alias '{name}' of '{here.term}'"
        theirs = f"the term '{there.term}'" if other_kind == "term" else f"an alias of '{there.term}'"
        return CourseError(
            here.src_path,
            f"{mine} is already {theirs} defined in {_where(there)}",
            "give each name to one term only: remove or change it in one of the two files",
            line=here.line,
        )
    return None


def _entry(definition: Definition, ref: PageRef, anchor: str | None, slugify: Slugify) -> Entry:
    return Entry(
        term=definition.term,
        slug=slugify(definition.term),
        text=definition.text,
        short=first_sentence(definition.text),
        aliases=definition.aliases,
        everyday_word=definition.everyday_word,
        defined_in=ref,
        line=definition.line,
        section=definition.section,
        section_anchor=anchor,
    )


def _where(definition: Definition) -> str:
    return f"docs/{definition.src_path}:{definition.line}"


# --- Matching ------------------------------------------------------------------------------------

# A word: letters and digits, hyphenated compounds kept whole ("business-to-business").
_WORD = re.compile(r"[^\W_]+(?:-[^\W_]+)*")
_SIBILANT_END = re.compile(r"(?:s|x|z|ch|sh)$", re.IGNORECASE)
_CONSONANT_Y_END = re.compile(r"[^aeiou]y$", re.IGNORECASE)


def _names(entry: NamedTerm) -> tuple[str, ...]:
    return entry.aliases if entry.everyday_word else (entry.term, *entry.aliases)


def plural(name: str) -> str:
    """The regular English plural of a term's last word: roadmap -> roadmaps, key activity -> key activities."""
    if _is_abbreviation(name):
        return name + "s"
    if _CONSONANT_Y_END.search(name):
        return name[:-1] + "ies"
    if _SIBILANT_END.search(name):
        return name + "es"
    return name + "s"


def _is_abbreviation(name: str) -> bool:
    """PM, OKR, B2B, OKRs: two or more capitals and no other lower-case letter than a plural s."""
    letters = [char for char in name.removesuffix("s") if char.isalpha()]
    return len(letters) >= 2 and all(char.isupper() for char in letters)


def _normalise(text: str) -> str:
    return " ".join(text.split())


def _separator(gap: str) -> str:
    """What stands between two words in a key: a space for any white space (line breaks too)."""
    return " " if gap.isspace() else gap


def _prefix_keys(form: str) -> list[str]:
    """The keys of the first one, two, ... words of ``form``; the last is the key of the whole form."""
    words = list(_WORD.finditer(form))
    keys: list[str] = []
    for number, word in enumerate(words):
        separator = _separator(form[words[number - 1].end():word.start()]) if number else ""
        keys.append((keys[-1] if keys else "") + separator + word.group())
    return keys


# --- "Also used in": the prose of a lesson's Markdown --------------------------------------------

_FENCED_CODE = re.compile(r"^(?P<indent> *)(?P<fence>`{3,}|~{3,}).*?^(?P=indent)(?P=fence)[ \t]*$", re.MULTILINE | re.DOTALL)
_NOT_PROSE = re.compile(
    r"`+[^`]*`+"  # inline code
    r"|<!--.*?-->"  # comments
    r"|</?[A-Za-z][^>]*>"  # HTML tags and their attributes
    r"|\]\([^)]*\)"  # link and image targets
    r"|^[ \t]*\[[^\]\n]+\]:[^\n]*"  # reference link definitions
    r"|\{[:#.][^}]*\}",  # attribute lists
    re.MULTILINE | re.DOTALL,
)


def prose_of_markdown(markdown: str) -> str:
    """The words of a page's Markdown, without code, HTML tags, link targets or attribute lists."""
    return _NOT_PROSE.sub(" ", _FENCED_CODE.sub(" ", markdown))


# --- Tooltips in rendered HTML -------------------------------------------------------------------

# Elements whose text never gets a tooltip: headings, links and other controls, code, and text
# that is not prose.
_SKIPPED_TAGS = frozenset(
    "a abbr button code h1 h2 h3 h4 h5 h6 kbd label option pre samp script select style "
    "summary svg textarea var math".split()
)
# The definitions themselves, the quizzes, and the course's generated boxes. (Drawn diagrams are
# inline <svg>, skipped as a tag.)
_SKIPPED_CLASSES = frozenset({"definition", "quiz", "lesson-objectives", "next-block"})
_VOID_TAGS = frozenset("area base br col embed hr img input link meta source track wbr".split())
_RAW_TEXT_TAGS = ("script", "style", "textarea")
_RAW_TEXT_END = {name: re.compile(rf"</{name}", re.IGNORECASE) for name in _RAW_TEXT_TAGS}
_TAG = re.compile(
    r"<(?:!--.*?-->"  # one literal "<" first, so the regex engine skips text quickly
    r"|![^>]*>"
    r"|(?P<close>/)?(?P<name>[A-Za-z][A-Za-z0-9-]*)(?P<attrs>[^>\"']*(?:(?:\"[^\"]*\"|'[^']*')[^>\"']*)*)>)",
    re.DOTALL,
)
_CLASS = re.compile(r"""\sclass\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)

RenderTooltip = Callable[[Entry, str], str]  # (entry, the matched HTML text) -> the tooltip's HTML


def add_tooltips(
    page_html: str, glossary: Glossary, src_path: str, render: RenderTooltip, seen: set[str] | None = None
) -> str:
    """Turn the first use of each term in the page's prose into a tooltip, rendered by ``render``;
    ``seen`` gets the slug of every term found in that prose (with a tooltip or not)."""
    if src_path not in glossary.tooltip_pages:
        return page_html
    done = set(glossary.defined_on.get(src_path, ()))
    seen = seen if seen is not None else set()
    out: list[str] = []
    stack: list[tuple[str, bool]] = []  # open elements and whether text inside them is skipped
    position = 0
    for tag in _TAG.finditer(page_html):
        if tag.start() < position:
            continue  # inside a script or style, already copied
        text = page_html[position:tag.start()]
        skipped = bool(stack) and stack[-1][1]
        out.append(text if skipped else _link_terms(text, glossary.matcher, done, render, seen))
        out.append(tag.group(0))
        position = tag.end()
        name = (tag.group("name") or "").lower()
        if not name:
            continue
        if tag.group("close"):
            for depth in range(len(stack) - 1, -1, -1):
                if stack[depth][0] == name:
                    del stack[depth:]
                    break
        elif name in _RAW_TEXT_TAGS:
            closing = _RAW_TEXT_END[name].search(page_html, position)
            end = closing.start() if closing else len(page_html)
            out.append(page_html[position:end])
            position = end
        elif name not in _VOID_TAGS and not tag.group("attrs").rstrip().endswith("/"):
            inherited = bool(stack) and stack[-1][1]
            stack.append((name, inherited or name in _SKIPPED_TAGS or _has_skipped_class(tag.group("attrs"))))
    tail = page_html[position:]
    out.append(tail if stack and stack[-1][1] else _link_terms(tail, glossary.matcher, done, render, seen))
    return "".join(out)


def _has_skipped_class(attrs: str) -> bool:
    found = _CLASS.search(attrs)
    if found is None:
        return False
    classes = next(group for group in found.groups() if group is not None).split()
    return not _SKIPPED_CLASSES.isdisjoint(classes)


def _link_terms(text: str, matcher: TermMatcher, done: set[str], render: RenderTooltip, seen: set[str]) -> str:
    if not text.strip():
        return text
    pieces: list[str] = []
    position = 0
    for match in matcher.find(text):
        seen.add(match.entry.slug)
        if match.entry.slug in done:
            continue
        done.add(match.entry.slug)
        pieces += [text[position:match.start], render(match.entry, match.text)]
        position = match.end
    return "".join(pieces) + text[position:] if pieces else text


# --- Text helpers --------------------------------------------------------------------------------

_ABBREVIATIONS = ("e.g.", "i.e.", "etc.", "vs.", "cf.", "approx.", "Dr.", "Mr.", "Mrs.", "Ms.", "St.")
_SENTENCE_END = re.compile(r"[.!?][\"”’)]?\s+(?=[A-Z0-9\"“(])")


def first_sentence(markdown: str) -> str:
    """The first sentence of a definition, as plain text: the tooltip."""
    text = plain_text(markdown)
    for end in _SENTENCE_END.finditer(text):
        before = text[: end.start() + 1]
        last_word = before.rsplit(" ", 1)[-1]
        if last_word in _ABBREVIATIONS or re.fullmatch(r"[A-Z]\.", last_word):
            continue  # "e.g. Jira", "Winston W. Royce"
        return text[: end.end()].rstrip()
    return text


def _sort_key(term: str) -> str:
    return unicodedata.normalize("NFKD", term).encode("ascii", "ignore").decode().casefold()


def glossary_anchors(terms: Iterable[str], slugify: Slugify) -> frozenset[str]:
    """The ids the generated glossary page gives its entries and letter groups (links may point at them)."""
    terms = list(terms)
    letters = {_letter(term) for term in terms}
    return frozenset([slugify(term) for term in terms] + [_letter_anchor(letter) for letter in letters])


def _letter_anchor(label: str) -> str:
    return "letter-" + ("other" if label == "#" else label.lower())


def _letter(term: str) -> str:
    first = _sort_key(term)[:1].upper()
    return first if "A" <= first <= "Z" else "#"


def _anchor_above(anchors: list[tuple[int, str]], line: int) -> str | None:
    above = [anchor for heading_line, anchor in anchors if heading_line < line]
    return above[-1] if above else None


# libyaml when PyYAML has it: the glossary needs only each page's title, and at a thousand lessons
# the pure-Python parser (with the line numbers course.frontmatter keeps for error messages) is slow.
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _split_page(text: str) -> tuple[str | None, int, str]:
    """The page's front matter title, the line of its closing '---' (0 without), and the Markdown
    after it. Front matter that cannot be read gives no title (the course rules report it)."""
    text = normalise_newlines(text.lstrip("\ufeff"))
    match = _FRONT_MATTER.match(text) if text.startswith("---") else None
    if match is None:
        return None, 0, text
    try:
        data = yaml.load(match.group(1) or "", Loader=_YAML_LOADER)
    except yaml.YAMLError:
        data = None
    end_line = text[: match.end()].count("\n")
    title = data.get("title") if isinstance(data, dict) else None
    return (title if isinstance(title, str) else None), end_line, "\n".join(text.split("\n")[end_line:])
