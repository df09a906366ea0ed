"""The local server's life and the CLI's answers around it, against the real server: a port
that stays the same across `down`/`up`, a taken port, a refused token, an interrupted push."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from builder.cli import app
from builder.studio import server
from tests.studio.conftest import Project, Server

pytestmark = pytest.mark.studio


def _studio(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["studio", *args])
    return result.exit_code, result.output


def test_the_port_survives_down_and_up_and_a_taken_one_says_the_fix(live: Server) -> None:
    state = str(live.state)
    port = int(live.url.rsplit(":", 1)[1])
    assert json.loads((live.state / "port.json").read_text()) == {"port": port}
    try:
        assert _studio("down", "--state", state)[0] == 0
        assert server.running(live.state) is None
        with socket.socket() as holder:  # another program takes the port meanwhile
            # As servers bind: the stopped server's connections may linger in TIME_WAIT.
            holder.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            holder.bind(("127.0.0.1", port))
            holder.listen()
            code, said = _studio("up", "--state", state)
        assert code == 3, said
        assert said.startswith(f"error: E704 port {port} "), said
        assert "port.json" in said and "--port " in said, "it says why this port, and the fix"
        assert f"pid {os.getpid()}:" in said, "it names the process that holds the port"
        assert server.running(live.state) is None
    finally:
        code, said = _studio("up", "--state", state)
    assert code == 0, said
    assert f"up at {live.url} " in said, "the same URL as before `down`"
    assert live.studio.whoami(), "a client made before the restart still reaches the server"


def test_a_refused_token_exits_3(live: Server, project: Project, tmp_path: Path) -> None:
    where = ["--url", live.url, "--state", str(tmp_path / "none"), "--project", project.title]
    code, said = _studio("status", *where, "--token", "x" * 40)
    assert code == 3 and "E711" in said and "token" in said, said


def test_an_interrupted_push_says_how_far_it_got(project: Project, corpus: Path) -> None:
    """Ctrl-C mid-push: how many tasks landed, and that a re-run finishes the job."""
    builder = Path(sys.executable).with_name("builder")
    args = [str(builder), "studio", "push", str(corpus / "prelabels.jsonl"), "--batch-size", "1"]
    args += ["--state", str(project.live.state), "--project", project.title]
    child = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and child.poll() is None:
        if project.live.studio.project(project.id).get("task_number", 0) >= 3:
            break
        time.sleep(0.05)
    child.send_signal(signal.SIGINT)
    _, stderr = child.communicate(timeout=60)
    landed = len(project.tasks())
    total = sum(1 for _ in (corpus / "sentences.jsonl").open())
    assert 0 < landed < total, "the push must have been cut in the middle"
    assert child.returncode == 130, stderr
    assert "Traceback" not in stderr, stderr
    said = re.search(
        r"^interrupted \(SIGINT\): the push landed (\d+) of (\d+) new tasks", stderr, re.M
    )
    assert said, stderr
    assert int(said[2]) == total
    # The one-task import in flight when the signal came may have landed after the count.
    assert int(said[1]) <= landed <= int(said[1]) + 1, stderr
    assert "re-run the same command to finish" in stderr, stderr
