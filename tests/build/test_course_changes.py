"""The course grows through pull requests: in a scratch copy, a lesson is added to an existing block,
a new block with one lesson is added, and two lessons swap places. The copy still builds strictly
and passes the lint, and every place that shows the course order (cards, overviews, course map,
sidebar, progress data) follows the new nav, with no code or test naming today's lessons.

The new lessons are copies of real ones (so they meet every course rule the real ones meet) with
their own titles and descriptions, and their definitions turned into plain notes: a term is defined
once in the whole course."""

from __future__ import annotations

import importlib.util
import json
import re
import subprocess
import sys
from pathlib import Path

from course_checks import check_course_order
from site_helpers import (
    PROJECT_DIR,
    NavBlock,
    load_mkdocs_config,
    nav_blocks_of,
    read_front_matter,
    run_build,
    unused_title,
)

_spec = importlib.util.spec_from_file_location("new_lesson", PROJECT_DIR / "tools" / "new_lesson.py")
new_lesson = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(new_lesson)

_DEFINITION = re.compile(r"^(?P<opener> *(?:!!!|\?\?\?\+?) +)definition\b(?:[ \t]+[\w-]+)*(?=[ \t]+\")", re.MULTILINE)
# A link to a page in the same folder: [text](02-other.md#part) or [text](02-other.md).
_SAME_FOLDER_LINK = re.compile(r"\]\((?P<target>[\w-]+\.md(?:#[^)\s]*)?)\)")


def set_front_matter(text: str, **values: str) -> str:
    """``text`` with the front matter keys ``values`` replaced, each written on one line."""
    head, body = text.removeprefix("---\n").split("\n---\n", 1)
    lines = head.split("\n")
    for key, value in values.items():
        start = next(index for index, line in enumerate(lines) if line.startswith(f"{key}:"))
        end = start + 1
        while end < len(lines) and lines[end].startswith((" ", "\t")):  # a folded or multi-line value
            end += 1
        lines[start:end] = [f"{key}: {json.dumps(value, ensure_ascii=False)}"]
    return "---\n" + "\n".join(lines) + "\n---\n" + body


def copied_lesson(project: Path, source: str, title: str, to_folder: str) -> str:
    """A real lesson of the course under a new title and description, for the block folder
    ``to_folder``: its definitions become notes, its links to pages of its own folder still work."""
    text = (project / "docs" / source).read_text()
    text = set_front_matter(
        text,
        title=title,
        description=f"{title}: a copy of the lesson {read_front_matter(source, project)['title']!r}, added by a test.",
    )
    text = _DEFINITION.sub(r"\g<opener>note", text)
    source_folder = source.split("/")[0]
    if to_folder != source_folder:
        text = _SAME_FOLDER_LINK.sub(lambda link: f"](../{source_folder}/{link['target']})", text)
    return text


def nav_line(lines: list[str], src_path: str) -> int:
    """The index of the nav line that lists ``src_path`` (`- path` or `- Title: path`)."""
    entry = re.compile(r"^\s*- (?:[^\n]*?:\s+)?" + re.escape(src_path) + r"\s*$")
    found = [index for index, line in enumerate(lines) if entry.match(line)]
    assert len(found) == 1, f"mkdocs.yml lists {src_path} {len(found)} times"
    return found[0]


def add_lesson_to_block(project: Path, block: NavBlock) -> str:
    """A copy of the block's first lesson, added at the end of the block with the lesson scaffold's
    own nav editing (tools/new_lesson.py)."""
    folder = block.index.split("/")[0]
    title = unused_title("A second look at this block", project)
    file_name = new_lesson.lesson_file_name(project / "docs" / folder, title)
    (project / "docs" / folder / file_name).write_text(copied_lesson(project, block.lessons[0], title, folder))
    config = project / "mkdocs.yml"
    config.write_text(new_lesson.insert_into_nav(config.read_text(), folder, file_name))
    return f"{folder}/{file_name}"


def add_block(project: Path, after_title: str, lesson_source: str) -> NavBlock:
    """A new block right after the block ``after_title``: an overview and one lesson (a copy of
    ``lesson_source``), and their nav lines."""
    after = next(block for block in nav_blocks_of(load_mkdocs_config(project)) if block.title == after_title)
    numbers = [int(match[1]) for path in (project / "docs").iterdir() if (match := re.match(r"^(\d+)-", path.name))]
    title = unused_title("Growing the course", project)
    folder = f"{max(numbers, default=0) + 1:02d}-{new_lesson.slugify(title)}"
    lesson_title = unused_title("A lesson in a new block", project)
    lesson = f"{folder}/01-{new_lesson.slugify(lesson_title)}.md"
    (project / "docs" / folder).mkdir()
    (project / "docs" / folder / "index.md").write_text(
        f"---\ntitle: {title}\n"
        f"description: {title}, a learning block added by a test to check that a new block needs no code.\n"
        f"summary: >-\n  {title} shows that the course takes a new learning block with nothing but Markdown,\n"
        "  front matter and nav lines.\n---\n\nRead its lesson when you have finished the blocks before it.\n"
    )
    (project / "docs" / lesson).write_text(copied_lesson(project, lesson_source, lesson_title, folder))

    config = project / "mkdocs.yml"
    lines = config.read_text().split("\n")
    section = next(index for index, line in enumerate(lines) if re.match(rf"^\s*- {re.escape(after.title)}:\s*$", line))
    last = nav_line(lines, after.lessons[-1])
    section_indent = lines[section][: len(lines[section]) - len(lines[section].lstrip())]
    item_indent = lines[last][: len(lines[last]) - len(lines[last].lstrip())]
    lines[last + 1 : last + 1] = [f"{section_indent}- {title}:", f"{item_indent}- {folder}/index.md", f"{item_indent}- {lesson}"]
    config.write_text("\n".join(lines))
    return NavBlock(title, f"{folder}/index.md", [lesson])


def swap_lessons(project: Path, first: str, second: str) -> None:
    config = project / "mkdocs.yml"
    lines = config.read_text().split("\n")
    one, two = nav_line(lines, first), nav_line(lines, second)
    lines[one], lines[two] = lines[two], lines[one]
    config.write_text("\n".join(lines))


def test_added_lessons_a_new_block_and_reordered_lessons_build_lint_and_follow_the_nav(project_copy: Path) -> None:
    blocks = nav_blocks_of(load_mkdocs_config(project_copy))
    assert len(blocks[0].lessons) >= 2, "the first block needs two lessons to reorder"

    added = add_lesson_to_block(project_copy, blocks[-1])
    new_block = add_block(project_copy, after_title=blocks[-1].title, lesson_source=blocks[0].lessons[0])
    swap_lessons(project_copy, blocks[0].lessons[0], blocks[0].lessons[1])

    changed = nav_blocks_of(load_mkdocs_config(project_copy))
    expected = [NavBlock(block.title, block.index, list(block.lessons)) for block in blocks]
    expected[0].lessons[:2] = reversed(expected[0].lessons[:2])
    expected[-1].lessons.append(added)
    assert changed == [*expected, new_block]

    build = run_build(project_copy, project_copy / "site")
    assert build.returncode == 0, build.output
    lint = subprocess.run(
        [sys.executable, str(PROJECT_DIR / "tools" / "lint_lessons.py"), "--project", str(project_copy)],
        capture_output=True, text=True, timeout=300,
    )
    assert lint.returncode == 0, lint.stdout + lint.stderr
    # The added lesson now leads to the new block, whose lesson ends the course; the swapped
    # lessons lead to each other in their new order.
    check_course_order(build.site_dir, changed, project_copy)
