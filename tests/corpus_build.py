"""Builds each project named on the command line with `properdocs build` (strict, from its
mkdocs.yml), one after the other in this interpreter, and prints {project: {ok, output}} as JSON.
With `--serve` first, each build runs as `properdocs serve` runs its builds (the startup event
says "serve"), to see what the preview does with a mistake.

Run by tests/corpus_helpers.py for the lint corpus. The builds run in-process as the command runs
them (configuration loaded, startup event, build), with everything MkDocs logs as the output;
a fresh interpreter keeps them apart from what the test session has imported.
"""

from __future__ import annotations

import json
import logging
import os
import sys
from pathlib import Path

import properdocs.replacement  # noqa: F401 - first: plugins import `mkdocs`, which must be ProperDocs
from properdocs.commands.build import build
from properdocs.config import load_config
from properdocs.exceptions import Abort


class _Record(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(f"{record.levelname} - {record.getMessage()}")


def build_project(project: Path, command: str = "build") -> dict[str, object]:
    record = _Record()
    logger = logging.getLogger("properdocs")
    logger.addHandler(record)
    logger.setLevel(logging.INFO)
    os.chdir(project)
    ok = False
    try:
        config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(project / "site"))
        config.plugins.on_startup(command=command, dirty=False)
        try:
            build(config)
            ok = True
        finally:
            config.plugins.on_shutdown()
    except Abort as abort:
        record.lines.append(f"ABORT - {abort}")
    except Exception as error:  # noqa: BLE001 - a crash is a result here: the test shows it
        record.lines.append(f"CRASH - {type(error).__name__}: {error}")
    finally:
        logger.removeHandler(record)
    return {"ok": ok, "output": "\n".join(record.lines)}


if __name__ == "__main__":
    arguments = sys.argv[1:]
    command = "serve" if arguments[:1] == ["--serve"] else "build"
    print(json.dumps({path: build_project(Path(path), command) for path in arguments if path != "--serve"}))
