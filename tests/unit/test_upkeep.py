"""The upkeep check (tools/upkeep.py): audit results read right, dead links found, failures never pass silently.

The real audits need the network (PyPI's and npm's vulnerability services), so they are tested on
the JSON those tools print; links are checked against a server on 127.0.0.1.
"""

from __future__ import annotations

import functools
import http.server
import socket
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tools"))

from upkeep import (  # noqa: E402 - after the path set-up above
    AuditResult,
    LinkResult,
    Report,
    Vulnerability,
    check_link,
    external_links,
    markdown_report,
    parse_npm_audit,
    parse_pip_audit,
)


def test_pip_audit_findings_are_read_with_their_fix() -> None:
    data = {"dependencies": [
        {"name": "jinja2", "version": "3.1.0", "vulns": [{"id": "GHSA-h5c8-rqwp-cp95", "fix_versions": ["3.1.3"]}]},
        {"name": "markdown", "version": "3.11.3", "vulns": []},
    ]}
    result = parse_pip_audit("requirements.txt", data)
    assert result.vulnerabilities == (
        Vulnerability("requirements.txt", "jinja2", "3.1.0", "GHSA-h5c8-rqwp-cp95", "3.1.3"),
    )
    assert not result.error


def test_a_package_pip_audit_could_not_check_makes_the_audit_incomplete() -> None:
    data = {"dependencies": [{"name": "babel", "version": "2.18.0", "skip_reason": "Dependency not found on PyPI"}]}
    result = parse_pip_audit("requirements.txt", data)
    assert "babel" in result.error
    assert Report(audits=[result]).failed


def test_npm_audit_findings_are_read_and_indirect_entries_skipped() -> None:
    data = {
        "auditReportVersion": 2,
        "vulnerabilities": {
            "dompurify": {
                "range": "<3.2.4", "fixAvailable": {"name": "mermaid", "version": "11.17.3"},
                "via": [{"source": 1, "title": "XSS", "url": "https://github.com/advisories/GHSA-vhxf-7vqr-mrjg"}],
            },
            "mermaid": {"range": "11.0.0 - 11.17.2", "fixAvailable": True, "via": ["dompurify"]},
        },
        "metadata": {"vulnerabilities": {"total": 2}},
    }
    result = parse_npm_audit("package-lock.json", data)
    assert [(item.package, item.identifier, item.fixed_in) for item in result.vulnerabilities] == [
        ("dompurify", "https://github.com/advisories/GHSA-vhxf-7vqr-mrjg", "mermaid@11.17.3")
    ]


def test_an_npm_audit_the_registry_refused_is_an_error_not_a_clean_result() -> None:
    # What npm prints when the audit endpoint answers 405 (seen on a machine with a registry proxy).
    data = {"message": "405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk",
            "statusCode": 405, "error": {"summary": "", "detail": ""}}
    result = parse_npm_audit("package-lock.json", data)
    assert "405" in result.error
    assert Report(audits=[result]).failed


def test_external_links_are_collected_once_per_url_without_the_site_itself(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text(
        '<a href="https://example.org/book#ch1">x</a><a href="https://example.org/book">y</a>'
        '<a href="../b/">local</a><a href="https://open-pm-course.github.io/glossary/">own</a>'
        '<a href="mailto:someone@example.org">mail</a>'
    )
    (tmp_path / "index.html").write_text('<a href="http://example.net/">z</a><a href="https://example.org/book">w</a>')
    links = external_links(tmp_path, ["https://open-pm-course.github.io/"])
    assert links == {
        "http://example.net/": ("index.html",),
        "https://example.org/book": ("a/index.html", "index.html"),
    }


class _Handler(http.server.BaseHTTPRequestHandler):
    def do_HEAD(self) -> None:
        self._answer(head=True)

    def do_GET(self) -> None:
        self._answer(head=False)

    def _answer(self, head: bool) -> None:
        status = {"/ok": 200, "/gone": 404, "/refused": 403, "/head-refused": 405 if head else 200}.get(self.path, 500)
        self.send_response(status)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib name
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()
    httpd.server_close()


def test_links_are_sorted_into_alive_dead_and_doubtful(server: str) -> None:
    assert not check_link(f"{server}/ok").dead
    gone = check_link(f"{server}/gone")
    assert gone.dead and gone.status == 404
    refused = check_link(f"{server}/refused")
    assert not refused.dead and refused.doubtful
    head_refused = check_link(f"{server}/head-refused")
    assert head_refused.status == 200 and not head_refused.doubtful


def test_a_host_that_does_not_answer_is_a_dead_link() -> None:
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    result = check_link(f"http://127.0.0.1:{port}/")
    assert result.dead and result.status is None


def test_the_report_names_each_problem_and_fails_only_on_dead_links_and_vulnerabilities() -> None:
    vulnerable = AuditResult("requirements.txt", (Vulnerability("requirements.txt", "jinja2", "3.1.0", "GHSA-x", "3.1.3"),))
    dead = LinkResult("https://example.org/gone", ("index.html",), 404, "Not Found")
    doubtful = LinkResult("https://example.org/robots-only", ("a/index.html",), 403, "Forbidden")
    report = Report(audits=[vulnerable, AuditResult("package-lock.json")], links=[dead, doubtful], links_checked=True)
    text = markdown_report(report)
    assert "| `requirements.txt` | jinja2 | 3.1.0 | GHSA-x | 3.1.3 |" in text
    assert "https://example.org/gone | 404 Not Found | index.html" in text
    assert "Refused or server error" in text and "robots-only" in text
    assert report.failed and text.rstrip().endswith("action needed.")
    assert not Report(audits=[AuditResult("package-lock.json")], links=[doubtful], links_checked=True).failed
