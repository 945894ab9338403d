"""The one entry point of the course rules: `check_course` reads mkdocs.yml and every file of
docs/ and returns every problem, in file and line order.

The build (hooks/course_hook.py) and `make lint` (tools/lint_lessons.py) both call it, so a page
that fails one fails the other; the lint adds only spelling and Markdown style. Each rule is a
plain function in the module of its subject under course/rules/ (see that package's docstring);
the lists below are the whole rule set.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property

from course.errors import Problem
from course.rules import CourseRule, PageRule, admonitions, assessment, definitions, diagrams, durations, files, front_matter
from course.rules import glossary, links, markdown, names, quizzes, safety, scaffold, sections, structure
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


def check_course(
    mkdocs_yml: str,
    pages: Mapping[str, bytes],
    other_files: Iterable[str] = (),
    *,
    slugify: Slugify | None = None,
    lesson_template: str | None = None,
) -> CourseCheck:
    """Run every course rule over the course.

    - ``mkdocs_yml``: the text of the site configuration (the nav and the toc settings come from it);
    - ``pages``: every Markdown file of docs/, by path relative to docs/, as raw bytes (they are
      decoded here, so a file in another encoding is a located problem and not a traceback);
    - ``other_files``: the paths of every other file of docs/ (images, worksheets' assets...),
      which links may lead to;
    - ``slugify``: the toc extension's slugify as configured (default: Python-Markdown's own);
    - ``lesson_template``: the text of tools/templates/lesson.md, to find leftover scaffold text.
    """
    site = read_site_config(mkdocs_yml)
    kinds = site.kinds()
    problems: list[Problem] = []
    sources: dict[str, PageSource] = {}
    not_utf8 = set()
    for src_path in sorted(pages):
        text, problem = files.decode(src_path, pages[src_path])
        if problem is not None:
            problems.append(problem)
            not_utf8.add(src_path)
        sources[src_path] = PageSource(src_path, text, kinds.get(src_path, "page"))
    course = CourseSource(
        site=site,
        pages=sources,
        files=frozenset([*pages, *other_files]),
        slugify=slugify or configured_slugify({"separator": site.toc_separator}),
        lesson_template=lesson_template,
    )
    unreadable = set()
    for page in sources.values():
        for rule in ANY_PAGE_RULES:
            problems += rule(page)
        if page.front_matter_problem is not None or not page.text.strip():
            unreadable.add(page.src_path)
            continue
        for rule in PAGE_RULES:
            problems += rule(page)
    for course_rule in COURSE_RULES:
        # A page that cannot be read keeps only its own problem: what the course rules would say
        # about it (no title, not a lesson) follows from that one.
        problems += [problem for problem in course_rule(course) if problem.src_path not in unreadable]
    return CourseCheck(tuple(sorted(dict.fromkeys(problems), key=Problem.sort_key)), course, frozenset(not_utf8))
