"""A newcomer's two commands: `make` lists the targets, `make install` says which Python it needs
and finds a Chromium for the build's diagrams and the browser tests (tools/ensure_chromium.py)."""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from site_helpers import PROJECT_DIR

MAKEFILE = PROJECT_DIR / "Makefile"

_spec = importlib.util.spec_from_file_location("ensure_chromium", PROJECT_DIR / "tools" / "ensure_chromium.py")
ensure_chromium = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(ensure_chromium)


def make(*args: str, cwd: Path = PROJECT_DIR) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["make", "--no-print-directory", *args], cwd=cwd, capture_output=True, text=True, timeout=60)


def phony_targets() -> list[str]:
    line = next(line for line in MAKEFILE.read_text().splitlines() if line.startswith(".PHONY:"))
    return line.split(":", 1)[1].split()


def test_make_alone_lists_every_target_with_one_line_each() -> None:
    listed = make()
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout == make("help").stdout
    lines = listed.stdout.splitlines()
    assert [re.match(r"^  make (\S+) +\S", line)[1] for line in lines] == phony_targets()


@pytest.mark.parametrize(("target", "command"), [("test", "/pytest"), ("build", " build "), ("serve", " serve "), ("lint", "lint_lessons.py")])
def test_a_chromium_is_found_before_anything_builds_or_tests(target: str, command: str) -> None:
    commands = make("-n", target).stdout.splitlines()
    ensure = next(index for index, line in enumerate(commands) if "tools/ensure_chromium.py" in line)
    runs = next(index for index, line in enumerate(commands) if command in line or line.endswith(command))
    assert ensure < runs, commands


def test_a_python_that_is_too_old_is_named_with_what_to_do(tmp_path: Path) -> None:
    for name in ("Makefile", "requirements.txt", "requirements-dev.txt"):
        shutil.copy2(PROJECT_DIR / name, tmp_path / name)
    old_python = tmp_path / "python3.11.2"
    old_python.write_text('#!/bin/sh\n[ "$1" = --version ] && echo "Python 3.11.2"\nexit 1\n')
    old_python.chmod(0o755)
    result = make(f"PYTHON3={old_python}", "install", cwd=tmp_path)
    assert result.returncode != 0
    assert f"make needs Python 3.11.5 or newer as '{old_python}' (found: Python 3.11.2)" in result.stdout
    assert "make PYTHON3=" in result.stdout
    assert not (tmp_path / ".venv").exists()


def test_a_system_chromium_is_used_as_it_is(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(ensure_chromium, "chromium_path", lambda: "/usr/bin/chromium")
    monkeypatch.setattr(ensure_chromium, "playwright_chromium", lambda: pytest.fail("Playwright's Chromium was looked up"))
    monkeypatch.setattr(ensure_chromium.subprocess, "call", lambda command: pytest.fail(f"ran {command}"))
    assert ensure_chromium.main() == 0
    assert capsys.readouterr().out == ""


def test_without_a_system_chromium_playwright_s_own_is_installed_once_saying_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    bundled = tmp_path / "chromium-1" / "chrome"
    ran: list[list[str]] = []
    monkeypatch.setattr(ensure_chromium, "chromium_path", lambda: None)
    monkeypatch.setattr(ensure_chromium, "playwright_chromium", lambda: bundled)
    monkeypatch.setattr(ensure_chromium.subprocess, "call", lambda command: ran.append(command) or 0)
    assert ensure_chromium.main() == 0
    assert ran == [[sys.executable, "-m", "playwright", "install", "chromium"]]
    said = capsys.readouterr().out.splitlines()
    assert said == [
        "No system Chromium found: installing Playwright's own Chromium, which draws the diagrams and runs the browser tests "
        "(python -m playwright install chromium)."
    ]
    # Once there, it is used as it is.
    bundled.parent.mkdir(parents=True)
    bundled.write_text("")
    ran.clear()
    assert ensure_chromium.main() == 0 and ran == [] and capsys.readouterr().out == ""
