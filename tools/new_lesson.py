"""Start a new lesson: `make lesson BLOCK=<block folder> TITLE="<title>" [POSITION=<n> | AFTER=<file>]`.

Creates docs/<block>/<NN-slug>.md from tools/templates/lesson.md (valid front matter and every
required section, filled with guidance text that the build and the lint report until it is
replaced, so the preview shows what is left to write) and lists it in the
mkdocs.yml nav: at the end of the block, at lesson POSITION n, or after the lesson file
AFTER. The nav is edited line by line, so the rest of mkdocs.yml keeps its layout and
comments. NN is the next free number in the block folder; the order learners see comes
from the nav alone.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from pathlib import Path
from string import Template

TOOLS_DIR = Path(__file__).resolve().parent
REPO_DIR = TOOLS_DIR.parent
TEMPLATE = TOOLS_DIR / "templates" / "lesson.md"
sys.path.insert(0, str(REPO_DIR / "hooks"))

from course import CourseError  # noqa: E402 - after the path set-up above
from course.site import read_site_config  # noqa: E402

_NUMBERED = re.compile(r"^(?P<number>\d+)-.+\.md$")
_TOP_LEVEL_KEY = re.compile(r"^[^\s#-]")
MAX_SLUG_LENGTH = 60


def slugify(title: str) -> str:
    """'What a PM does (and why)' -> 'what-a-pm-does-and-why'."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")
    if len(slug) > MAX_SLUG_LENGTH:
        slug = slug[:MAX_SLUG_LENGTH].rsplit("-", 1)[0]
    return slug


def lesson_file_name(block_dir: Path, title: str) -> str:
    slug = slugify(title)
    if not slug:
        raise CourseError("mkdocs.yml", f"the title {title!r} has no letters or digits to name the file after", "give the lesson a title in words")
    numbers = [int(match.group("number")) for path in block_dir.glob("*.md") if (match := _NUMBERED.match(path.name))]
    return f"{max(numbers, default=0) + 1:02d}-{slug}.md"


def render_lesson(title: str) -> str:
    # JSON strings are valid YAML double-quoted strings: any title is safe in the front matter.
    return Template(TEMPLATE.read_text(encoding="utf-8")).substitute(title=json.dumps(title, ensure_ascii=False))


def insert_into_nav(mkdocs_yml: str, block: str, file_name: str, position: int | None = None, after: str | None = None) -> str:
    """Return mkdocs.yml with ``block/file_name`` listed in the block's nav section."""
    lines = mkdocs_yml.splitlines(keepends=True)
    start = next((index for index, line in enumerate(lines) if line.rstrip() == "nav:"), None)
    if start is None:
        raise CourseError("mkdocs.yml", "there is no 'nav:' section", "add the nav as the README shows")
    end = next((index for index in range(start + 1, len(lines)) if _TOP_LEVEL_KEY.match(lines[index])), len(lines))
    entry = re.compile(r"^(?P<indent>\s*)- (?:[^\n]*?:\s+)?" + re.escape(block) + r"/(?P<file>[^\s/]+\.md)\s*$")
    entries = [(index, match) for index in range(start + 1, end) if (match := entry.match(lines[index]))]
    if not entries:
        raise CourseError(
            "mkdocs.yml",
            f"the nav lists no pages of the block folder '{block}'",
            "check BLOCK: it is the folder name under docs/, e.g. BLOCK=01-pm-foundations",
        )
    lessons = [(index, match) for index, match in entries if match.group("file") != "index.md"]
    if after is not None:
        wanted = after if after.endswith(".md") else after + ".md"
        found = [index for index, match in entries if match.group("file") == wanted.split("/")[-1]]
        if not found:
            listed = ", ".join(match.group("file") for _, match in lessons)
            raise CourseError("mkdocs.yml", f"the block '{block}' lists no lesson '{wanted}'", f"give AFTER one of: {listed}")
        at = found[0] + 1
    elif position is not None:
        if not 1 <= position <= len(lessons) + 1:
            raise CourseError(
                "mkdocs.yml",
                f"POSITION={position} is outside the block, which has {len(lessons)} lesson(s)",
                f"give a POSITION from 1 to {len(lessons) + 1}",
            )
        at = lessons[position - 1][0] if position <= len(lessons) else entries[-1][0] + 1
    else:
        at = entries[-1][0] + 1
    indent = entries[-1][1].group("indent")
    lines.insert(at, f"{indent}- {block}/{file_name}\n")
    return "".join(lines)


def create_lesson(project: Path, block: str, title: str, position: int | None = None, after: str | None = None) -> Path:
    block = block.strip().strip("/").removeprefix("docs/")
    title = " ".join(title.split())
    if not block or "/" in block:
        raise CourseError("mkdocs.yml", f"BLOCK={block!r} is not a block folder", "give the folder name under docs/, e.g. BLOCK=01-pm-foundations")
    if not title:
        raise CourseError("mkdocs.yml", "the lesson has no title", 'give one, e.g. TITLE="Working with stakeholders"')
    block_dir = project / "docs" / block
    config = project / "mkdocs.yml"
    site = read_site_config(config.read_text(encoding="utf-8"))
    if site.problems:
        raise site.problems[0]
    kinds = site.kinds()
    blocks = sorted(path.split("/")[0] for path, kind in kinds.items() if kind == "block")
    if block not in blocks or not (block_dir / "index.md").is_file():
        raise CourseError("mkdocs.yml", f"'{block}' is not a learning block of the nav", f"use one of: {', '.join(blocks)}")
    file_name = lesson_file_name(block_dir, title)
    updated = insert_into_nav(config.read_text(encoding="utf-8"), block, file_name, position, after)
    target = block_dir / file_name
    target.write_text(render_lesson(title), encoding="utf-8")
    config.write_text(updated, encoding="utf-8")
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Create a lesson from the template and list it in the nav.")
    parser.add_argument("--block", required=True, help="the block folder under docs/, e.g. 01-pm-foundations")
    parser.add_argument("--title", required=True, help="the lesson's title")
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--position", type=int, help="the lesson's place in the block, 1 for first (default: last)")
    where.add_argument("--after", help="the lesson file to follow, e.g. 02-product-project-program.md")
    parser.add_argument("--project", type=Path, default=REPO_DIR, help="the course folder (holding mkdocs.yml and docs/)")
    args = parser.parse_args(argv)
    try:
        target = create_lesson(args.project.resolve(), args.block, args.title, args.position, args.after or None)
    except CourseError as error:
        print(error, file=sys.stderr)
        return 2
    relative = target.relative_to(args.project.resolve()).as_posix()
    print(f"Created {relative} and listed it in the mkdocs.yml nav.")
    print("Write the lesson over the guidance text, preview it with `make serve` and check it with `make lint`.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
