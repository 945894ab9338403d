"""`make bench`: this site against a stock Material + mkdocs-quiz build of the same content, in one run.

Measures page weight, Lighthouse scores, build scaling on a synthetic course, the hooks' share of the
build (with a cProfile summary) and the edit loop under `properdocs serve`; writes benchmarks/results.json
and BENCHMARKS.md. Every number is a median over repeated runs, shown beside the stock build's.

Usage: .venv/bin/python benchmarks/bench.py [--quick | --busy | --report-only]
  --quick         one run of everything on small synthetic courses: for working on the harness itself.
  --busy          fewer repetitions where the numbers only orient (stock scores, 500 and 1,000 lessons),
                  for a machine that other work keeps busy (`make bench BENCH_ARGS=--busy`).
  --report-only   rewrite BENCHMARKS.md from benchmarks/results.json without measuring.
  --pages-only    measure page weight and Lighthouse again and keep the other numbers of results.json.
"""

from __future__ import annotations

import argparse
import datetime
import importlib.metadata
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BENCH_DIR.parent
sys.path[:0] = [str(BENCH_DIR), str(PROJECT_DIR / "tests" / "browser"), str(PROJECT_DIR / "tests")]

from browser_helpers import CHROMIUM_FLAGS, system_chromium  # noqa: E402
from edit_loop import EditLoop, measure_edit_loop  # noqa: E402
from gzip_server import GzipServer  # noqa: E402
from lighthouse import CATEGORIES, lighthouse_version, run_lighthouse  # noqa: E402
from page_weight import MOBILE, TALL, load_page  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402
from report import write_report  # noqa: E402
from sites import ENV, BuildRun, build, generated_nav_entries, make_variant, project_variants  # noqa: E402
from synthetic_course import lesson_path, write_course  # noqa: E402

RESULTS = BENCH_DIR / "results.json"
REPORT = PROJECT_DIR / "BENCHMARKS.md"
COMMAND = "make bench"

# The four page types of the budget; the glossary is measured once the site has one.
PAGES = {
    "home": "",
    "lesson": "01-pm-foundations/01-what-a-product-manager-does/",
    "diagram lesson": "01-pm-foundations/03-project-phases-waterfall-agile/",
    "glossary": "glossary/",
}
EDITED_LESSON = "01-pm-foundations/01-what-a-product-manager-does.md"

FULL = {
    "weight_runs": 5,
    # Lighthouse's documentation (docs/variability.md): the median of five runs about halves the run-to-run
    # variance. Three runs of the diagram lesson on a quiet machine ranged from 97 to 100 (total
    # blocking time 56 to 194 ms).
    "lighthouse_runs": {"course": 5, "stock": 3},
    # lessons -> strict builds per variant; fewer at 1,000 lessons keeps the whole bench near 20 minutes.
    # Five at 100 lessons: three builds of one variant there spread by a fifth (2.7 to 3.3 s CPU) on
    # a quiet machine, as much as the budget's margin, and five cost half a minute more.
    "scaling_runs": {100: 5, 500: 3, 1000: 2},
    "edit_rounds": 7,
}
# For a machine that other work keeps busy, where every run takes several times longer: fewer runs
# where the numbers are for orientation only (the stock site's scores, the larger courses).
BUSY = {
    "weight_runs": 5,
    "lighthouse_runs": {"course": 3, "stock": 1},
    "scaling_runs": {100: 3, 500: 1, 1000: 1},
    "edit_rounds": 3,
}
QUICK = {"weight_runs": 1, "lighthouse_runs": {"course": 1, "stock": 1}, "scaling_runs": {20: 1, 60: 1}, "edit_rounds": 2}


def median(values: list[float]) -> float:
    return statistics.median(values)


def machine() -> dict:
    cpu = next(
        (line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("model name")),
        platform.processor() or "unknown",
    )
    memory_kb = next(
        (int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal")), 0
    )
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "ram_gb": round(memory_kb / 1024 / 1024, 1),
        "os": platform.platform(),
    }


def _edit_results(edits: EditLoop) -> dict:
    return {
        "runs_s": edits.runs_s,
        "median_s": median(edits.runs_s),
        "noticed_runs_s": edits.noticed_s,
        "noticed_median_s": median(edits.noticed_s),
    }


def _command_version(*command: str) -> str:
    try:
        return subprocess.run(command, capture_output=True, text=True, timeout=60).stdout.strip()
    except OSError:
        return "not found"


def versions() -> dict:
    mermaid = json.loads((PROJECT_DIR / "node_modules" / "mermaid" / "package.json").read_text())["version"]
    return {
        "Python": platform.python_version(),
        "ProperDocs": importlib.metadata.version("properdocs"),
        "Material for MkDocs": importlib.metadata.version("mkdocs-material"),
        "mkdocs-quiz": importlib.metadata.version("mkdocs-quiz"),
        "pymdown-extensions": importlib.metadata.version("pymdown-extensions"),
        "Chromium": _command_version(system_chromium() or "chromium", "--version"),
        "Node": _command_version("node", "--version"),
        "Lighthouse": lighthouse_version(),
        "Playwright (Python)": importlib.metadata.version("playwright"),
        "Mermaid (draws the diagrams at build time)": mermaid,
    }


def measure_pages(work: Path, settings: dict, log) -> tuple[dict, dict, dict]:
    """Page weight and Lighthouse for the four page types of this site and of the stock build."""
    variants = project_variants(work / "real")
    sites = {}
    for name in ("course", "stock"):
        sites[name] = work / "real" / f"site-{name}"
        build(variants[name], sites[name])
    pages = {label: path for label, path in PAGES.items() if (sites["course"] / path / "index.html").is_file()}
    missing = [label for label in PAGES if label not in pages]
    weight: dict = {label: {} for label in pages}
    lighthouse: dict = {label: {} for label in pages}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=system_chromium(), args=CHROMIUM_FLAGS)
        for name, site in sites.items():
            server = GzipServer(site)
            with server:
                for label, path in pages.items():
                    if not (site / path / "index.html").is_file():
                        weight[label][name] = None
                        continue
                    log(f"page weight: {name} {label}")
                    loads = [load_page(browser, server, path, MOBILE) for _ in range(settings["weight_runs"])]
                    tall = load_page(browser, server, path, TALL)
                    weight[label][name] = {
                        "bytes": median([load.bytes for load in loads]),
                        "requests": median([load.requests for load in loads]),
                        "blocked": loads[0].blocked,
                        "fcp_ms": median([load.fcp_ms or 0 for load in loads]),
                        "layout_shift": max(load.layout_shift for load in loads),
                        "layout_shift_whole_page": tall.layout_shift,
                        "mermaid_loaded": any(load.mermaid_loaded for load in loads),
                        "mermaid_render_blocking": any(load.mermaid_render_blocking for load in loads),
                        "by_kind": loads[0].by_kind,
                        "runs": [load.bytes for load in loads],
                    }
                for label, path in pages.items():
                    if weight[label][name] is None:
                        lighthouse[label][name] = None
                        continue
                    log(f"lighthouse: {name} {label}")
                    runs = [run_lighthouse(server.url + path) for _ in range(settings["lighthouse_runs"][name])]
                    lighthouse[label][name] = {
                        "scores": {c: median([run["scores"][c] for run in runs]) for c in CATEGORIES},
                        "metrics": {m: median([run["metrics"][m] for run in runs]) for m in runs[0]["metrics"]},
                        "lost": {audit: info for run in runs for audit, info in run["lost"].items()},
                        "runs": [run["scores"] for run in runs],
                    }
        browser.close()
    notes = {"missing_pages": missing, "stock_nav_dropped": variants["stock"].dropped_nav}
    return weight, lighthouse, notes


def measure_scaling(work: Path, settings: dict, log) -> dict:
    """Strict build times of the three variants on synthetic courses; runs interleaved so load hits all alike."""
    results: dict = {}
    for lessons, runs in settings["scaling_runs"].items():
        root = work / f"synthetic-{lessons}"
        content = root / "content"
        # The course's generated pages (the glossary) stay in its nav; the other variants drop them.
        nav = write_course(lessons, content) + generated_nav_entries()
        shutil.copytree(PROJECT_DIR / "docs" / "assets", content / "assets")
        variants = {name: make_variant(name, content, nav, root / name) for name in ("course", "stock", "no-hooks")}
        runs_of: dict[str, list[BuildRun]] = {name: [] for name in [*variants, COLD]}
        for run in range(runs):
            for name, variant in variants.items():
                if name == "course":
                    # Cold: every diagram drawn (the cache emptied first); the warm build after it
                    # takes them all from the cache, as a contributor's rebuild and CI with a cache do.
                    clear_diagram_cache(variant.project_dir)
                    log(f"build: {lessons} lessons, {name}, diagrams not drawn yet, run {run + 1}/{runs}")
                    runs_of[COLD].append(build(variant, root / f"site-{name}"))
                log(f"build: {lessons} lessons, {name}, run {run + 1}/{runs}")
                runs_of[name].append(build(variant, root / f"site-{name}"))
        results[lessons] = {name: _build_summary(measured) for name, measured in runs_of.items()}
    return results


def _build_summary(runs: list[BuildRun]) -> dict:
    """Medians of a variant's builds: wall-clock and CPU seconds, peak memory."""
    return {
        "runs": [run.wall_s for run in runs],
        "median_s": median([run.wall_s for run in runs]),
        "cpu_runs": [run.cpu_s for run in runs],
        "median_cpu_s": median([run.cpu_s for run in runs]),
        "peak_rss_mb_runs": [run.peak_rss_mb for run in runs],
        "median_peak_rss_mb": median([run.peak_rss_mb for run in runs]),
    }


# The course variant's build with no diagram drawn yet (results["build_scaling"][lessons][COLD]).
COLD = "course-cold"


def clear_diagram_cache(project_dir: Path) -> None:
    """Forget every drawn diagram of a variant (hooks/course/diagrams.py keeps them in .cache/diagrams/)."""
    shutil.rmtree(project_dir / ".cache", ignore_errors=True)


def hook_timing(work: Path, lessons: int, log, profile: bool, variant: str = "course") -> dict:
    """One build of the synthetic course with a stopwatch on every hook and plugin event (and optionally cProfile)."""
    variant_dir = work / f"synthetic-{lessons}" / variant
    profile_path = work / "hooks.prof"
    command = [sys.executable, str(BENCH_DIR / "hook_timing.py"), str(variant_dir / "mkdocs.yml"), str(work / "site-timed")]
    if profile:
        command += ["--profile", str(profile_path)]
    log(f"hook timing{' + cProfile' if profile else ''}: {lessons} lessons, {variant}")
    process = subprocess.run(command, cwd=variant_dir, env=ENV, capture_output=True, text=True)
    if process.returncode != 0:
        raise SystemExit(f"The timed build failed:\n{process.stderr[-3000:]}")
    result = json.loads(process.stdout.strip().splitlines()[-1])
    if profile:
        result["profile"] = profile_summary(profile_path)
    return result


def profile_summary(profile_path: Path) -> dict:
    """Where the build's time goes: the top functions overall and in hooks/, by cumulative time."""
    import pstats

    stats = pstats.Stats(str(profile_path))
    total = stats.total_tt  # type: ignore[attr-defined]

    def rows(predicate, limit: int) -> list[dict]:
        entries = []
        for (filename, line, function), (_, calls, own, cumulative, _) in stats.stats.items():  # type: ignore[attr-defined]
            if predicate(filename):
                entries.append({
                    "function": f"{_short(filename)}:{line}({function})",
                    "calls": calls,
                    "own_s": round(own, 3),
                    "cumulative_s": round(cumulative, 3),
                })
        return sorted(entries, key=lambda entry: -entry["cumulative_s"])[:limit]

    hooks_dir = str(PROJECT_DIR / "hooks")
    return {
        "total_s": round(total, 2),
        "hooks": rows(lambda name: "/hooks/" in name or name.startswith(hooks_dir), 12),
        "own_time_overall": sorted(
            rows(lambda name: True, 400), key=lambda entry: -entry["own_s"]
        )[:12],
    }


def _short(filename: str) -> str:
    for marker in ("site-packages/", "/hooks/", "python3.11/"):
        if marker in filename:
            return ("hooks/" if marker == "/hooks/" else "") + filename.split(marker, 1)[1]
    return filename


def remeasure_pages(settings: dict) -> None:
    """Page weight and Lighthouse again, after a change to the site; build numbers stay from the last full run."""
    results = json.loads(RESULTS.read_text())
    started = time.perf_counter()

    def log(message: str) -> None:
        print(f"[bench pages {time.perf_counter() - started:6.0f}s] {message}", flush=True)

    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="bench-") as temp:
        results["page_weight"], results["lighthouse"], results["notes"] = measure_pages(Path(temp), settings, log)
    results["pages_remeasured"] = {
        "generated": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "command": COMMAND + " BENCH_ARGS=--pages-only",
        "load_average": [load_before[0], os.getloadavg()[0]],
    }
    results["settings"]["weight_runs"] = settings["weight_runs"]
    results["settings"]["lighthouse_runs"] = settings["lighthouse_runs"]
    RESULTS.write_text(json.dumps(results, indent=2) + "\n")
    write_report(results, REPORT)
    log(f"wrote {RESULTS.relative_to(PROJECT_DIR)} and {REPORT.relative_to(PROJECT_DIR)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="one run of everything, small courses")
    parser.add_argument("--busy", action="store_true", help="fewer runs where they only orient, for a busy machine")
    parser.add_argument("--report-only", action="store_true", help="rewrite BENCHMARKS.md from results.json")
    parser.add_argument("--pages-only", action="store_true", help="measure page weight and Lighthouse again, keep the rest")
    arguments = parser.parse_args()
    if arguments.report_only:
        write_report(json.loads(RESULTS.read_text()), REPORT)
        return
    settings = QUICK if arguments.quick else BUSY if arguments.busy else FULL
    if arguments.pages_only:
        remeasure_pages(settings)
        return
    started = time.perf_counter()

    def log(message: str) -> None:
        print(f"[bench {time.perf_counter() - started:6.0f}s] {message}", flush=True)

    results: dict = {
        "generated": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "command": COMMAND + (" (harness check: --quick)" if arguments.quick else " BENCH_ARGS=--busy" if arguments.busy else ""),
        "machine": machine(),
        "versions": versions(),
        "load_average_at_start": os.getloadavg(),
        "settings": {**settings, "scaling_runs": {str(k): v for k, v in settings["scaling_runs"].items()}},
    }
    with tempfile.TemporaryDirectory(prefix="bench-") as temp:
        work = Path(temp)
        results["page_weight"], results["lighthouse"], results["notes"] = measure_pages(work, settings, log)
        scaling = measure_scaling(work, settings, log)
        results["build_scaling"] = {str(lessons): value for lessons, value in scaling.items()}
        largest = max(scaling)
        results["hook_timing"] = {
            str(lessons): hook_timing(work, lessons, log, profile=False) for lessons in (min(scaling), largest)
        }
        # Where the smallest course's build time goes in each site, plugin by plugin.
        results["plugin_timing"] = {
            variant: hook_timing(work, min(scaling), log, profile=False, variant=variant) for variant in ("course", "stock")
        }
        results["profile"] = hook_timing(work, largest, log, profile=True)
        results["profile"]["lessons"] = largest
        # The diagrams' share of a build when every one must be drawn (the other timings are warm).
        clear_diagram_cache(work / f"synthetic-{largest}" / "course")
        results["hook_timing_cold"] = {str(largest): hook_timing(work, largest, log, profile=False)}
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=system_chromium(), args=CHROMIUM_FLAGS)
            log("edit loop under make serve: the course")
            edits = measure_edit_loop(browser, EDITED_LESSON, settings["edit_rounds"])
            results["edit_loop"] = {"lesson": EDITED_LESSON, **_edit_results(edits)}
            # The same at the largest synthetic course: a lesson in its middle.
            lesson = lesson_path(largest // 2)
            log(f"edit loop under make serve: {largest} lessons")
            edits = measure_edit_loop(browser, lesson, settings["edit_rounds"], project=work / f"synthetic-{largest}" / "course")
            results["edit_loop_large"] = {"lessons": largest, "lesson": lesson, **_edit_results(edits)}
            browser.close()
    results["load_average_at_end"] = os.getloadavg()
    results["duration_s"] = round(time.perf_counter() - started)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n")
    write_report(results, REPORT)
    log(f"wrote {RESULTS.relative_to(PROJECT_DIR)} and {REPORT.relative_to(PROJECT_DIR)}")


if __name__ == "__main__":
    main()
