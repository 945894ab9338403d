"""The one entry point of the course rules: `check_course` reads mkdocs.yml and every file of
docs/ and returns every problem, in file and line order.

The build (hooks/course_hook.py) and `make lint` (tools/lint_lessons.py) both call it, so a page
that fails one fails the other; the lint adds only spelling and Markdown style. Each rule is a
plain function in the module of its subject under course/rules/ (see that package's docstring);
the lists below are the whole rule set.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property

from course.errors import Problem
from course.rules import CourseRule, PageRule, admonitions, assessment, definitions, diagrams, durations, files, front_matter
from course.rules import glossary, links, markdown, names, quizzes, safety, scaffold, sections, structure
from course.reuse import LastCall, call
from course.site import read_site_config
from course.anchors import Slugify, configured_slugify
from course.source import CourseSource, PageSource

# Rules for every page, even one whose front matter cannot be read: what must never reach the site.
ANY_PAGE_RULES: tuple[PageRule, ...] = (
    front_matter.readable,
    files.empty_page,
    safety.unsafe_html,
    safety.resources_from_other_hosts,
)

# Rules for a page whose front matter could be read (anything else on a page with broken front
# matter would be placed on guesswork: that page gets only the problem above).
PAGE_RULES: tuple[PageRule, ...] = (
    front_matter.unknown_keys,
    markdown.tabs,
    markdown.heading_without_space,
    markdown.unclosed_fence,
    markdown.unclosed_comment,
    sections.page_title_heading,
    sections.objectives_section,
    sections.lesson_sections,
    definitions.well_formed,
    definitions.sentence_case_terms,
    definitions.short_definitions,
    definitions.named_aliases,
    definitions.defined_before_use,
    quizzes.quiz_tags,
    quizzes.quiz_structure,
    quizzes.quiz_count,
    quizzes.declared_objectives,
    assessment.every_objective_checked,
    assessment.right_answer_not_longest,
    assessment.absolutes_only_in_wrong_answers,
    durations.declared_duration,
    durations.lesson_length,
    admonitions.known_types,
    admonitions.indented_bodies,
    diagrams.mermaid_diagrams,
    diagrams.mermaid_syntax,
    diagrams.images_have_alt_text,
    scaffold.unfinished_markers,
)

# Rules that compare pages or need mkdocs.yml.
COURSE_RULES: tuple[CourseRule, ...] = (
    structure.readable_site_config,
    structure.nav_files_exist,
    structure.generated_pages_in_nav,
    structure.pages_in_nav,
    structure.blocks_and_lessons,
    names.file_names,
    names.one_title_per_page,
    names.one_description_per_page,
    glossary.one_definition_per_name,
    glossary.generated_page_left_free,
    links.links_and_anchors,
    scaffold.template_text,
)


@dataclass(frozen=True)
class CourseCheck:
    """What `check_course` found, and the course it read (decoded once, for the build to reuse)."""

    problems: tuple[Problem, ...]
    source: CourseSource
    not_utf8: frozenset[str] = frozenset()  # pages read from a best guess at their encoding

    @cached_property
    def by_file(self) -> dict[str, tuple[Problem, ...]]:
        """The problems of each file (mkdocs.yml's under 'mkdocs.yml')."""
        grouped: dict[str, list[Problem]] = {}
        for problem in self.problems:
            grouped.setdefault(problem.src_path, []).append(problem)
        return {path: tuple(found) for path, found in grouped.items()}

    def text_of(self, src_path: str) -> str | None:
        page = self.source.pages.get(src_path)
        return page.text if page is not None else None


@dataclass
class _CheckedPage:
    digest: bytes  # of the page's bytes
    kind: str
    source: PageSource
    problems: tuple[Problem, ...]  # its decoding problem and what the page rules found
    readable: bool  # its front matter could be read and it is not empty
    not_utf8: bool


@dataclass
class CheckMemory:
    """Each page's parse and page-rule results, kept between checks of the same course.

    Page rules depend on a page's bytes and kind alone (course/rules/__init__.py), so a page
    whose bytes and kind are unchanged keeps its problems and its parsed source (front matter,
    headings, anchors...), which the course rules then read again without parsing. The preview
    (`make serve`) keeps one for the whole session: a save re-checks the saved page only, plus
    the rules that compare pages.
    """

    pages: dict[str, _CheckedPage] = field(default_factory=dict)
    rules: tuple[object, ...] = ()  # the page rules the results come from
    # The whole-course steps' last results: mkdocs.yml read, and the course rules' own (course/reuse.py).
    kept: dict[str, LastCall] = field(default_factory=dict)


def check_course(
    mkdocs_yml: str,
    pages: Mapping[str, bytes],
    other_files: Iterable[str] = (),
    *,
    slugify: Slugify | None = None,
    lesson_template: str | None = None,
    memory: CheckMemory | None = None,
    inherited_configs: Sequence[str] = (),
) -> CourseCheck:
    """Run every course rule over the course.

    - ``mkdocs_yml``: the text of the site configuration (the nav and the toc settings come from it);
    - ``inherited_configs``: the texts of the files it inherits from (course.site.config_chain);
    - ``pages``: every Markdown file of docs/, by path relative to docs/, as raw bytes (they are
      decoded here, so a file in another encoding is a located problem and not a traceback);
    - ``other_files``: the paths of every other file of docs/ (images, worksheets' assets...),
      which links may lead to;
    - ``slugify``: the toc extension's slugify as configured (default: Python-Markdown's own);
    - ``lesson_template``: the text of tools/templates/lesson.md, to find leftover scaffold text;
    - ``memory``: the results of an earlier check of the same course, reused for unchanged pages
      (and updated).
    """
    if memory is not None and memory.rules != (ANY_PAGE_RULES, PAGE_RULES):
        memory.pages.clear()
        memory.kept.clear()
        memory.rules = (ANY_PAGE_RULES, PAGE_RULES)
    kept = memory.kept if memory is not None else None
    site = call(kept, "site", read_site_config, mkdocs_yml, tuple(inherited_configs))
    kinds = site.kinds()
    problems: list[Problem] = []
    sources: dict[str, PageSource] = {}
    not_utf8 = set()
    unreadable = set()
    for src_path in sorted(pages):
        kind = kinds.get(src_path, "page")
        known = memory.pages.get(src_path) if memory is not None else None
        if known is None or known.kind != kind or known.digest != _digest(pages[src_path]):
            known = _check_page(src_path, pages[src_path], kind)
            if memory is not None:
                memory.pages[src_path] = known
        sources[src_path] = known.source
        problems += known.problems
        if known.not_utf8:
            not_utf8.add(src_path)
        if not known.readable:
            unreadable.add(src_path)
    if memory is not None:
        for gone in memory.pages.keys() - pages.keys():
            del memory.pages[gone]
    course = CourseSource(
        site=site,
        pages=sources,
        files=frozenset([*pages, *other_files]),
        slugify=slugify or configured_slugify({"separator": site.toc_separator}),
        lesson_template=lesson_template,
        kept=kept,
    )
    for course_rule in COURSE_RULES:
        # A page that cannot be read keeps only its own problem: what the course rules would say
        # about it (no title, not a lesson) follows from that one.
        problems += [problem for problem in course_rule(course) if problem.src_path not in unreadable]
    if memory is not None:
        for page in sources.values():  # a kept page whose lines a rule parsed again drops them too
            page.forget_lines()
    return CourseCheck(tuple(sorted(dict.fromkeys(problems), key=Problem.sort_key)), course, frozenset(not_utf8))


def _check_page(src_path: str, raw: bytes, kind: str) -> _CheckedPage:
    """One page decoded, parsed and checked by every page rule."""
    text, problem = files.decode(src_path, raw)
    page = PageSource(src_path, text, kind)  # type: ignore[arg-type]
    found: list[Problem] = [problem] if problem is not None else []
    for rule in ANY_PAGE_RULES:
        found += rule(page)
    readable = page.front_matter_problem is None and bool(page.text.strip())
    if readable:
        for rule in PAGE_RULES:
            found += rule(page)
    return _CheckedPage(_digest(raw), kind, page, tuple(found), readable, problem is not None)


def _digest(raw: bytes) -> bytes:
    return hashlib.blake2b(raw, digest_size=16).digest()
