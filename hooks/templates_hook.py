"""MkDocs events that compile each theme template once per process instead of once per environment.

MkDocs makes a new Jinja environment for every `theme.get_env()` call, and a build makes several:
the pages, Material's search plugin, the print view (which renders the whole main.html again) and
four of the course's hooks; `make serve` makes them all again on every save. Each compiles the
templates it uses from scratch, about a second of a rebuild at a thousand lessons. Jinja's own
bytecode cache keeps the compiled code by template name and the checksum of its source, so an
edited template is compiled again and every other one is reused.

The compiled code is also kept on disk, in .cache/jinja/ beside mkdocs.yml (git-ignored, like the
drawn diagrams): compiling the sixty-odd templates was about 0.45 s of CPU in every fresh build
(make build, CI, the first build of make serve), a seventh of a 100-lesson build. Jinja's file
cache names each file by the template and checks its source's checksum and the Python version
before it uses it, so a stale or foreign file is compiled again, never used.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import BytecodeCache, Environment, FileSystemBytecodeCache
from jinja2.bccache import Bucket
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority


class _ProcessBytecodeCache(BytecodeCache):
    """Jinja's bytecode cache in this process's memory, in front of Jinja's own file cache."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}
        self.files: FileSystemBytecodeCache | None = None

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)  # ignored by Jinja when the checksum differs
        elif self.files is not None:
            self.files.load_bytecode(bucket)  # the same check

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()
        if self.files is not None:
            self.files.dump_bytecode(bucket)  # written to a temporary file, then renamed (Jinja)


_CACHE = _ProcessBytecodeCache()
# Beside mkdocs.yml, as the diagrams' cache (hooks/course/diagrams.py CACHE_DIR).
CACHE_DIR = Path(".cache") / "jinja"


@event_priority(100)  # before any plugin asks the theme for an environment
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    directory = Path(config.config_file_path).parent / CACHE_DIR
    directory.mkdir(parents=True, exist_ok=True)
    _CACHE.files = FileSystemBytecodeCache(str(directory))
    theme = config.theme
    make_env = type(theme).get_env

    def get_env(*args: Any, **kwargs: Any) -> Environment:
        env = make_env(theme, *args, **kwargs)
        env.bytecode_cache = _CACHE
        return env

    theme.get_env = get_env  # type: ignore[method-assign]
    return config
