"""Serve a built site the way GitHub Pages does: static files at the root, text gzipped, 404.html for misses.

Python's http.server sends everything uncompressed, which would overstate the bytes a learner downloads,
so this small threaded server compresses text types (HTML, CSS, JS, JSON, XML, SVG, plain text) when the
browser accepts gzip, keeps connections alive (HTTP/1.1) and answers unknown paths with the site's 404.html.

Run by hand: .venv/bin/python benchmarks/gzip_server.py site/ 8001
"""

from __future__ import annotations

import gzip
import http.server
import mimetypes
import sys
import threading
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

COMPRESSED_TYPES = (
    "text/",
    "application/javascript",
    "application/json",
    "application/xml",
    "image/svg+xml",
)
# GitHub Pages lets browsers cache for ten minutes; a benchmark run always starts from a cold cache.
CACHE_CONTROL = "max-age=600"


@lru_cache(maxsize=None)
def _compressed(path: Path, mtime_ns: int) -> bytes:
    # Level 6 is zlib's default and what common web servers use.
    return gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)


def _content_type(path: Path) -> str:
    guessed, _ = mimetypes.guess_type(path.name)
    content_type = guessed or "application/octet-stream"
    if content_type.startswith("text/") or content_type in ("application/javascript", "application/json"):
        content_type += "; charset=utf-8"
    return content_type


class GzipHandler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    site_dir: Path
    transfers: TransferLog

    def do_GET(self) -> None:  # noqa: N802 - stdlib name
        self._respond(send_body=True)

    def do_HEAD(self) -> None:  # noqa: N802 - stdlib name
        self._respond(send_body=False)

    def _respond(self, send_body: bool) -> None:
        path = self._resolve(urlsplit(self.path).path)
        if path is not None and path.is_dir():
            self.send_response(301)
            self.send_header("Location", urlsplit(self.path).path + "/")
            self.send_header("Content-Length", "0")
            self.end_headers()
            self.transfers.add(urlsplit(self.path).path, self._header_bytes)
            return
        status = 200
        if path is None:
            status, path = 404, self.site_dir / "404.html"
            if not path.is_file():
                self.send_error(404)
                return
        content_type = _content_type(path)
        body = path.read_bytes()
        gzipped = any(content_type.startswith(kind) for kind in COMPRESSED_TYPES) and "gzip" in self.headers.get(
            "Accept-Encoding", ""
        )
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Cache-Control", CACHE_CONTROL)
        self.send_header("Vary", "Accept-Encoding")
        if gzipped:
            body = _compressed(path, path.stat().st_mtime_ns)
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if send_body:
            self.wfile.write(body)
        self.transfers.add(urlsplit(self.path).path, self._header_bytes + (len(body) if send_body else 0))

    def flush_headers(self) -> None:
        self._header_bytes = sum(len(chunk) for chunk in getattr(self, "_headers_buffer", []))
        super().flush_headers()

    def _resolve(self, url_path: str) -> Path | None:
        """The file for a URL path (index.html for folders ending in '/'), or None if there is none."""
        relative = unquote(url_path).lstrip("/")
        candidate = (self.site_dir / relative).resolve()
        if self.site_dir.resolve() not in (candidate, *candidate.parents):
            return None
        if url_path.endswith("/") or relative == "":
            candidate = candidate / "index.html"
        if candidate.is_file() or (candidate.is_dir() and (candidate / "index.html").is_file()):
            return candidate
        return None

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib name
        pass


class TransferLog:
    """Bytes the server sent per request (status line, headers and body, as they went on the wire)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._entries: list[tuple[str, int]] = []

    def add(self, path: str, size: int) -> None:
        with self._lock:
            self._entries.append((path, size))

    def take(self) -> list[tuple[str, int]]:
        """The requests served since the last call, oldest first."""
        with self._lock:
            entries, self._entries = self._entries, []
        return entries


class GzipServer:
    """A gzip-serving site on 127.0.0.1 in a background thread: `with GzipServer(site) as url: ...`."""

    def __init__(self, site_dir: Path, port: int = 0) -> None:
        self.transfers = TransferLog()
        handler = type("SiteHandler", (GzipHandler,), {"site_dir": Path(site_dir), "transfers": self.transfers})
        self._server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_port}/"

    def __enter__(self) -> str:
        self._thread.start()
        return self.url

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()


def main() -> None:
    site_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("site")
    port = int(sys.argv[2]) if len(sys.argv) > 2 else 8001
    with GzipServer(site_dir, port) as url:
        print(f"Serving {site_dir} gzipped at {url} (Ctrl+C stops)")
        threading.Event().wait()


if __name__ == "__main__":
    main()
