"""One strict build with a stopwatch around every hook and plugin event: how much of the build they take.

The stopwatch reads this process's CPU time (time.process_time), so other work on the machine does
not stretch the numbers; the build's own wall-clock and CPU seconds are both reported.

MkDocs calls each hook module's and plugin's event functions from its plugin collection; wrapping those
functions times exactly the code in hooks/ (and what it calls), and each plugin's share, without a
profiler's overhead. With --profile, the
build runs under cProfile instead and the statistics are written to the given file.

Usage: python benchmarks/hook_timing.py CONFIG_FILE SITE_DIR [--profile OUT.prof]
Prints one JSON object: build seconds (wall and CPU), hook CPU seconds, CPU seconds per hook event and per plugin event.
"""

from __future__ import annotations

import cProfile
import functools
import json
import os
import sys
import time
from collections import defaultdict
from typing import Any, Callable

# Built with ProperDocs, as `make build` does: after this import every mkdocs.* import (the
# hooks' and the plugins') is served by ProperDocs.
import properdocs.replacement  # noqa: F401
from properdocs.commands.build import build
from properdocs.config import load_config


def timed_build(config_file: str, site_dir: str, profile_path: str | None = None) -> dict[str, Any]:
    spent: dict[str, float] = defaultdict(float)
    start, cpu_start = time.perf_counter(), time.process_time()
    config = load_config(config_file=config_file, site_dir=site_dir, strict=True)
    hook_modules = set(config.hooks)
    # The plugins' events are timed too, to show where this site's build differs from stock.
    plugin_names = {id(plugin): name for name, plugin in config.plugins.items()}
    plugin_spent: dict[str, float] = defaultdict(float)
    for event, functions in config.plugins.events.items():
        for index, function in enumerate(functions):
            module = getattr(function, "__module__", "")
            if module in hook_modules:
                functions[index] = stopwatch(f"{os.path.basename(module)}:{event}", function, spent)
            else:
                owner = plugin_names.get(id(getattr(function, "__self__", None)), module)
                functions[index] = stopwatch(f"{owner}:{event}", function, plugin_spent)
    config.plugins.on_startup(command="build", dirty=False)
    profiler = cProfile.Profile() if profile_path else None
    try:
        if profiler:
            profiler.enable()
        build(config)
    finally:
        if profiler:
            profiler.disable()
            profiler.dump_stats(profile_path)
        config.plugins.on_shutdown()
    total, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    return {
        "build_s": total,
        "build_cpu_s": cpu,
        "hooks_s": sum(spent.values()),
        "by_event_s": dict(sorted(spent.items(), key=lambda item: -item[1])),
        "plugins_by_event_s": dict(sorted(plugin_spent.items(), key=lambda item: -item[1])),
    }


def stopwatch(name: str, function: Callable[..., Any], spent: dict[str, float]) -> Callable[..., Any]:
    """``function``, adding the seconds each call takes to ``spent[name]``."""

    @functools.wraps(function)
    def timed(*args: Any, **kwargs: Any) -> Any:
        start = time.process_time()
        try:
            return function(*args, **kwargs)
        finally:
            spent[name] += time.process_time() - start

    return timed


def main() -> None:
    config_file, site_dir = sys.argv[1], sys.argv[2]
    profile_path = sys.argv[4] if len(sys.argv) > 4 and sys.argv[3] == "--profile" else None
    print(json.dumps(timed_build(config_file, site_dir, profile_path)))


if __name__ == "__main__":
    main()
