"""The course logic (hooks/course/) imports nothing of the site generator: not MkDocs or ProperDocs,
not Material, not a plugin, directly or through another package.

That is what keeps the rules runnable by `make lint` without a build, unit-testable, and movable to
another generator (MAINTAINING.md). Allowed are the libraries the course logic reads text with:
PyYAML (front matter, mkdocs.yml), pathspec (the nav's not_in_nav patterns) and Python-Markdown
itself, whose toc extension gives the slugify the rules must reproduce to check anchors. Python-
Markdown is the Markdown engine, not the site generator, and imports none of the packages below.
pymdown-extensions is refused too: the course reads its own syntax (quizzes, admonitions, fences)
itself, so a change of Markdown extensions cannot change what a rule sees.
"""

from __future__ import annotations

import json
import subprocess
import sys

from site_helpers import PROJECT_DIR

HOOKS = PROJECT_DIR / "hooks"
FORBIDDEN = ("mkdocs", "properdocs", "material", "materialx", "pymdownx")


def forbidden(module: str) -> bool:
    top = module.split(".")[0]
    return top in FORBIDDEN or top.startswith("mkdocs_")


# Imports each module in turn in a fresh interpreter, and names the modules each one brought in.
_PROBE = """
import importlib, json, sys
sys.path.insert(0, sys.argv[1])
loaded = {}
for name in sys.argv[2:]:
    before = set(sys.modules)
    importlib.import_module(name)
    loaded[name] = sorted(set(sys.modules) - before)
print(json.dumps(loaded))
"""


def course_modules() -> list[str]:
    return sorted(
        ".".join(path.relative_to(HOOKS).with_suffix("").parts).removesuffix(".__init__")
        for path in (HOOKS / "course").rglob("*.py")
    )


def test_every_course_module_is_probed() -> None:
    modules = course_modules()
    assert {"course", "course.check", "course.quizzes", "course.rules.quizzes", "course.rules.links"} <= set(modules)


def test_no_course_module_imports_the_site_generator_or_a_plugin() -> None:
    process = subprocess.run(
        [sys.executable, "-c", _PROBE, str(HOOKS), *course_modules()], capture_output=True, text=True, timeout=120
    )
    assert process.returncode == 0, process.stderr
    loaded = json.loads(process.stdout)
    offenders = {name: [module for module in modules if forbidden(module)] for name, modules in loaded.items()}
    assert not {name: found for name, found in offenders.items() if found}, "the course logic must stay free of the site generator"
    # The probe sees what it should: Python-Markdown arrives with the anchors module.
    assert any(module == "markdown" for modules in loaded.values() for module in modules)
