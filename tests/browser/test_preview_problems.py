"""The preview never hangs on a mistake: under `properdocs serve` (what `make serve` runs) a lesson
with a mistake shows it in a panel at its top, with its file and line, until the file is fixed;
the other pages keep working, and the terminal prints the same line.

A scratch copy of the project is served on a free port, so the real docs/ is never touched, and
the server is always stopped.
"""

from __future__ import annotations

import re
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from browser_helpers import PageProblems, axe_report, open_context, start_axe, watch
from playwright.sync_api import Browser, Page, expect
from site_helpers import copy_project, ctrl_c_acts, load_mkdocs_config, nav_blocks_of, page_url, stop_serve

# A rebuild of the whole site on a busy two-core machine, then live reload.
REBUILD = 180_000
# A typo in an admonition type: it builds without a warning in MkDocs; the course rules name it.
MISTAKE = '\n!!! exmaple "A worked example"\n    The team ships a smaller release first.\n'


@dataclass
class Server:
    url: str
    process: subprocess.Popen[str]
    log: list[str] = field(default_factory=list)
    serving: threading.Event = field(default_factory=threading.Event)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


@pytest.fixture
def preview(project: Path) -> Iterator[Server]:
    """`properdocs serve` on the scratch copy, as `make serve` starts it; stopped whatever happens."""
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "properdocs", "serve", "--dirty", "-f", "mkdocs.yml", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, preexec_fn=ctrl_c_acts,
    )
    server = Server(f"http://127.0.0.1:{port}/", process)

    def read_log() -> None:  # also keeps the pipe drained, so the server never blocks on it
        assert process.stderr is not None
        for line in process.stderr:
            server.log.append(line)
            if "Serving on" in line:
                server.serving.set()
        server.serving.set()  # the server stopped: no need to wait any longer

    reader = threading.Thread(target=read_log, daemon=True)
    reader.start()
    try:
        assert server.serving.wait(timeout=REBUILD / 1000), "properdocs serve did not start"
        assert process.poll() is None, "properdocs serve stopped:\n" + "".join(server.log)
        yield server
    finally:
        stop_serve(process)
        reader.join(timeout=30)


def open_page(browser: Browser, server: Server, path: str, problems: PageProblems, **options: object) -> Page:
    context = open_context(browser, server.url, problems, viewport={"width": 1280, "height": 900}, **options)
    page = watch(context.new_page(), problems)
    page.goto(server.url + path)
    return page


def test_a_mistake_shows_in_the_page_until_it_is_fixed(browser: Browser, preview: Server, project: Path) -> None:
    problems = PageProblems()
    lesson = nav_blocks_of(load_mkdocs_config(project))[0].lessons[0]
    source = project / "docs" / lesson
    original = source.read_text()
    mistake_line = len(original.rstrip("\n").split("\n")) + 2  # after the blank line MISTAKE starts with
    where = f"docs/{lesson}:{mistake_line}"

    page = open_page(browser, preview, page_url(lesson), problems, color_scheme="light", reduced_motion="reduce")
    panel = page.get_by_role("region", name=re.compile("problem"))
    expect(page.locator("article h1")).to_be_visible()
    expect(panel).to_have_count(0)

    source.write_text(original.rstrip("\n") + "\n" + MISTAKE)
    expect(panel).to_be_visible(timeout=REBUILD)  # live reload brings the rebuilt page
    expect(panel).to_contain_text(where)
    expect(panel).to_contain_text("'exmaple' is not an admonition type")
    expect(panel).to_contain_text("did you mean 'example'?")
    assert any(where in line for line in preview.log), "".join(preview.log)
    # At the top, above the lesson's title; the rest of the lesson is still there.
    assert page.evaluate(
        "() => Boolean(document.querySelector('[data-course-problems]').compareDocumentPosition("
        "document.querySelector('article h1')) & Node.DOCUMENT_POSITION_FOLLOWING)"
    )
    expect(page.locator("article .quiz").first).to_be_visible()
    start_axe(page, "[data-course-problems]")
    assert axe_report(page) == ""

    # The same panel in the dark scheme, and other pages without it.
    dark = open_page(browser, preview, page_url(lesson), problems, color_scheme="dark", reduced_motion="reduce")
    expect(dark.get_by_role("region", name=re.compile("problem"))).to_contain_text(where)
    start_axe(dark, "[data-course-problems]")
    assert axe_report(dark) == ""
    dark.context.close()
    other = open_page(browser, preview, "", problems)
    expect(other.locator("article h1")).to_be_visible()
    expect(other.get_by_role("region", name=re.compile("problem"))).to_have_count(0)
    other.context.close()

    source.write_text(original)
    expect(panel).to_have_count(0, timeout=REBUILD)
    expect(page.locator("article h1")).to_be_visible()
    page.context.close()
    problems.assert_none()
