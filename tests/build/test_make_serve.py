"""`make serve` as a contributor runs it in a terminal: it serves the course, and Ctrl-C (SIGINT
to make and the server, the terminal's foreground process group) leaves no server or other
process behind and frees the port."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import urllib.request

from site_helpers import PROJECT_DIR


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def group_alive(group: int) -> bool:
    try:
        os.killpg(group, 0)
    except ProcessLookupError:
        return False
    return True


def test_ctrl_c_stops_make_serve_and_frees_the_port() -> None:
    port = free_port()
    # Its own process group, as a terminal gives a command; SIGINT acts as it does there.
    make = subprocess.Popen(
        ["make", "--no-print-directory", "serve", f"SERVE_ADDR=127.0.0.1:{port}"],
        cwd=PROJECT_DIR, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        start_new_session=True, preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    try:
        output = []
        for line in make.stdout:  # until the server says it is ready
            output.append(line)
            if f"Serving on http://127.0.0.1:{port}/" in line:
                break
        else:
            raise AssertionError("make serve ended without serving:\n" + "".join(output))
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=30) as response:
            assert response.status == 200

        os.killpg(make.pid, signal.SIGINT)  # Ctrl-C
        make.wait(timeout=60)
        assert not group_alive(make.pid), "a process of make serve is still running"
        with socket.socket() as probe:
            assert probe.connect_ex(("127.0.0.1", port)) != 0, f"port {port} still answers"
    finally:
        if group_alive(make.pid):
            os.killpg(make.pid, signal.SIGKILL)
        make.wait(timeout=60)
        make.stdout.close()
