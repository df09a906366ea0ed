"""Which process holds a port (server_probe.holder), read from /proc while that process opens
and closes other files: the case of a test process, or a server, busy with its files."""

from __future__ import annotations

import os
import socket
import sys
import tempfile
import threading

import pytest

from builder.studio.server_probe import holder

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")


def test_the_holder_is_named_while_it_opens_and_closes_other_files() -> None:
    stop = threading.Event()

    def churn() -> None:  # files opened and closed all the time, as a busy process does
        while not stop.is_set():
            with tempfile.TemporaryFile() as f:
                f.write(b"x")

    with socket.socket() as held:
        held.bind(("127.0.0.1", 0))
        held.listen()
        port = held.getsockname()[1]
        threads = [threading.Thread(target=churn) for _ in range(4)]
        for t in threads:
            t.start()
        try:
            found = [holder(port) for _ in range(50)]
        finally:
            stop.set()
            for t in threads:
                t.join()
    assert all(f is not None and f.startswith(f"pid {os.getpid()}: ") for f in found), found


def test_a_port_nobody_holds_has_no_holder() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]  # bound, then closed: free
    assert holder(port) is None
