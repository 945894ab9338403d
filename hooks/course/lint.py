"""The lesson lint: what a reviewer would otherwise point out, each with its file, line and fix.

tools/lint_lessons.py runs these checks on every page of docs/, adds spelling (codespell)
and Markdown style (pymarkdown), and prints the problems; the build refuses unsafe HTML
by itself through course/safety.py.

Quizzes are read with mkdocs-quiz's own parsing helpers, so the lint and the site agree on
what a quiz is. Those helpers are plain string functions, but importing them loads the
plugin's package (and with it MkDocs), which is why course/__init__.py does not import
this module.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass
from textwrap import dedent
from typing import Any, Literal

import yaml
from mkdocs_quiz.parsing import CHECKBOX_REGEX, FEEDBACK_REGEX, FILL_BLANK_REGEX, collect_feedback, find_quizzes

from course.definitions import ALIASES_PREFIX, find_definitions
# Diagrams (issue 15): the known types and Mermaid's own syntax check live with the renderer.
from course.diagrams import MERMAID_DIAGRAM_TYPES, diagram_problems
from course.errors import CourseError
from course.frontmatter import FrontMatter, read_front_matter
from course.safety import Prose, SourceLine, fences, source_lines, unsafe_html
from course.structure import BLOCK_KEYS, LESSON_KEYS, NavPage, block_front_matter_problems, lesson_front_matter_problems

PageKind = Literal["lesson", "block", "page"]

# Keys a page may set besides its own: `next` (lessons), and Material's per-page switches.
OPTIONAL_KEYS = ("hide", "search")
LESSON_OPTIONAL_KEYS = ("next", *OPTIONAL_KEYS)

KEY_POINTS = "Key points"
QUIZ_SECTION = "Check your understanding"
MIN_QUIZZES = 3
ANSWERS_PER_QUIZ = (3, 4)
MAX_DEFINITION_SENTENCES = 3
DIAGRAM_IN_WORDS = "The diagram in words"

# Words that mark unfinished work; lessons are published exactly as they are merged.
UNFINISHED_MARKERS = re.compile(r"\b(TODO|TBD|FIXME|coming soon|placeholder|lorem ipsum)\b", re.IGNORECASE)

_HEADING = re.compile(r"^(?P<hashes>#{1,6})[ \t]+(?P<text>.+?)(?:[ \t]+#+)?[ \t]*$")
_BULLET = re.compile(r"^\s{0,3}(?:[-*+]|\d+[.)])\s+\S")
_ALIASES_LINE = re.compile(r"^\s*" + re.escape(ALIASES_PREFIX) + r"(?P<names>.*)$")
_OBJECTIVES_HEADING = re.compile(r"^(?:learning )?objectives$|^what you will learn$", re.IGNORECASE)
_QUIZ_TAG = re.compile(r"<(?P<closing>/?)quiz>")
_MARKDOWN_IMAGE = re.compile(r"!\[(?P<alt>[^\]]*)\]\(\s*<?(?P<src>[^)\s>]*)")
_HTML_IMAGE = re.compile(r"<img\b(?P<attrs>[^<>]*)>", re.IGNORECASE)
_HTML_ALT = re.compile(r"""\balt\s*=\s*(?:"(?P<double>[^"]*)"|'(?P<single>[^']*)'|(?P<bare>[^\s>]+))""", re.IGNORECASE)
_HTML_SRC = re.compile(r"""\bsrc\s*=\s*["']?(?P<src>[^"'\s>]+)""", re.IGNORECASE)
_REMOTE = re.compile(r"^(?:[a-z][a-z0-9+.-]*:)?//", re.IGNORECASE)
_FIGURE_OPEN = re.compile(r"<figure\b[^>]*\bclass=\"[^\"]*\bdiagram\b[^\"]*\"[^>]*\bmarkdown\b", re.IGNORECASE)
_FIGCAPTION = re.compile(r"<figcaption>\s*\S", re.IGNORECASE)
_TEXT_ALTERNATIVE = re.compile(r'^\s*(?:\?\?\?\+?|!!!)\s+[\w-]+\s+"' + re.escape(DIAGRAM_IN_WORDS) + '"', re.IGNORECASE)
_ACC_TITLE = re.compile(r"^\s*accTitle\s*:\s*\S")
_ACC_DESCR = re.compile(r"^\s*accDescr\s*(?::\s*\S|\{)")
_SENTENCE_END = re.compile(r"[.!?](?=\s|$)")


@dataclass(frozen=True)
class PageSource:
    src_path: str  # relative to docs/
    text: str
    kind: PageKind


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without acting on its tags (!!python/name:..., !ENV ...): only the nav is needed."""


for _prefix in ("tag:yaml.org,2002:python/", "!"):
    _ConfigLoader.add_multi_constructor(_prefix, lambda loader, suffix, node: None)


def read_nav(mkdocs_yml: str) -> list[Any]:
    """The nav of mkdocs.yml, as YAML lists and mappings."""
    config = yaml.load(mkdocs_yml, Loader=_ConfigLoader)
    nav = config.get("nav") if isinstance(config, dict) else None
    if not isinstance(nav, list):
        raise CourseError("mkdocs.yml", "there is no nav list", "list the pages under 'nav:' as the README shows")
    return nav


def page_kinds(nav: list[Any]) -> dict[str, PageKind]:
    """What each Markdown page in the mkdocs.yml nav is: a lesson, a block overview or another page."""
    kinds: dict[str, PageKind] = {}
    for entry in nav:
        value = _nav_value(entry)
        if isinstance(value, list):
            for item in value:
                path = _nav_value(item)
                if isinstance(path, str) and path.endswith(".md"):
                    kinds[path] = "block" if posixpath.basename(path) == "index.md" else "lesson"
        elif isinstance(value, str) and value.endswith(".md"):
            kinds[value] = "page"
    return kinds


def _nav_value(entry: Any) -> Any:
    return next(iter(entry.values())) if isinstance(entry, dict) and len(entry) == 1 else entry


def lint_pages(pages: Iterable[PageSource]) -> list[CourseError]:
    """Every problem in ``pages``, in file and line order."""
    pages = list(pages)
    problems = [problem for page in pages for problem in lint_page(page)]
    problems += _repeated_definitions(pages) + _repeated_descriptions(pages)
    return sorted(problems, key=lambda problem: (problem.src_path, problem.line or 0))


def lint_page(page: PageSource) -> list[CourseError]:
    problems = unsafe_html(page.src_path, page.text)
    try:
        front_matter = read_front_matter(page.src_path, page.text)
    except CourseError as error:
        return problems + [error]  # the rest of the page cannot be placed reliably
    lines = source_lines(page.text, diagrams_are_code=True)
    body = lines[front_matter.end_line:]
    problems += _unfinished_markers(page.src_path, lines)
    problems += _images(page.src_path, lines)
    problems += _diagrams(page.src_path, page.text, lines)
    problems += _definitions(page.src_path, page.text, front_matter)
    if page.kind == "lesson":
        nav_page = NavPage(page.src_path, "", front_matter)
        problems += lesson_front_matter_problems(nav_page)
        problems += _unknown_keys(page.src_path, front_matter, LESSON_KEYS, LESSON_OPTIONAL_KEYS)
        problems += _lesson_sections(page.src_path, body, len(lines))
        problems += _quizzes(page.src_path, lines, body)
    elif page.kind == "block":
        problems += block_front_matter_problems(NavPage(page.src_path, "", front_matter))
        problems += _unknown_keys(page.src_path, front_matter, BLOCK_KEYS, OPTIONAL_KEYS)
    return problems


# Front matter -------------------------------------------------------------------------


def _unknown_keys(src_path: str, front_matter: FrontMatter, required: tuple[str, ...], optional: tuple[str, ...]) -> list[CourseError]:
    known = (*required, *optional)
    return [
        CourseError(
            src_path,
            f"unknown front matter key '{key}'",
            f"check its spelling; the keys are {', '.join(required)} (optional: {', '.join(optional)})",
            line=front_matter.line_of(key),
        )
        for key in front_matter.data
        if key not in known
    ]


def _repeated_descriptions(pages: list[PageSource]) -> list[CourseError]:
    problems = []
    seen: dict[str, str] = {}
    for page in pages:
        try:
            front_matter = read_front_matter(page.src_path, page.text)
        except CourseError:
            continue  # reported by lint_page
        description = front_matter.data.get("description")
        if not isinstance(description, str) or not description.strip():
            continue
        key = " ".join(description.split()).casefold()
        if key in seen:
            problems.append(CourseError(
                page.src_path,
                f"the description is the same as that of docs/{seen[key]}",
                "write a sentence for this page alone: it is the page's search-engine summary and appears on cards",
                line=front_matter.line_of("description"),
            ))
        else:
            seen[key] = page.src_path
    return problems


# Sections -----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Heading:
    line: int
    level: int
    text: str


def _headings(lines: list[SourceLine]) -> list[_Heading]:
    found = []
    for line in lines:
        match = None if line.in_code else _HEADING.match(line.text)
        if match:
            found.append(_Heading(line.number, len(match.group("hashes")), match.group("text").strip()))
    return found


def _lesson_sections(src_path: str, body: list[SourceLine], last_line: int) -> list[CourseError]:
    problems = []
    headings = _headings(body)
    for heading in headings:
        if heading.level == 1:
            problems.append(CourseError(
                src_path,
                f"'# {heading.text}' is a page title, but a lesson's title comes from its front matter",
                "make it a '## ' section heading, or remove it if it repeats the title",
                line=heading.line,
            ))
        elif heading.level == 2 and _OBJECTIVES_HEADING.match(heading.text):
            problems.append(CourseError(
                src_path,
                f"the section '{heading.text}' repeats the objectives, which the site shows from the front matter",
                "remove the section and keep the objectives in the front matter list 'objectives:'",
                line=heading.line,
            ))
    sections = [heading for heading in headings if heading.level == 2]
    titles = [heading.text for heading in sections]
    quiz = sections[titles.index(QUIZ_SECTION)] if QUIZ_SECTION in titles else None
    key_points = sections[titles.index(KEY_POINTS)] if KEY_POINTS in titles else None
    if key_points is None:
        problems.append(CourseError(
            src_path,
            f"the lesson has no '## {KEY_POINTS}' section",
            f"add '## {KEY_POINTS}' before '## {QUIZ_SECTION}', with 4-7 bullets that sum up the lesson",
            line=quiz.line if quiz else last_line,
        ))
    elif not any(_BULLET.match(line.text) for line in _section_lines(body, key_points, headings)):
        problems.append(CourseError(
            src_path,
            f"'## {KEY_POINTS}' has no bullet list",
            "write one '- ' bullet per key idea (4-7 bullets)",
            line=key_points.line,
        ))
    if quiz is None:
        # Where the heading belongs: above the first quiz, else after the key points.
        first_quiz = next((line.number for line in body if not line.in_code and _QUIZ_TAG.match(line.text.strip())), None)
        problems.append(CourseError(
            src_path,
            f"the lesson has no '## {QUIZ_SECTION}' section",
            f"end the lesson with '## {QUIZ_SECTION}' and at least {MIN_QUIZZES} <quiz> blocks",
            line=first_quiz or (key_points.line if key_points else last_line),
        ))
        return problems
    if key_points is not None and key_points.line > quiz.line:
        problems.append(CourseError(
            src_path,
            f"'## {KEY_POINTS}' comes after '## {QUIZ_SECTION}'",
            f"move '## {KEY_POINTS}' above '## {QUIZ_SECTION}'",
            line=key_points.line,
        ))
    for later in sections[sections.index(quiz) + 1:]:
        if later is not key_points:
            problems.append(CourseError(
                src_path,
                f"'## {later.text}' comes after '## {QUIZ_SECTION}', which must close the lesson",
                f"move the section above '## {KEY_POINTS}'",
                line=later.line,
            ))
    return problems


def _section_lines(body: list[SourceLine], heading: _Heading, headings: list[_Heading]) -> list[SourceLine]:
    following = [other.line for other in headings if other.line > heading.line and other.level <= heading.level]
    end = following[0] if following else body[-1].number + 1
    return [line for line in body if heading.line < line.number < end and not line.in_code]


# Quizzes ------------------------------------------------------------------------------


def _quizzes(src_path: str, lines: list[SourceLine], body: list[SourceLine]) -> list[CourseError]:
    prose = Prose.of(lines)
    matches = find_quizzes(prose.text)
    problems = []
    unclosed = []
    opener: re.Match[str] | None = None
    for tag in _QUIZ_TAG.finditer(prose.text):
        if not tag.group("closing"):
            if opener is not None:
                unclosed.append(opener)
            opener = tag
        elif opener is None:
            problems.append(CourseError(
                src_path, "this </quiz> closes no quiz", "remove it, or add the <quiz> line that starts the quiz", line=prose.line_at(tag.start()),
            ))
        else:
            opener = None
    unclosed += [opener] if opener is not None else []
    for tag in unclosed:
        problems.append(CourseError(
            src_path, "this <quiz> is never closed", "end the quiz with a line holding only </quiz>", line=prose.line_at(tag.start()),
        ))
    for match in matches:
        if "<quiz>" not in match.group(1):  # a quiz that swallowed an unclosed one is reported above
            problems += _quiz(src_path, match.group(1), prose.line_at(match.start(1)))
    section = next((heading for heading in _headings(body) if heading.level == 2 and heading.text == QUIZ_SECTION), None)
    if section is not None:
        in_section = [match for match in matches if prose.line_at(match.start()) > section.line]
        if len(in_section) < MIN_QUIZZES:
            problems.append(CourseError(
                src_path,
                f"'## {QUIZ_SECTION}' has {len(in_section)} quiz question(s)",
                f"write at least {MIN_QUIZZES} <quiz> blocks under it",
                line=section.line,
            ))
    return problems


def _quiz(src_path: str, content: str, first_line: int) -> list[CourseError]:
    """Check one quiz; ``first_line`` is the line where ``content`` starts (the <quiz> line)."""
    if re.search(FILL_BLANK_REGEX, content):
        return []  # a fill-in-the-blank quiz has no answer list to check
    lines = dedent(content).split("\n")
    problems = []

    def error(index: int, problem: str, fix: str) -> None:
        problems.append(CourseError(src_path, problem, fix, line=first_line + index))

    answers = [index for index, line in enumerate(lines) if CHECKBOX_REGEX.match(line)]
    if not answers:
        error(0, "this quiz has no answers", "list 3-4 answers under the question: '- [x] ...' for the right one, '- [ ] ...' for the others")
        return problems
    if not any(line.strip() for line in lines[: answers[0]]):
        error(answers[0], "this quiz has no question", "write the question on the line after <quiz>, above the answers")
    correct = 0
    index = answers[0]
    last_answer_end = index
    while index < len(lines):
        line = lines[index]
        checkbox = CHECKBOX_REGEX.match(line)
        if checkbox:
            mark = checkbox.group(1)
            if mark not in ("x", "X", " ", ""):
                error(index, f"'[{mark}]' is not an answer mark", "use '- [x]' for a right answer and '- [ ]' for a wrong one")
            feedback, index = collect_feedback(lines, index + 1)
            if mark in ("x", "X"):
                correct += 1
            elif not feedback:
                error(
                    index - 1,
                    f"the wrong answer '{checkbox.group(2).strip()}' has no feedback",
                    "add a '> ' line directly under it (no blank line) that says why it is not right",
                )
            last_answer_end = index
            continue
        if not line.strip():
            index += 1
            continue
        if FEEDBACK_REGEX.match(line):
            error(index, "this feedback line is separated from its answer by a blank line", "remove the blank line above it")
            index += 1
            continue
        break
    count = len(answers)
    if correct == 0:
        error(answers[0], "no answer of this quiz is marked right", "mark the right answer with '- [x]'")
    if not ANSWERS_PER_QUIZ[0] <= count <= ANSWERS_PER_QUIZ[1]:
        error(
            answers[0],
            f"this quiz has {count} answer(s)",
            f"give {ANSWERS_PER_QUIZ[0]} or {ANSWERS_PER_QUIZ[1]} answers: the right one and plausible wrong ones",
        )
    if not any(line.strip() and not FEEDBACK_REGEX.match(line) for line in lines[last_answer_end:]):
        error(
            len(lines) - 1,
            "this quiz has no explanation after its answers",
            "leave a blank line after the answers and write 1-3 sentences that explain the right answer",
        )
    return problems


# Definitions --------------------------------------------------------------------------


def _definitions(src_path: str, text: str, front_matter: FrontMatter) -> list[CourseError]:
    body = "\n".join(text.replace("\r\n", "\n").split("\n")[front_matter.end_line:])
    try:
        definitions = find_definitions(src_path, body, front_matter.end_line + 1)
    except CourseError as error:
        return [error]
    problems = []
    for definition in definitions:
        if definition.term[:1].islower():
            problems.append(CourseError(
                src_path,
                f"the term '{definition.term}' starts with a small letter",
                "write the term in sentence case, e.g. \"Product manager\"",
                line=definition.line,
            ))
        sentences = len(_SENTENCE_END.findall(definition.text))
        if sentences > MAX_DEFINITION_SENTENCES:
            problems.append(CourseError(
                src_path,
                f"the definition of '{definition.term}' has {sentences} sentences; it is copied into the glossary and tooltips",
                f"keep it to 1-{MAX_DEFINITION_SENTENCES} sentences and move the rest into the lesson text",
                line=definition.line,
            ))
    for line in source_lines(text, diagrams_are_code=True):
        aliases = None if line.in_code else _ALIASES_LINE.match(line.text)
        if aliases and not [name for name in aliases.group("names").split(",") if name.strip()]:
            problems.append(CourseError(
                src_path,
                f"'{ALIASES_PREFIX}' names no other words for the term",
                f"list them after it, separated by commas (e.g. '{ALIASES_PREFIX} PM, product managers'), or remove the line",
                line=line.number,
            ))
    return problems


def _repeated_definitions(pages: list[PageSource]) -> list[CourseError]:
    problems = []
    seen: dict[str, tuple[str, int]] = {}
    for page in pages:
        try:
            front_matter = read_front_matter(page.src_path, page.text)
            body = "\n".join(page.text.replace("\r\n", "\n").split("\n")[front_matter.end_line:])
            definitions = find_definitions(page.src_path, body, front_matter.end_line + 1)
        except CourseError:
            continue  # reported by lint_page
        for definition in definitions:
            key = definition.term.casefold()
            if key in seen:
                where, line = seen[key]
                problems.append(CourseError(
                    page.src_path,
                    f"'{definition.term}' is already defined in docs/{where}:{line}",
                    "define each term once in the course; here, just use the word (the glossary links it)",
                    line=definition.line,
                ))
            else:
                seen[key] = (page.src_path, definition.line)
    return problems


# Diagrams and images ------------------------------------------------------------------


def _diagrams(src_path: str, text: str, lines: list[SourceLine]) -> list[CourseError]:
    problems = []
    for start, end, lang in fences(text):
        if lang != "mermaid":
            continue
        content = [line.text for line in lines[start: end - 1]]
        first = next((line.strip() for line in _diagram_lines(content)), "")
        kind = first.split()[0].rstrip(";") if first else ""
        if kind not in MERMAID_DIAGRAM_TYPES:
            problems.append(CourseError(
                src_path,
                f"the Mermaid diagram starts with '{first}', which is not a diagram type",
                "start it with the diagram type, e.g. 'flowchart LR', 'sequenceDiagram' or 'pie'",
                line=start + 1,
            ))
        if not any(_ACC_TITLE.match(line) for line in content):
            problems.append(CourseError(
                src_path,
                "the Mermaid diagram has no accTitle, so screen readers cannot name it",
                "add a line 'accTitle: <a short title>' under the diagram type",
                line=start,
            ))
        if not any(_ACC_DESCR.match(line) for line in content):
            problems.append(CourseError(
                src_path,
                "the Mermaid diagram has no accDescr, so screen readers cannot describe it",
                "add a line 'accDescr: <one or two sentences on what it shows>' under accTitle",
                line=start,
            ))
        problems += _diagram_surroundings(src_path, lines, start, end)
    # Mermaid itself reads each diagram (drawn once and cached, as the build does): a syntax error
    # fails the lint at its line.
    return problems + diagram_problems(src_path, text)


def _diagram_lines(content: list[str]) -> Iterable[str]:
    """The diagram's lines without blank lines, %% comments and a leading '---' config block."""
    in_config = False
    for index, line in enumerate(content):
        stripped = line.strip()
        if stripped == "---" and (in_config or not any(other.strip() for other in content[:index])):
            in_config = not in_config
            continue
        if in_config or not stripped or stripped.startswith("%%"):
            continue
        yield line


def _diagram_surroundings(src_path: str, lines: list[SourceLine], start: int, end: int) -> list[CourseError]:
    """A diagram sits in <figure class="diagram" markdown> with a caption, followed by its text alternative."""
    problems = []
    before = next((line for line in reversed(lines[: start - 1]) if line.text.strip()), None)
    after = lines[end:]
    closing = next((index for index, line in enumerate(after) if "</figure>" in line.text), None)
    if before is None or not _FIGURE_OPEN.search(before.text) or closing is None:
        problems.append(CourseError(
            src_path,
            "the Mermaid diagram is not inside <figure class=\"diagram\" markdown>",
            "put '<figure class=\"diagram\" markdown>' and a blank line above the fence, and '<figcaption>...</figcaption>' and '</figure>' below it",
            line=start,
        ))
    elif not any(_FIGCAPTION.search(line.text) for line in after[:closing + 1]):
        problems.append(CourseError(
            src_path,
            "the diagram's figure has no caption",
            "add '<figcaption>One sentence on what the diagram shows.</figcaption>' before '</figure>'",
            line=after[closing].number,
        ))
    following = after[(closing or 0) + 1:]
    next_heading = next((index for index, line in enumerate(following) if _HEADING.match(line.text) and not line.in_code), len(following))
    if not any(_TEXT_ALTERNATIVE.match(line.text) for line in following[:next_heading]):
        problems.append(CourseError(
            src_path,
            "the Mermaid diagram has no text alternative",
            f"add '??? info \"{DIAGRAM_IN_WORDS}\"' under the figure, with a list or paragraph that says everything the diagram shows",
            line=start,
        ))
    return problems


def _images(src_path: str, lines: list[SourceLine]) -> list[CourseError]:
    prose = Prose.of(lines)
    problems = []
    found = [
        (match.start(), match.group("alt"), match.group("src"))
        for match in _MARKDOWN_IMAGE.finditer(prose.text)
    ]
    for match in _HTML_IMAGE.finditer(prose.text):
        alt = _HTML_ALT.search(match.group("attrs"))
        src = _HTML_SRC.search(match.group("attrs"))
        text = next((group for group in alt.groups() if group is not None), "") if alt else ""
        found.append((match.start(), text, src.group("src") if src else ""))
    for offset, alt, src in found:
        line = prose.line_at(offset)
        if not alt.strip():
            problems.append(CourseError(
                src_path,
                "this image has no alt text",
                "describe what the image shows between the brackets: ![A roadmap with three lanes](roadmap.png)",
                line=line,
            ))
        if _REMOTE.match(src):
            problems.append(CourseError(
                src_path,
                f"this image is loaded from another site ({src}), which the course never does",
                "save the image in the block folder (with its licence noted) and link it with a relative path",
                line=line,
            ))
    return problems


def _unfinished_markers(src_path: str, lines: list[SourceLine]) -> list[CourseError]:
    return [
        CourseError(
            src_path,
            f"'{match.group(1)}' marks unfinished work, but pages are published as they are merged",
            "finish the text, or leave the part out until it is ready",
            line=line.number,
        )
        for line in lines
        if not line.in_code
        for match in [UNFINISHED_MARKERS.search(line.text)]
        if match
    ]
