"""MkDocs events that compile each theme template once per process instead of once per environment.

MkDocs makes a new Jinja environment for every `theme.get_env()` call, and a build makes several:
the pages, Material's search plugin, the print view (which renders the whole main.html again) and
four of the course's hooks; `make serve` makes them all again on every save. Each compiles the
templates it uses from scratch, about a second of a rebuild at a thousand lessons. Jinja's own
bytecode cache keeps the compiled code by template name and the checksum of its source, so an
edited template is compiled again and every other one is reused.
"""

from __future__ import annotations

from typing import Any

from jinja2 import BytecodeCache, Environment
from jinja2.bccache import Bucket
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority


class _ProcessBytecodeCache(BytecodeCache):
    """Jinja's bytecode cache in this process's memory (Jinja ships file and memcached ones)."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)  # ignored by Jinja when the checksum differs

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


_CACHE = _ProcessBytecodeCache()


@event_priority(100)  # before any plugin asks the theme for an environment
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    theme = config.theme
    make_env = type(theme).get_env

    def get_env(*args: Any, **kwargs: Any) -> Environment:
        env = make_env(theme, *args, **kwargs)
        env.bytecode_cache = _CACHE
        return env

    theme.get_env = get_env  # type: ignore[method-assign]
    return config
