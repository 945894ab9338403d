"""Page weight in a real browser: bytes transferred, requests, first paint and layout shift.

Each run opens the page in a fresh browser profile (cold cache) on a phone-sized viewport and lets
everything load until the network is idle (and, on the stock site's diagram pages, until Material has
handed every diagram to Mermaid; this site's diagrams arrive drawn, in the HTML). The bytes are counted by the gzip server as it sends them (status line, headers and gzipped
body). Requests to other hosts are blocked and counted separately: the stock site asks Google Fonts
and a CDN for files, which a benchmark must not depend on.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from urllib.parse import urlparse

from playwright.sync_api import Browser

from gzip_server import GzipServer

# A mid-range phone, as Lighthouse's mobile preset uses.
MOBILE = {"viewport": {"width": 412, "height": 823}, "device_scale_factor": 1.75, "is_mobile": True, "has_touch": True}
# The same phone with a viewport tall enough to hold the whole page: every shift anywhere counts,
# including one caused by a diagram far below the first screen.
TALL = {**MOBILE, "viewport": {"width": 412, "height": 6000}}

OBSERVE = """
window.__layoutShift = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    if (!entry.hadRecentInput) window.__layoutShift += entry.value;
  }
}).observe({ type: "layout-shift", buffered: true });
"""

READ_TIMINGS = """() => {
  const paint = performance.getEntriesByName("first-contentful-paint")[0];
  const mermaid = performance.getEntriesByType("resource").filter((entry) => /mermaid[^/]*\\.js/.test(entry.name));
  return {
    fcp_ms: paint ? paint.startTime : null,
    layout_shift: window.__layoutShift,
    mermaid: mermaid.map((entry) => ({
      url: entry.name,
      start_ms: entry.startTime,
      end_ms: entry.responseEnd,
      render_blocking: entry.renderBlockingStatus === "blocking",
    })),
  };
}"""

# The stock site: Material takes the `mermaid` class off each <pre class="mermaid"> as it starts
# drawing it (from a CDN, blocked here). This site has no such element.
DIAGRAMS_DRAWN = "() => !document.querySelector('pre.mermaid')"


@dataclass
class PageLoad:
    bytes: int
    requests: int
    blocked: dict[str, int] = field(default_factory=dict)  # host -> requests to it that were blocked
    fcp_ms: float | None = None
    layout_shift: float = 0.0
    mermaid_loaded: bool = False
    mermaid_render_blocking: bool = False
    by_kind: dict[str, int] = field(default_factory=dict)  # html, css, js, json, ... -> bytes

    def as_dict(self) -> dict:
        return asdict(self)


def load_page(browser: Browser, server: GzipServer, path: str, options: dict = MOBILE) -> PageLoad:
    """Open ``path`` of the served site once from a cold cache and measure what it transfers."""
    url = server.url + path
    own_host = urlparse(url).netloc
    blocked: Counter[str] = Counter()
    context = browser.new_context(**options)

    def block_other_hosts(route) -> None:  # type: ignore[no-untyped-def]
        host = urlparse(route.request.url).netloc
        if urlparse(route.request.url).scheme in ("http", "https") and host != own_host:
            blocked[host] += 1
            route.abort()
        else:
            route.continue_()

    context.route("**/*", block_other_hosts)
    context.add_init_script(OBSERVE)
    page = context.new_page()
    server.transfers.take()
    try:
        page.goto(url, wait_until="networkidle")
        page.wait_for_function(DIAGRAMS_DRAWN)
        page.wait_for_load_state("networkidle")
        timings = page.evaluate(READ_TIMINGS)
    finally:
        context.close()
    # Counted by the server itself: Chromium's logs miss the requests of the search worker.
    transfers = server.transfers.take()
    by_kind: Counter[str] = Counter()
    for served_path, size in transfers:
        by_kind[_kind(served_path)] += size
    mermaid = timings["mermaid"]
    return PageLoad(
        bytes=sum(size for _, size in transfers),
        requests=len(transfers),
        blocked=dict(blocked),
        fcp_ms=timings["fcp_ms"],
        layout_shift=round(timings["layout_shift"], 4),
        mermaid_loaded=bool(mermaid),
        mermaid_render_blocking=any(entry["render_blocking"] for entry in mermaid),
        by_kind=dict(by_kind),
    )


def _kind(path: str) -> str:
    name = path.rsplit("/", 1)[-1]
    if not name or name.endswith(".html"):
        return "html"
    extension = name.rsplit(".", 1)[-1] if "." in name else "other"
    return {"png": "image", "svg": "image", "ico": "image", "woff2": "font"}.get(extension, extension)
