"""Builds a project the way `make serve` (`properdocs serve --dirty`) builds it, in this interpreter:
a first build, then a rebuild after each change, each from a freshly loaded configuration like the
server's builder. Prints one JSON object: for each build, the pages it rendered again.

    python tests/preview_build.py PROJECT SITE_DIR [CHANGES.json]   (the incremental preview)
    python tests/preview_build.py --full PROJECT SITE_DIR           (one full build, as serve without --dirty)

CHANGES.json is a list of changes, each a mapping of file (relative to PROJECT) to its new text;
each change is written, then the site is rebuilt, and the site as it then is is copied to
SITE_DIR-1, SITE_DIR-2, ... (the site the contributor sees after each save). Run by tests/build/test_incremental_preview.py
in a fresh interpreter, so the hooks' memory starts empty as in a new `make serve`.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import sys
from pathlib import Path

import properdocs.replacement  # noqa: F401 - first: plugins import `mkdocs`, which must be ProperDocs
from properdocs.commands.build import build
from properdocs.config import load_config

# What `properdocs serve --dev-addr 127.0.0.1:8000` sets as the site's URL.
SERVE_URL = "http://127.0.0.1:8000/"


class _Rendered(logging.Handler):
    """Collects MkDocs' 'Building page' debug lines: the pages a build renders."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.pages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if message.startswith("Building page "):
            self.pages.append(message.removeprefix("Building page "))


class _ServeConfig:
    """Loads the configuration as `properdocs serve -f mkdocs.yml` does: the first time from the
    file it opened (named as typed), then, once that file is closed, by its name."""

    def __init__(self, site_dir: Path) -> None:
        self.file = open("mkdocs.yml", "rb")  # noqa: SIM115 - load_config closes it, as in serve
        self.site_dir = site_dir

    def __call__(self):
        source = self.file.name if self.file.closed else self.file
        config = load_config(config_file=source, site_dir=str(self.site_dir))
        config.site_url = SERVE_URL
        return config


def main() -> None:
    arguments = sys.argv[1:]
    full = arguments[:1] == ["--full"]
    if full:
        arguments = arguments[1:]
    project, site_dir = Path(arguments[0]).resolve(), Path(arguments[1]).resolve()
    changes = json.loads(Path(arguments[2]).read_text()) if len(arguments) > 2 else []
    os.chdir(project)
    handler = _Rendered()
    logger = logging.getLogger("properdocs.commands.build")
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    get_config = _ServeConfig(site_dir)
    config = get_config()
    config.plugins.on_startup(command="serve", dirty=not full)
    rendered: list[list[str]] = []
    try:
        build(config, serve_url=SERVE_URL, dirty=not full)
        rendered.append(handler.pages[:])
        for change in changes:
            for name, text in change.items():
                (project / name).write_text(text, encoding="utf-8")
            handler.pages.clear()
            build(get_config(), serve_url=SERVE_URL, dirty=True)
            rendered.append(handler.pages[:])
            shutil.copytree(site_dir, f"{site_dir}-{len(rendered) - 1}")
    finally:
        config.plugins.on_shutdown()
    print(json.dumps({"rendered": rendered}))


if __name__ == "__main__":
    main()
