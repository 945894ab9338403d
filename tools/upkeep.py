"""Scheduled upkeep: known vulnerabilities in the pinned dependencies, and dead links to other sites.

The upkeep workflow (.github/workflows/upkeep.yml) runs this every week and on demand; `make upkeep`
runs it locally (it needs the network). It checks

- both Python requirement files with pip-audit (PyPI's vulnerability data);
- both npm lock files (the site's and the benchmarks') with `npm audit`;
- every link from the built course to another site (a built site in SITE_DIR, `make build`).

and prints a Markdown report, also written to the GitHub job summary when $GITHUB_STEP_SUMMARY is
set. It exits with 1 on a known vulnerability, a dead link, or an audit that could not run: a check
that silently audited nothing must not look like a clean bill of health.

    .venv/bin/python tools/upkeep.py --site site
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import urllib.error
import urllib.request
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urldefrag, urlparse

REPO_DIR = Path(__file__).resolve().parent.parent
REQUIREMENT_FILES = ("requirements.txt", "requirements-dev.txt")
NPM_PROJECTS = (".", "benchmarks")  # folders holding a package-lock.json

# A link is dead when the server says the page is gone, or there is no server at all. Refusals
# (401, 403, 429) and server errors are reported but do not fail the run: sites refuse robots and
# have bad days, and a weekly run that fails for that would soon be ignored.
DEAD_STATUSES = frozenset({404, 410})
TIMEOUT_SECONDS = 20
USER_AGENT = "open-pm-course-link-check/1 (+https://github.com/open-pm-course/open-pm-course.github.io)"


@dataclass(frozen=True)
class Vulnerability:
    source: str  # the file audited
    package: str
    version: str
    identifier: str  # e.g. GHSA-... or PYSEC-...
    fixed_in: str  # versions that fix it, or "no fix yet"


@dataclass(frozen=True)
class AuditResult:
    source: str
    vulnerabilities: tuple[Vulnerability, ...] = ()
    error: str = ""  # why the audit could not be completed


@dataclass(frozen=True)
class LinkResult:
    url: str
    pages: tuple[str, ...]  # built pages that link to it
    status: int | None  # HTTP status, or None when no answer came
    detail: str = ""

    @property
    def dead(self) -> bool:
        return self.status is None or self.status in DEAD_STATUSES

    @property
    def doubtful(self) -> bool:
        return not self.dead and self.status >= 400  # type: ignore[operator]


@dataclass
class Report:
    audits: list[AuditResult] = field(default_factory=list)
    links: list[LinkResult] = field(default_factory=list)
    links_checked: bool = False

    @property
    def failed(self) -> bool:
        return any(audit.error or audit.vulnerabilities for audit in self.audits) or any(
            link.dead for link in self.links
        )


# Python packages ----------------------------------------------------------------------


def pip_audit(requirements: Path) -> AuditResult:
    """pip-audit over one fully pinned requirements file (no resolver run: the file is the lock)."""
    command = [
        sys.executable, "-m", "pip_audit", "--requirement", str(requirements), "--no-deps", "--disable-pip",
        "--format", "json", "--progress-spinner", "off",
    ]
    process = subprocess.run(command, capture_output=True, text=True, check=False)
    # pip-audit exits with 1 when it finds something; the JSON says what.
    try:
        data = json.loads(process.stdout)
    except json.JSONDecodeError:
        return AuditResult(requirements.name, error=f"pip-audit did not run: {process.stderr.strip()[-500:]}")
    return parse_pip_audit(requirements.name, data)


def parse_pip_audit(source: str, data: dict) -> AuditResult:
    vulnerabilities = []
    skipped = []
    for dependency in data.get("dependencies", []):
        if "skip_reason" in dependency:
            skipped.append(dependency["name"])
            continue
        for vulnerability in dependency.get("vulns", []):
            vulnerabilities.append(Vulnerability(
                source, dependency["name"], dependency.get("version", "?"), vulnerability["id"],
                ", ".join(vulnerability.get("fix_versions") or []) or "no fix yet",
            ))
    error = f"{len(skipped)} package(s) could not be audited: {', '.join(skipped)}" if skipped else ""
    return AuditResult(source, tuple(vulnerabilities), error)


# npm packages -------------------------------------------------------------------------


def npm_audit(project: Path, name: str) -> AuditResult:
    """`npm audit` of one lock file (the lock alone: nothing is installed)."""
    process = subprocess.run(
        ["npm", "audit", "--json", "--package-lock-only"], cwd=project, capture_output=True, text=True, check=False
    )
    try:
        data = json.loads(process.stdout)
    except json.JSONDecodeError:
        return AuditResult(name, error=f"npm audit did not run: {process.stderr.strip()[-500:]}")
    return parse_npm_audit(name, data)


def parse_npm_audit(source: str, data: dict) -> AuditResult:
    if "error" in data or "metadata" not in data:
        # e.g. the registry refused the audit request: say so, never report "none found".
        error = data.get("error")
        detail = (error.get("summary") or error.get("detail")) if isinstance(error, dict) else error
        return AuditResult(source, error=str(detail or data.get("message") or "npm audit gave no report"))
    vulnerabilities = []
    for package, entry in sorted(data.get("vulnerabilities", {}).items()):
        advisories = [item for item in entry.get("via", []) if isinstance(item, dict)]
        if not advisories:
            continue  # vulnerable only through another package, which is listed itself
        fix = entry.get("fixAvailable")
        fixed_in = (f"{fix['name']}@{fix['version']}" if isinstance(fix, dict) else "yes") if fix else "no fix yet"
        for advisory in advisories:
            identifier = str(advisory.get("url") or advisory.get("source") or advisory.get("title"))
            vulnerabilities.append(Vulnerability(source, package, str(entry.get("range", "?")), identifier, fixed_in))
    return AuditResult(source, tuple(vulnerabilities))


# Links to other sites -----------------------------------------------------------------


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.urls.append(href)


def external_links(site_dir: Path, own_urls: Iterable[str] = ()) -> dict[str, tuple[str, ...]]:
    """Every http(s) link in the built site to another site, with the pages that hold it."""
    own_hosts = {urlparse(url).netloc for url in own_urls}
    found: dict[str, list[str]] = {}
    for html in sorted(site_dir.rglob("*.html")):
        parser = _Links()
        parser.feed(html.read_text(encoding="utf-8", errors="replace"))
        page = html.relative_to(site_dir).as_posix()
        for href in parser.urls:
            url = urldefrag(href)[0]
            parsed = urlparse(url)
            if parsed.scheme in ("http", "https") and parsed.netloc and parsed.netloc not in own_hosts:
                pages = found.setdefault(url, [])
                if page not in pages:
                    pages.append(page)
    return {url: tuple(pages) for url, pages in sorted(found.items())}


def check_link(url: str, pages: tuple[str, ...] = ()) -> LinkResult:
    """Ask for ``url`` (HEAD, then GET where HEAD is refused) and classify the answer."""
    status: int | None = None
    detail = ""
    for method in ("HEAD", "GET"):
        request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT})
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:
                return LinkResult(url, pages, response.status)
        except urllib.error.HTTPError as error:
            status, detail = error.code, error.reason
            if method == "HEAD" and error.code in (403, 404, 405, 429, 501):
                continue  # some servers only answer GET properly
            break
        except (urllib.error.URLError, OSError, ValueError) as error:
            status, detail = None, str(getattr(error, "reason", error))
            break
    return LinkResult(url, pages, status, str(detail))


def check_links(links: dict[str, tuple[str, ...]], workers: int = 8) -> list[LinkResult]:
    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(lambda item: check_link(*item), links.items()))


# Report -------------------------------------------------------------------------------


def markdown_report(report: Report) -> str:
    lines = ["# Upkeep report", ""]
    lines.append("## Known vulnerabilities")
    lines.append("")
    for audit in report.audits:
        state = "could not be completed" if audit.error else (
            f"{len(audit.vulnerabilities)} found" if audit.vulnerabilities else "none found"
        )
        lines.append(f"- `{audit.source}`: {state}" + (f" ({audit.error})" if audit.error else ""))
    vulnerabilities = [vulnerability for audit in report.audits for vulnerability in audit.vulnerabilities]
    if vulnerabilities:
        lines += ["", "| File | Package | Version | Advisory | Fixed in |", "| --- | --- | --- | --- | --- |"]
        lines += [
            f"| `{item.source}` | {item.package} | {item.version} | {item.identifier} | {item.fixed_in} |"
            for item in vulnerabilities
        ]
    lines += ["", "## Links to other sites", ""]
    if not report.links_checked:
        lines.append("Not checked in this run.")
    else:
        dead = [link for link in report.links if link.dead]
        doubtful = [link for link in report.links if link.doubtful]
        lines.append(f"{len(report.links)} link(s) checked: {len(dead)} dead, {len(doubtful)} refused or failing for now.")
        for title, links in (("Dead (fails the run)", dead), ("Refused or server error (check by hand)", doubtful)):
            if links:
                lines += ["", f"### {title}", "", "| Link | Answer | On pages |", "| --- | --- | --- |"]
                lines += [
                    f"| {link.url} | {link.status or 'no answer'} {link.detail} | {', '.join(link.pages)} |"
                    for link in links
                ]
    lines += ["", "**Result:** " + ("action needed." if report.failed else "all clear.")]
    return "\n".join(lines) + "\n"


def _site_url(config: Path) -> list[str]:
    """The site_url of mkdocs.yml: links to the published site itself are not checked."""
    match = re.search(r"^site_url:\s*(\S+)", config.read_text(encoding="utf-8"), re.MULTILINE)
    return [match.group(1)] if match else []


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Audit the pinned dependencies and the course's links to other sites.")
    parser.add_argument("--site", type=Path, help="a built site to check the links of (skipped without it)")
    parser.add_argument("--own-url", action="append", default=[], help="another address of the site itself (not checked)")
    args = parser.parse_args(argv)
    own_urls = [*args.own_url, *_site_url(REPO_DIR / "mkdocs.yml")]
    report = Report()
    report.audits += [pip_audit(REPO_DIR / name) for name in REQUIREMENT_FILES]
    report.audits += [npm_audit(REPO_DIR / folder, f"{folder}/package-lock.json".removeprefix("./")) for folder in NPM_PROJECTS]
    if args.site:
        report.links = check_links(external_links(args.site, own_urls))
        report.links_checked = True
    text = markdown_report(report)
    print(text)
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary:
        with open(summary, "a", encoding="utf-8") as file:
            file.write(text)
    return 1 if report.failed else 0


if __name__ == "__main__":
    sys.exit(main())
