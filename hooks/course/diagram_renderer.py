"""The diagram renderer: Mermaid source in, SVG (or Mermaid's located error) out.

A narrow adapter around the pinned `mermaid` npm package, run in headless Chromium through
Playwright: the same Mermaid, in the same kind of browser, that used to draw the diagrams in
the learner's browser, so the drawing is the one Mermaid 11 makes (BENCHMARKS.md compares it
with mermaid-cli and mermaidx). Material's own Mermaid theme (the CSS its bundle hands to
Mermaid, with the `--md-mermaid-*` colors that Material's stylesheet sets for each color
scheme) is passed in the same way Material passes it, so one SVG follows the light and dark
schemes through CSS custom properties.

The browser starts on the first diagram that is not in the cache and stays open until
`close()`: one start-up per build or lint run, not one per diagram. It is driven from a thread
of its own (see _BrowserThread).
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import importlib.util
import json
import os
import re
import queue
import shutil
import threading
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# The code that draws a diagram and turns Mermaid's SVG into the page's (this file and
# diagram_svg.py): its hash is part of every drawing's cache key, so a change to either draws
# every diagram again instead of serving drawings made by the old code.
ADAPTER_CODE = (Path(__file__), Path(__file__).with_name("diagram_svg.py"))

# Mermaid's settings, as Material's bundle initializes it (themeCSS is added from Material's
# source, see material_theme_css), plus ids that do not depend on a random seed.
MERMAID_CONFIG: dict[str, Any] = {
    "startOnLoad": False,
    "securityLevel": "strict",
    "deterministicIds": True,
    "sequence": {"actorFontSize": "16px", "messageFontSize": "16px", "noteFontSize": "16px"},
}

# The same flags as the browser tests (tests/browser/browser_helpers.py): no sandbox (CI runs as
# root), no GPU, and nothing that reaches the network.
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

# Runs in the page for one diagram. Errors come back with the line Mermaid's parser reports
# (jison parsers give it in `hash.loc`, the newer ones only in the message). The drawing is put
# in the page once to read the size of its smallest label as the browser lays it out.
_RENDER = """async ([id, source, config]) => {
  mermaid.initialize(config);
  try {
    const { svg } = await mermaid.render(id, source);
    const holder = document.createElement("div");
    holder.innerHTML = svg;
    document.body.append(holder);
    const sizes = [];
    const texts = document.createTreeWalker(holder, NodeFilter.SHOW_TEXT);
    for (let text = texts.nextNode(); text; text = texts.nextNode()) {
      const element = text.parentElement;
      if (text.data.trim() && !element.closest("title, desc, style") && element.getClientRects().length) {
        sizes.push(parseFloat(getComputedStyle(element).fontSize));
      }
    }
    return { svg, smallestFont: sizes.length ? Math.min(...sizes) : null };
  } catch (error) {
    const line = error && error.hash && error.hash.loc ? error.hash.loc.first_line : null;
    return { error: String((error && error.message) || error), line };
  } finally {
    // Mermaid's scratch elements and the measured copy go: the next diagram starts clean.
    for (const element of document.querySelectorAll("body > :not(script)")) element.remove();
  }
}"""


@dataclass(frozen=True)
class Drawing:
    """What the renderer made of one diagram: its SVG, or Mermaid's message and the line (in the
    diagram's source, 1-based) it points at."""

    svg: str | None = None
    error: str | None = None
    error_line: int | None = None
    smallest_font_px: float | None = None  # the smallest label, as the browser drew it


class RendererUnavailable(Exception):
    """The renderer cannot run on this machine (no Chromium, no Playwright, Mermaid not installed)."""

    def __init__(self, reason: str, fix: str) -> None:
        self.reason = reason
        self.fix = fix
        super().__init__(f"{reason} — {fix}")


@dataclass(frozen=True)
class RendererFiles:
    """Where the renderer finds Mermaid and Material's theme: the project's node_modules and the
    installed Material package."""

    mermaid_js: Path
    package_lock: Path  # pins Mermaid's version, known even before node_modules is installed
    material_dir: Path

    @classmethod
    def for_project(cls, project_dir: Path) -> RendererFiles:
        # Material's files only: its package is located, not imported (it would import MkDocs).
        spec = importlib.util.find_spec("material")
        material_dir = Path(spec.origin).parent if spec and spec.origin else Path("material-is-not-installed")
        return cls(
            project_dir / "node_modules" / "mermaid" / "dist" / "mermaid.min.js", project_dir / "package-lock.json", material_dir
        )


class _BrowserThread:
    """The one thread that drives the browser. Playwright's sync API must be used from a single
    thread with no asyncio loop running in it; the caller's thread may have one (a test session
    that drives its own browser, a tool called from async code), so the renderer never uses it."""

    def __init__(self) -> None:
        self._calls: queue.Queue[tuple[Callable[..., Any], tuple[Any, ...], Future[Any]]] = queue.Queue()
        # A daemon thread: it idles between builds and ends with the process.
        threading.Thread(target=self._serve, name="diagram-renderer", daemon=True).start()

    def call(self, function: Callable[..., Any], *args: Any) -> Any:
        done: Future[Any] = Future()
        self._calls.put((function, args, done))
        return done.result()

    def _serve(self) -> None:
        while True:
            function, args, done = self._calls.get()
            try:
                done.set_result(function(*args))
            except BaseException as error:  # handed to the caller, which raises it
                done.set_exception(error)


class MermaidRenderer:
    def __init__(self, files: RendererFiles) -> None:
        self.files = files
        self._thread: _BrowserThread | None = None
        self._playwright: Any = None
        self._browser: Any = None
        self._page: Any = None
        # Why the renderer could not start, kept so that each diagram does not try again.
        self._unavailable: RendererUnavailable | None = None
        self._version: tuple[tuple[int, int] | None, str] | None = None

    @property
    def version(self) -> str:
        """What the drawings depend on besides their source: Mermaid's and Material's versions, Mermaid's
        settings and the hash of this adapter's code. Part of every drawing's cache key.

        Worked out once per state of package-lock.json: it is read for every diagram of a build,
        and parsing the lock file each time was most of a cached diagram's cost."""
        try:
            stat = self.files.package_lock.stat()
            lock_state: tuple[int, int] | None = (stat.st_mtime_ns, stat.st_size)
        except OSError:
            lock_state = None
        if self._version is None or self._version[0] != lock_state:
            self._version = (lock_state, self._work_out_version())
        return self._version[1]

    def _work_out_version(self) -> str:
        try:
            lock = json.loads(self.files.package_lock.read_text(encoding="utf-8"))
            mermaid = lock["packages"]["node_modules/mermaid"]["version"]
        except (OSError, ValueError, KeyError):
            mermaid = "not pinned"
        try:
            theme = importlib.metadata.version("mkdocs-material")
        except importlib.metadata.PackageNotFoundError:
            theme = "not installed"
        settings = hashlib.sha256(json.dumps(MERMAID_CONFIG, sort_keys=True).encode()).hexdigest()[:12]
        code = hashlib.sha256(b"".join(path.read_bytes() for path in ADAPTER_CODE)).hexdigest()[:12]
        return f"mermaid {mermaid}, material {theme}, settings {settings}, adapter {code}"

    def render(self, diagram_id: str, source: str) -> Drawing:
        if self._thread is None:
            self._thread = _BrowserThread()
        return self._thread.call(self._render, diagram_id, source)

    def close(self) -> None:
        if self._thread is not None:
            self._thread.call(self._close)

    def _render(self, diagram_id: str, source: str) -> Drawing:
        page = self._open()
        result = page.evaluate(_RENDER, [diagram_id, source, self._config])
        if "svg" in result:
            return Drawing(svg=result["svg"], smallest_font_px=result.get("smallestFont"))
        return Drawing(error=result["error"], error_line=result.get("line") or _line_in_message(result["error"]))

    def try_again(self) -> None:
        """Forget that the renderer could not start (under `make serve`, the next build tries again)."""
        self._unavailable = None

    def _close(self) -> None:
        browser, playwright = self._browser, self._playwright
        self._page = self._browser = self._playwright = None
        try:
            if browser is not None:
                browser.close()
        finally:
            if playwright is not None:
                playwright.stop()

    def _open(self) -> Any:
        if self._page is not None:
            return self._page
        if self._unavailable is not None:
            raise self._unavailable
        try:
            self._page = self._start()
        except RendererUnavailable as error:
            self._unavailable = error
            raise
        return self._page

    def _start(self) -> Any:
        if not self.files.mermaid_js.is_file():
            raise RendererUnavailable(
                f"Mermaid is not installed ({self.files.mermaid_js} is missing)",
                "install the pinned npm packages with 'make install' (or 'npm ci')",
            )
        sources = _material_sources(self.files.material_dir)
        if "theme_css" not in sources:
            raise RendererUnavailable(
                "Material's Mermaid theme was not found in its installed bundle",
                "reinstall the pinned Python packages with 'make install'; if Material was upgraded, update "
                "hooks/course/diagram_renderer.py",
            )
        try:
            from playwright.sync_api import Error as PlaywrightError
            from playwright.sync_api import sync_playwright
        except ImportError:
            raise RendererUnavailable(
                "Playwright is not installed", "install the pinned Python packages with 'make install'"
            ) from None
        self._config = {**MERMAID_CONFIG, "themeCSS": sources["theme_css"]}
        try:
            self._playwright = sync_playwright().start()
            self._browser = self._playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS)
            page = self._browser.new_page()
            # Material's stylesheets in the page, with its light scheme: Mermaid measures the labels
            # in the font and sizes the site itself uses.
            page.set_content('<!doctype html><html><head></head><body data-md-color-scheme="default"></body></html>')
            for stylesheet in sources["stylesheets"]:
                page.add_style_tag(path=str(stylesheet))
            page.add_script_tag(path=str(self.files.mermaid_js))
        except PlaywrightError as error:
            self._close()
            raise RendererUnavailable(
                f"Chromium could not be started to draw the diagrams ({str(error).splitlines()[0]})",
                "install Chromium (Debian/Ubuntu: 'apt-get install chromium') or point CHROMIUM_PATH at a Chrome or "
                "Chromium; '.venv/bin/python -m playwright install chromium' also works where downloads are allowed",
            ) from None
        return page


def chromium_path() -> str | None:
    """A system Chromium or Chrome (CHROMIUM_PATH first), or None for Playwright's own download."""
    explicit = os.environ.get("CHROMIUM_PATH")
    if explicit:
        return explicit
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        path = shutil.which(name)
        if path:
            return path
    return None


_MESSAGE_LINE = re.compile(r"\bline (\d+)\b")


def _line_in_message(message: str) -> int | None:
    match = _MESSAGE_LINE.search(message)
    return int(match.group(1)) if match else None


_material_cache: dict[Path, dict[str, Any]] = {}


def _material_sources(material_dir: Path) -> dict[str, Any]:
    """Material's Mermaid theme CSS and its stylesheets (read only when a diagram must be drawn:
    the source map is 3 MB).

    The theme CSS is what Material's bundle passes to Mermaid as themeCSS; the bundle's source map
    holds it as its own file (components/content/mermaid/index.css), which is sturdier than
    reading it out of the minified script.
    """
    if material_dir in _material_cache:
        return _material_cache[material_dir]
    found: dict[str, Any] = {}
    assets = material_dir / "templates" / "assets"
    for source_map in sorted((assets / "javascripts").glob("bundle.*.min.js.map")):
        bundle = json.loads(source_map.read_text(encoding="utf-8"))
        for path, content in zip(bundle.get("sources", []), bundle.get("sourcesContent", [])):
            if path.endswith("components/content/mermaid/index.css") and content:
                found["theme_css"] = content
    found["stylesheets"] = sorted((assets / "stylesheets").glob("main.*.min.css")) + sorted(
        (assets / "stylesheets").glob("palette.*.min.css")
    )
    _material_cache[material_dir] = found
    return found
