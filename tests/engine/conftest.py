"""A real Ray cluster on 127.0.0.1 for the tests marked ``ray``: a head node and a second
worker node, one CPU each, started once per session and always stopped.

Each node is a ``ray start --block`` in a session of its own, stopped by signalling that
process group (then any process left that names the cluster's temporary folder): ``ray stop``
would stop every Ray process of the machine, other users' clusters too.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import REPO, in_ci

RAY = Path(sys.executable).with_name("ray")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _env() -> dict[str, str]:
    # A cluster of this machine for this user: no token (Ray 2.52+ would ask the second node
    # and the driver for the head's).
    quiet = {"RAY_USAGE_STATS_ENABLED": "0", "RAY_AUTH_MODE": "disabled"}
    return {**os.environ, "PYTHONPATH": str(REPO), **quiet}


def _start(args: list[str], log: Path) -> subprocess.Popen[bytes]:
    with log.open("ab") as out:
        return subprocess.Popen(
            [str(RAY), "start", "--block", *args],
            stdout=out,
            stderr=subprocess.STDOUT,
            env=_env(),
            start_new_session=True,  # its own process group: stopped as one, by its id
        )


def _started(node: subprocess.Popen[bytes], log: Path, deadline: float) -> None:
    """Wait for the line ``ray start`` prints once its node is up and part of the cluster."""
    while b"Ray runtime started" not in log.read_bytes():
        assert node.poll() is None, log.read_text()
        assert time.monotonic() < deadline, f"the Ray node did not start: {log.read_text()}"
        time.sleep(0.3)


def _stop(nodes: list[subprocess.Popen[bytes]], temp: Path) -> None:
    for node in reversed(nodes):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(node.pid, signal.SIGTERM)
    deadline = time.monotonic() + 5
    for node in nodes:
        with contextlib.suppress(subprocess.TimeoutExpired):
            node.wait(max(0.1, deadline - time.monotonic()))
        with contextlib.suppress(ProcessLookupError):
            os.killpg(node.pid, signal.SIGKILL)
        node.wait()
    import psutil  # what left the groups (Ray daemonises a few helpers) and names our folder

    for proc in psutil.process_iter(["pid", "cmdline"]):
        with contextlib.suppress(psutil.Error):
            if str(temp) in " ".join(proc.info["cmdline"] or []):
                proc.kill()


@pytest.fixture(scope="session")
def ray_cluster() -> Iterator[str]:
    """The address (host:port) of a two-node Ray cluster of one CPU per node."""
    if not RAY.exists():
        missing = "ray is not installed (pip install -e '.[ray]'; the test extra has it)"
        if in_ci():
            pytest.fail(f"{missing}; CI is set: the Ray tests must run")
        pytest.skip(missing)
    temp = Path(tempfile.mkdtemp(prefix="ray", dir="/tmp"))  # short: Ray's socket paths
    port = _free_port()
    address = f"127.0.0.1:{port}"
    head = ["--head", "--num-cpus", "1", "--node-ip-address", "127.0.0.1", "--port", str(port)]
    head += ["--temp-dir", str(temp), "--include-dashboard", "false"]
    head += ["--ray-client-server-port", str(_free_port()), "--disable-usage-stats"]
    nodes: list[subprocess.Popen[bytes]] = []
    try:
        nodes.append(_start(head, temp / "head.log"))
        deadline = time.monotonic() + 120
        while not _reachable(port):  # the head's GCS: the second node may start joining
            assert nodes[0].poll() is None, (temp / "head.log").read_text()
            assert time.monotonic() < deadline, "the Ray head did not start"
            time.sleep(0.3)
        worker = ["--address", address, "--num-cpus", "1", "--node-ip-address", "127.0.0.1"]
        nodes.append(_start([*worker, "--temp-dir", str(temp)], temp / "worker.log"))
        _started(nodes[0], temp / "head.log", deadline)
        _started(nodes[1], temp / "worker.log", deadline)
        yield address
    finally:
        _stop(nodes, temp)
        shutil.rmtree(temp, ignore_errors=True)


def _reachable(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1):
            return True
    except OSError:
        return False
