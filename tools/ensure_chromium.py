"""Part of `make install`: make sure there is a Chromium for the build and the browser tests.

The build draws the diagrams in Chromium (hooks/course/diagram_renderer.py) and the browser tests
drive it; both use a system Chromium or Chrome when there is one (CHROMIUM_PATH names another),
otherwise Playwright's own Chromium. This installs that one, once, when neither is there, and says
so in one line; a machine without a system Chromium then needs no step of its own. (On Linux,
Playwright's Chromium also needs some system libraries:
`sudo .venv/bin/python -m playwright install-deps chromium` installs them.)

    .venv/bin/python tools/ensure_chromium.py
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_DIR / "hooks"))

from course.diagram_renderer import chromium_path  # noqa: E402 - the build's own lookup, after the path set-up above

INSTALL = [sys.executable, "-m", "playwright", "install", "chromium"]


def playwright_chromium() -> Path:
    """Where Playwright's own Chromium is, or would be once installed."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        return Path(playwright.chromium.executable_path)


def install_message(system: str | None, bundled: Path | None) -> str | None:
    """What to say before installing Playwright's Chromium, or None when a Chromium is there."""
    if system or (bundled is not None and bundled.is_file()):
        return None
    return "No system Chromium found: installing Playwright's own Chromium, which draws the diagrams and runs the browser tests (python -m playwright install chromium)."


def main() -> int:
    system = chromium_path()
    message = install_message(system, None if system else playwright_chromium())
    if message is None:
        return 0
    print(message, flush=True)
    return subprocess.call(INSTALL)


if __name__ == "__main__":
    sys.exit(main())
