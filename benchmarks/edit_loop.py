"""The contributor's edit loop: from saving a lesson to seeing the change in the browser under `properdocs serve`.

A copy of the project (or a synthetic course's project, see bench.py) is served the way `make serve`
serves it (`properdocs serve --dirty`: hooks/preview_hook.py re-renders only the pages a save reaches),
the lesson is open in Chromium, and each round appends a new sentence to the lesson file and waits
until live reload has rebuilt the site and the page shows the sentence. The real docs/ is never
touched; a served project's lesson gets its text back at the end.

A save counts until the reloaded page has rendered its first frame holding the sentence: the page
itself notes when that was (``SHOWN_SCRIPT``). Playwright notices it later, when it next polls after the
navigation (0.3 to 0.5 s later at a thousand lessons, measured): that delay is the harness's, not
the contributor's, so it is recorded beside the result (``noticed_s``) and not counted.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import Browser
from site_helpers import ctrl_c_acts, stop_serve

PROJECT_DIR = Path(__file__).resolve().parent.parent
# package-lock.json pins the Mermaid that draws the diagrams (part of their cache key).
PARTS = ("mkdocs.yml", "package-lock.json", "docs", "overrides", "hooks")
# As the Makefile's `serve` target runs it.
SERVE_OPTIONS = ("--dirty", "--watch", "overrides")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


MARKER = "Edit-loop marker"
# Runs at the start of every document the page loads (live reload loads the page again): once an
# element holding a marker sentence has entered the page, the time the next frame (the one that draws
# it) has been rendered, on the wall clock (performance.timeOrigin), with the sentence. A task posted
# from the frame's requestAnimationFrame callback runs after that frame's style, layout and paint; the
# callback's own timestamp is when the frame started, which can be earlier than the sentence.
SHOWN_SCRIPT = """
(() => {
  const observer = new MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.addedNodes) {
        const found = (node.textContent || "").match(/%s [0-9]+ [0-9]+\\./);
        if (found) {
          observer.disconnect();
          requestAnimationFrame(() => {
            const channel = new MessageChannel();
            channel.port1.onmessage = () => {
              window.__editLoopShown = { marker: found[0], at: performance.timeOrigin + performance.now() };
            };
            channel.port2.postMessage(null);
          });
          return;
        }
      }
    }
  });
  observer.observe(document, { childList: true, subtree: true });
})();
""" % MARKER


@dataclass
class EditLoop:
    runs_s: list[float]  # from each write to the first frame of the reloaded page that shows it
    noticed_s: list[float]  # from each write to Playwright noticing the sentence (the harness's delay included)


def measure_edit_loop(browser: Browser, lesson_src: str, rounds: int, project: Path | None = None) -> EditLoop:
    """Seconds from writing ``lesson_src`` (relative to docs/) to the reloaded page showing the edit.

    ``project``: the project to serve (its mkdocs.yml and docs/); by default a copy of this one.
    """
    with tempfile.TemporaryDirectory(prefix="bench-serve-") as work:
        if project is None:
            project = Path(work)
            for part in PARTS:
                source = PROJECT_DIR / part
                copy = shutil.copytree if source.is_dir() else shutil.copy2
                copy(source, project / part)
            (project / "node_modules").symlink_to(PROJECT_DIR / "node_modules")
        port = _free_port()
        server = subprocess.Popen(
            [sys.executable, "-m", "properdocs", "serve", *SERVE_OPTIONS, "-f", "mkdocs.yml", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=project,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            preexec_fn=ctrl_c_acts,
        )
        lesson = project / "docs" / lesson_src
        original = lesson.read_text()
        try:
            _wait_until_serving(server)
            url = f"http://127.0.0.1:{port}/" + re.sub(r"(index)?\.md$", "", lesson_src).rstrip("/") + "/"
            context = browser.new_context()
            context.add_init_script(SHOWN_SCRIPT)
            page = context.new_page()
            page.goto(url, wait_until="load")
            result = EditLoop([], [])
            for round_number in range(1, rounds + 1):
                marker = f"{MARKER} {round_number} {time.time_ns()}."
                start = time.time()
                lesson.write_text(original + f"\n\n{marker}\n")
                page.get_by_text(marker).wait_for(timeout=300_000)
                result.noticed_s.append(time.time() - start)
                # Playwright may see the sentence before the page has noted its frame: wait for the note.
                page.wait_for_function("marker => window.__editLoopShown?.marker === marker", arg=marker, timeout=30_000)
                result.runs_s.append(page.evaluate("window.__editLoopShown.at") / 1000 - start)
            context.close()
            return result
        finally:
            lesson.write_text(original)
            stop_serve(server)


def _wait_until_serving(server: subprocess.Popen) -> None:
    """Read properdocs serve's log until it says it is serving (after its first full build)."""
    assert server.stderr is not None
    log = []
    for line in server.stderr:
        log.append(line)
        if "Serving on" in line:
            # Keep draining the log in the background so the server never blocks on a full pipe.
            threading.Thread(target=lambda: [None for _ in server.stderr], daemon=True).start()
            return
    raise SystemExit("properdocs serve stopped before serving:\n" + "".join(log))
