"""Compare Mermaid renderers for drawing the course's diagrams at build time (BENCHMARKS.md,
"Diagrams drawn at build time"). Run by hand; not part of `make bench`: the other candidates are
not the project's dependencies, so they are installed beside it first, for instance

    mkdir -p /tmp/renderers/mmdc && cd /tmp/renderers/mmdc && PUPPETEER_SKIP_DOWNLOAD=1 npm install \\
        @mermaid-js/mermaid-cli@11.17.0 puppeteer@25.16.0 mermaid@11.17.2
    python3 -m venv /tmp/renderers/mx && /tmp/renderers/mx/bin/pip install mermaidx==0.10.1
    .venv/bin/python benchmarks/compare_renderers.py --mermaid-cli /tmp/renderers/mmdc \\
        --mermaidx-python /tmp/renderers/mx/bin/python --out /tmp/renderers/out

Each candidate draws the course's diagrams and a few other diagram types: time for the first
diagram (start-up included) and per diagram after it, the same bytes when drawn twice, and the
accessible parts of the SVG. It writes every SVG and, per diagram, one screenshot with Mermaid
drawing it live in Chromium at the top and each candidate's SVG below, to compare by eye.
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(PROJECT_DIR / "hooks")]

from course.diagram_renderer import CHROMIUM_FLAGS, MermaidRenderer, RendererFiles, chromium_path  # noqa: E402
from course.diagrams import find_diagrams  # noqa: E402

SAMPLES = {
    "sequence": """sequenceDiagram
  accTitle: A feature request
  accDescr: A customer asks support, support asks the product manager, who answers.
  participant C as Customer
  participant S as Support
  participant P as Product manager
  C->>S: Asks for bulk export
  S->>P: Passes on the request
  P-->>S: It is on next quarter's roadmap
  S-->>C: Answers with the date
""",
    "state": """stateDiagram-v2
  accTitle: The life of an idea
  accDescr: An idea is proposed, then explored, then either built or dropped.
  [*] --> Proposed
  Proposed --> Explored
  Explored --> Built
  Explored --> Dropped
  Built --> [*]
  Dropped --> [*]
""",
    "pie": """pie showData
  accTitle: Where the team's time goes
  accDescr: Building takes half of the time, discovery a quarter, support and meetings the rest.
  title Where the team's time goes
  "Building" : 50
  "Discovery" : 25
  "Support" : 15
  "Meetings" : 10
""",
    "quadrant": """quadrantChart
  accTitle: Value against effort
  accDescr: Four features placed by their value and effort.
  x-axis Low effort --> High effort
  y-axis Low value --> High value
  quadrant-1 Big bets
  quadrant-2 Quick wins
  quadrant-3 Fill-ins
  quadrant-4 Money pits
  Bulk export: [0.3, 0.8]
  New search: [0.8, 0.85]
""",
}
ACCESSIBLE = {
    "<title>": re.compile(r"<title\b"),
    "<desc>": re.compile(r"<desc\b"),
    "aria-labelledby": re.compile(r"<svg\b[^>]*aria-labelledby="),
    "role=\"img\"": re.compile(r"<svg\b[^>]*role=\"img\""),
}


def course_diagrams() -> dict[str, str]:
    found = {}
    for path in sorted((PROJECT_DIR / "docs").rglob("*.md")):
        for index, diagram in enumerate(find_diagrams(path.read_text())):
            found[f"{path.stem}-{index + 1}"] = diagram.source
    return found


def own(diagrams: dict[str, str]) -> dict[str, tuple[float, str]]:
    """This project's adapter (hooks/course/diagram_renderer.py): one browser for all diagrams."""
    renderer = MermaidRenderer(RendererFiles.for_project(PROJECT_DIR))
    drawn = {}
    try:
        for name, source in diagrams.items():
            start = time.perf_counter()
            drawing = renderer.render(f"d-{name}", source)
            drawn[name] = (time.perf_counter() - start, drawing.svg or "")
    finally:
        renderer.close()
    return drawn


def mermaid_cli(folder: Path, diagrams: dict[str, str], work: Path) -> dict[str, tuple[float, str]]:
    """mmdc once per diagram, as a build would call it per file (each call starts a browser)."""
    config = work / "puppeteer.json"
    config.write_text(json.dumps({"executablePath": chromium_path(), "args": CHROMIUM_FLAGS}))
    drawn = {}
    for name, source in diagrams.items():
        source_file, target = work / f"{name}.mmd", work / f"{name}.svg"
        source_file.write_text(source)
        start = time.perf_counter()
        subprocess.run([str(folder / "node_modules" / ".bin" / "mmdc"), "-p", str(config), "-i", str(source_file),
                        "-o", str(target), "-q"], check=True, capture_output=True, env={**os.environ, "PUPPETEER_SKIP_DOWNLOAD": "1"})
        drawn[name] = (time.perf_counter() - start, target.read_text())
    return drawn


MERMAIDX_SCRIPT = """import json, sys, time
import mermaidx
diagrams = json.load(sys.stdin)
out = {}
for name, source in diagrams.items():
    start = time.perf_counter()
    svg = mermaidx.render(source).svg()
    out[name] = [time.perf_counter() - start, svg]
json.dump(out, sys.stdout)
"""


def mermaidx(python: str, diagrams: dict[str, str]) -> dict[str, tuple[float, str]]:
    """mermaidx in its own Python (Mermaid in QuickJS), one process for all diagrams."""
    process = subprocess.run([python, "-c", MERMAIDX_SCRIPT], input=json.dumps(diagrams), capture_output=True, text=True, check=True)
    return {name: (seconds, svg) for name, (seconds, svg) in json.loads(process.stdout).items()}


def summary(first: dict[str, tuple[float, str]], second: dict[str, tuple[float, str]]) -> dict:
    times = [seconds for seconds, _ in first.values()]
    svgs = [svg for _, svg in first.values()]
    return {
        "first_s": round(times[0], 3),
        "per_diagram_after_s": round(statistics.median(times[1:]), 3),
        "identical_when_drawn_again": all(first[name][1] == second[name][1] for name in first),
        "accessible": {label: all(pattern.search(svg) for svg in svgs) for label, pattern in ACCESSIBLE.items()},
    }


def screenshots(diagrams: dict[str, str], drawn: dict[str, dict[str, tuple[float, str]]], out: Path) -> None:
    from playwright.sync_api import sync_playwright

    mermaid_js = RendererFiles.for_project(PROJECT_DIR).mermaid_js
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS)
        page = browser.new_page(viewport={"width": 1000, "height": 800})
        for name, source in diagrams.items():
            cells = [f"<h3>Mermaid live in Chromium (reference)</h3><pre class='mermaid'>{source}</pre>"]
            for candidate, results in drawn.items():
                svg = results[name][1].encode()
                match = re.search(rb'viewBox="[-\d.]+ [-\d.]+ ([\d.]+)', svg)
                width = f' width="{float(match.group(1))}"' if match else ""
                cells.append(f"<h3>{candidate}</h3><img{width} src='data:image/svg+xml;base64,{base64.b64encode(svg).decode()}'>")
            page.set_content("<body style='font:14px sans-serif'>" + "".join(f"<div style='border:1px solid #ccc;margin:4px'>{cell}</div>" for cell in cells))
            page.add_script_tag(path=str(mermaid_js))
            page.evaluate("async () => { mermaid.initialize({ startOnLoad: false }); await mermaid.run(); }")
            page.wait_for_function("() => document.querySelector('pre.mermaid svg') && [...document.images].every(image => image.complete)")
            page.screenshot(path=str(out / f"{name}.png"), full_page=True)
        browser.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mermaid-cli", type=Path, help="a folder where @mermaid-js/mermaid-cli is installed")
    parser.add_argument("--mermaidx-python", help="a Python with mermaidx installed")
    parser.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "compare-renderers")
    arguments = parser.parse_args()
    arguments.out.mkdir(parents=True, exist_ok=True)
    diagrams = {**course_diagrams(), **SAMPLES}
    candidates = {"own adapter (Playwright + mermaid 11.17.2)": lambda: own(diagrams)}
    if arguments.mermaid_cli:
        candidates["mermaid-cli"] = lambda: mermaid_cli(arguments.mermaid_cli, diagrams, Path(tempfile.mkdtemp()))
    if arguments.mermaidx_python:
        candidates["mermaidx"] = lambda: mermaidx(arguments.mermaidx_python, diagrams)
    drawn, results = {}, {}
    for name, run in candidates.items():
        first, second = run(), run()
        drawn[name] = first
        results[name] = summary(first, second)
        folder = arguments.out / re.sub(r"\W+", "-", name).strip("-")
        folder.mkdir(exist_ok=True)
        for diagram, (_, svg) in first.items():
            (folder / f"{diagram}.svg").write_text(svg)
    screenshots(diagrams, drawn, arguments.out)
    results["load_average"] = os.getloadavg()[0]
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
