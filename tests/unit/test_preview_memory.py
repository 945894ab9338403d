"""What the incremental preview keeps between saves gives the results a fresh computation gives.

`make serve` keeps each page's check and the whole-course steps' last results (course/reuse.py)
for its session; a save computes again only what the changed files reach. These tests run the
same course logic with and without that memory and compare the results, so a kept result that
went stale fails here before a contributor's preview shows it. (tests/build/test_incremental_preview.py
compares whole sites, page by page.)
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from course.anchors import configured_slugify
from course.check import CheckMemory, check_course
from course.preview import EVERY_PAGE, PageInputs
from course.reuse import LastCall, call
from course.site import config_chain, read_site_config
from site_helpers import PROJECT_DIR


def test_a_last_call_returns_its_kept_result_while_the_arguments_are_equal() -> None:
    calls: list[tuple[int, ...]] = []

    def total(numbers: list[int]) -> list[int]:
        calls.append(tuple(numbers))
        return [sum(numbers)]

    kept = LastCall()
    first = kept(total, [1, 2])
    assert kept(total, [1, 2]) is first  # an equal list, not the same one: kept
    assert kept(total, [1, 3]) == [4]
    assert calls == [(1, 2), (1, 3)]


def test_without_a_memory_every_call_computes() -> None:
    calls = []
    for _ in range(2):
        call(None, "step", calls.append, "computed")
    assert calls == ["computed", "computed"]


def test_slugify_of_two_builds_is_equal_when_configured_alike() -> None:
    # Each build reads mkdocs.yml again: the pages' anchors are kept by the slugify they were made with.
    assert configured_slugify({"separator": "-"}) == configured_slugify({})
    assert hash(configured_slugify({})) == hash(configured_slugify({}))
    assert configured_slugify({"separator": "_"}) != configured_slugify({})
    assert configured_slugify({"separator": "_"})("Key partners") == "key_partners"


def test_changed_settings_drop_what_the_hooks_kept() -> None:
    inputs = PageInputs(active=True)
    inputs.start({"config": "nav: a", "project": "templates 1"})
    kept = inputs.memory("glossary page", dict)
    inputs.completed()
    inputs.start({"config": "nav: a", "project": "templates 1"})
    assert inputs.memory("glossary page", dict) is kept
    assert inputs.current[EVERY_PAGE] == {"config": "nav: a", "project": "templates 1"}
    inputs.completed()
    inputs.start({"config": "nav: a", "project": "templates 2"})  # a template was saved
    assert inputs.memory("glossary page", dict) is not kept


def _course() -> tuple[str, list[str], dict[str, bytes], list[str], str]:
    mkdocs_yml, *inherited = (text.decode() for text in config_chain(PROJECT_DIR / "mkdocs.yml"))
    docs = PROJECT_DIR / "docs"
    files = sorted(path.relative_to(docs).as_posix() for path in docs.rglob("*") if path.is_file())
    pages = {name: (docs / name).read_bytes() for name in files if name.endswith(".md")}
    template = (PROJECT_DIR / "tools" / "templates" / "lesson.md").read_text(encoding="utf-8")
    return mkdocs_yml, inherited, pages, [name for name in files if not name.endswith(".md")], template


def _check(course: tuple[str, list[str], dict[str, bytes], list[str], str], pages: dict[str, bytes], memory: CheckMemory | None):
    mkdocs_yml, inherited, _, other_files, template = course
    return check_course(mkdocs_yml, pages, other_files, lesson_template=template, inherited_configs=inherited, memory=memory)


def _lessons(mkdocs_yml: str, inherited: list[str]) -> list[str]:
    kinds = read_site_config(mkdocs_yml, inherited).kinds()
    return [path for path, kind in kinds.items() if kind == "lesson"]


def _with_duration(text: bytes, minutes: bytes) -> bytes:
    without = re.sub(rb"^duration:.*\n", b"", text, flags=re.MULTILINE)
    return without.replace(b"---\n", b"---\nduration: " + minutes + b"\n", 1)


def _titled(text: bytes, title: bytes) -> bytes:
    titled = re.sub(rb"^title: .+$", b"title: " + title, text, count=1, flags=re.MULTILINE)
    assert titled != text
    return titled


@pytest.fixture(scope="module")
def course() -> tuple[str, list[str], dict[str, bytes], list[str], str]:
    return _course()


def test_a_kept_check_finds_what_a_fresh_check_finds_after_each_save(course) -> None:
    mkdocs_yml, inherited, pages, _, template = course
    lessons = _lessons(mkdocs_yml, inherited)
    first, second = lessons[0], lessons[-1]
    guidance = next(line for line in template.splitlines() if len(line.split()) > 6 and "$" not in line)
    saves = [  # each (file, what the save does to its text), one after the other
        (first, lambda text: text),  # saved without a change
        (first, lambda text: text + b"\n\nA sentence added in the preview.\n"),
        # Template text left in a lesson: a rule that compares pages with the template reads
        # the lesson's lines, which the memory no longer holds for an unchanged page.
        (second, lambda text: text + b"\n\n" + guidance.encode() + b"\n"),
        # A duration Python finds equal to the last one (10 == 10.0) that the course checks apart.
        (first, lambda text: _with_duration(text, b"10")),
        (first, lambda text: _with_duration(text, b"10.0")),
        (first, lambda text: _titled(text, b"One title for two lessons")),
        # The same title on two lessons: a rule that compares pages reports it.
        (second, lambda text: _titled(text, b"One title for two lessons")),
    ]
    memory = CheckMemory()
    _check(course, pages, memory)
    current = dict(pages)
    for src_path, edit in saves:
        current[src_path] = edit(current[src_path])
        kept = _check(course, current, memory)
        fresh = _check(course, current, None)
        assert [str(problem) for problem in kept.problems] == [str(problem) for problem in fresh.problems]
        assert kept.source.pages.keys() == fresh.source.pages.keys()
        for src_path, page in kept.source.pages.items():
            assert page.front_matter == fresh.source.pages[src_path].front_matter
            assert page.reading_time == fresh.source.pages[src_path].reading_time
    assert any("lesson template's guidance text" in str(problem) for problem in kept.problems)
    assert any("is already the title of" in str(problem) for problem in kept.problems)
    assert any("must be a positive whole number" in str(problem) for problem in kept.problems)


def test_the_memory_keeps_no_parsed_lines(course) -> None:
    # Most of what the preview kept was two objects per line of every page, which Python's garbage
    # collector walks on every save; the rules that compare pages read what was computed from them.
    mkdocs_yml, inherited, pages, _, _ = course
    memory = CheckMemory()
    _check(course, pages, memory)
    for checked in memory.pages.values():
        assert not {"lines", "lines_with_diagrams", "body"} & checked.source.__dict__.keys(), checked.source.src_path


def test_a_changed_lesson_template_is_compared_again(course, tmp_path: Path) -> None:
    mkdocs_yml, inherited, pages, other_files, template = course
    lesson = _lessons(mkdocs_yml, inherited)[0]
    own_line = next(
        line for line in pages[lesson].decode().splitlines()
        if len(line.split()) > 6 and not line.startswith(("-", "#", "!", " ", "<", "title:", "description:"))
    )
    memory = CheckMemory()
    before = check_course(mkdocs_yml, pages, other_files, lesson_template=template, inherited_configs=inherited, memory=memory)
    assert not any(problem.src_path == lesson and "guidance text" in str(problem) for problem in before.problems)
    # The same pages against a template that holds one of the lesson's own lines.
    after = check_course(
        mkdocs_yml, pages, other_files, lesson_template=template + "\n" + own_line + "\n", inherited_configs=inherited, memory=memory
    )
    assert any(problem.src_path == lesson and "guidance text" in str(problem) for problem in after.problems)
