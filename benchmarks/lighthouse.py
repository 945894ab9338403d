"""Lighthouse (npm, pinned in benchmarks/package.json) on a served page, with the system Chromium.

Mobile preset (Lighthouse's default: a mid-range phone on a throttled 4G connection, simulated).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH_DIR.parent / "tests" / "browser"))
from browser_helpers import CHROMIUM_FLAGS, system_chromium  # noqa: E402

LIGHTHOUSE = BENCH_DIR / "node_modules" / "lighthouse" / "cli" / "index.js"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
METRICS = {
    "first-contentful-paint": "fcp_ms",
    "largest-contentful-paint": "lcp_ms",
    "total-blocking-time": "tbt_ms",
    "cumulative-layout-shift": "cls",
    "speed-index": "speed_index_ms",
    "total-byte-weight": "total_bytes",
}


def lighthouse_version() -> str:
    return json.loads((BENCH_DIR / "node_modules" / "lighthouse" / "package.json").read_text())["version"]


def run_lighthouse(url: str) -> dict:
    """One Lighthouse run: category scores (0-100), key metrics, and the audits that cost points."""
    chromium = system_chromium()
    if not LIGHTHOUSE.is_file():
        raise SystemExit("Lighthouse is not installed: run `npm ci --prefix benchmarks` (make bench does)")
    with tempfile.TemporaryDirectory() as work:
        report_path = Path(work) / "report.json"
        command = [
            "node", str(LIGHTHOUSE), url,
            "--output=json", f"--output-path={report_path}", "--quiet",
            f"--only-categories={','.join(CATEGORIES)}",
            f"--chrome-flags={' '.join([*CHROMIUM_FLAGS, '--headless=new'])}",
        ]
        env = {**os.environ, **({"CHROME_PATH": chromium} if chromium else {})}
        process = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300, cwd=work)
        if process.returncode != 0 or not report_path.is_file():
            raise SystemExit(f"Lighthouse failed on {url}:\n{process.stderr[-3000:]}")
        report = json.loads(report_path.read_text())
    if report.get("runtimeError"):
        raise SystemExit(f"Lighthouse could not load {url}: {report['runtimeError']}")
    audits = report["audits"]
    lost = {}
    for category in CATEGORIES:
        for ref in report["categories"][category]["auditRefs"]:
            audit = audits[ref["id"]]
            if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
                lost[ref["id"]] = {"category": category, "score": audit["score"], "title": audit["title"]}
    return {
        "scores": {category: round(report["categories"][category]["score"] * 100) for category in CATEGORIES},
        "metrics": {name: audits[audit]["numericValue"] for audit, name in METRICS.items()},
        "lost": lost,
    }
