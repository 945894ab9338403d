"""What the course rules need from mkdocs.yml: the nav (with each entry's line), the pages
deliberately left out of it, and how the toc extension names heading anchors.

Read from the file's text, so the lint and the build see the same thing, and a nav mistake can
be pointed at its line. MkDocs' own tags (!!python/name:..., !ENV) are read as their names or
defaults and never acted on.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import yaml

from course.errors import CourseError

PageKind = Literal["lesson", "block", "page"]


@dataclass(frozen=True)
class NavEntry:
    """A page of docs/ as mkdocs.yml's nav lists it."""

    src_path: str
    line: int  # in mkdocs.yml
    section: str | None = None  # the title of the top-level section (learning block) it is listed under


@dataclass(frozen=True)
class NavSectionEntry:
    """A top-level nav section: a learning block."""

    title: str
    line: int
    entries: tuple[NavEntry, ...] = ()
    nested_sections: tuple[tuple[str, int], ...] = ()  # (title, line) of sections inside it


@dataclass(frozen=True)
class SiteConfig:
    nav: list[Any]  # the nav as YAML lists and mappings
    items: tuple[NavEntry | NavSectionEntry, ...] = ()  # the nav's top level, in order
    nav_line: int | None = None  # the line of 'nav:'
    not_in_nav: tuple[str, ...] = ()  # gitignore-style patterns
    toc_slugify: str | None = None  # the dotted name of the toc extension's slugify, when set
    toc_separator: str = "-"
    problems: tuple[CourseError, ...] = field(default=())  # what could not be read

    @property
    def entries(self) -> list[NavEntry]:
        """Every page of the nav, in order."""
        return [entry for item in self.items for entry in (item.entries if isinstance(item, NavSectionEntry) else (item,))]

    def kinds(self) -> dict[str, PageKind]:
        """What each Markdown page in the nav is: a lesson, a block overview or another page."""
        kinds: dict[str, PageKind] = {}
        for entry in self.entries:
            if entry.section is None:
                kinds.setdefault(entry.src_path, "page")
            else:
                kinds.setdefault(entry.src_path, "block" if posixpath.basename(entry.src_path) == "index.md" else "lesson")
        return kinds


class _Name(str):
    """The name a `!!python/name:` tag gives (a dotted path), kept as text."""


# libyaml's loader when PyYAML has it: mkdocs.yml is read on every build and every lint.
class _ConfigLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """Reads mkdocs.yml without acting on its tags: `!ENV [NAME, default]` reads as its default."""


_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/name:", lambda loader, suffix, node: _Name(suffix))
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
_ConfigLoader.add_constructor("!ENV", lambda loader, node: (
    loader.construct_sequence(node)[-1] if isinstance(node, yaml.SequenceNode) else None
))
_ConfigLoader.add_multi_constructor("!", lambda loader, suffix, node: None)


_INHERIT = re.compile(rb"^INHERIT:[ \t]*['\"]?(?P<parent>[^'\"\n]+?)['\"]?[ \t]*$", re.MULTILINE)
# The keys the course reads besides the nav, which a configuration may take from the one it inherits.
_INHERITABLE = ("not_in_nav", "markdown_extensions")


def config_chain(path: Path) -> tuple[bytes, ...]:
    """mkdocs.yml and the files it inherits from (MkDocs' INHERIT key, relative to the file), nearest first."""
    content = path.read_bytes()
    parent = _INHERIT.search(content)
    if parent is None:
        return (content,)
    return (content, *config_chain(path.parent / parent.group("parent").decode()))


def read_site_config(mkdocs_yml: str, inherited: Sequence[str] = ()) -> SiteConfig:
    """The course's view of mkdocs.yml; a file that cannot be read gives a SiteConfig with its problem.

    ``inherited``: the texts of the files mkdocs.yml inherits from (config_chain), nearest first; the
    nav always comes from mkdocs.yml itself, the keys in _INHERITABLE from the nearest that sets them.
    """
    loader = _ConfigLoader(mkdocs_yml)
    try:
        # One parse: the node tree (for line numbers), then the values built from it.
        root = loader.get_single_node()
        config = loader.construct_document(root) if root is not None else None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        return SiteConfig(nav=[], problems=(CourseError(
            "mkdocs.yml",
            f"the site configuration is not valid YAML ({getattr(exc, 'problem', None) or 'it cannot be parsed'})",
            "check the indentation of the lines around it (the nav uses two spaces per level)",
            line=mark.line + 1 if mark is not None else None,
        ),))
    finally:
        loader.dispose()
    missing = [key for key in _INHERITABLE if key not in config] if isinstance(config, dict) else []
    for parent in inherited if missing else ():  # each parent parsed once, nearest first
        values = yaml.load(parent, Loader=_ConfigLoader)  # noqa: S506 (the safe loader above)
        for key in [key for key in missing if isinstance(values, dict) and key in values]:
            config[key] = values[key]
            missing.remove(key)
        if not missing:
            break
    nav_node = _mapping_value(root, "nav")
    nav = config.get("nav") if isinstance(config, dict) else None
    if not isinstance(nav, list) or not isinstance(nav_node, yaml.SequenceNode):
        return SiteConfig(nav=[], problems=(CourseError(
            "mkdocs.yml", "there is no nav list", "list the pages under 'nav:' as the README shows",
        ),))
    items: list[NavEntry | NavSectionEntry] = []
    for item in nav_node.value:
        title, value = _nav_item(item)
        if isinstance(value, yaml.SequenceNode):
            entries, nested = [], []
            for child in value.value:
                child_title, child_value = _nav_item(child)
                if isinstance(child_value, yaml.SequenceNode):
                    nested.append((child_title or "", child.start_mark.line + 1))
                elif _is_page(child_value):
                    entries.append(NavEntry(child_value.value, child_value.start_mark.line + 1, title or ""))
            items.append(NavSectionEntry(title or "", item.start_mark.line + 1, tuple(entries), tuple(nested)))
        elif _is_page(value):
            items.append(NavEntry(value.value, value.start_mark.line + 1))
    toc = _toc_config(config)
    slugify = toc.get("slugify")
    not_in_nav = config.get("not_in_nav") or ""
    return SiteConfig(
        nav=nav,
        items=tuple(items),
        nav_line=next(name.start_mark.line + 1 for name, _ in root.value if name.value == "nav"),
        not_in_nav=tuple(line.strip() for line in str(not_in_nav).splitlines() if line.strip() and not line.strip().startswith("#")),
        toc_slugify=str(slugify) if isinstance(slugify, _Name) else None,
        toc_separator=str(toc.get("separator", "-")),
    )


def _mapping_value(node: yaml.Node | None, key: str) -> yaml.Node | None:
    if not isinstance(node, yaml.MappingNode):
        return None
    return next((value for name, value in node.value if isinstance(name, yaml.ScalarNode) and name.value == key), None)


def _nav_item(node: yaml.Node) -> tuple[str | None, yaml.Node]:
    """A nav item's title (if it has one) and its value node."""
    if isinstance(node, yaml.MappingNode) and len(node.value) == 1:
        name, value = node.value[0]
        return str(name.value), value
    return None, node


def _is_page(node: yaml.Node) -> bool:
    """A nav value that names a file of docs/ (not a link to another site)."""
    if not isinstance(node, yaml.ScalarNode) or not isinstance(node.value, str):
        return False
    return "://" not in node.value and not node.value.startswith(("mailto:", "#"))


def _toc_config(config: Any) -> dict[str, Any]:
    extensions = config.get("markdown_extensions") if isinstance(config, dict) else None
    for item in extensions if isinstance(extensions, list) else []:
        if isinstance(item, dict) and "toc" in item and isinstance(item["toc"], dict):
            return item["toc"]
    return {}
