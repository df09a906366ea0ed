"""A worker process of a command under test (``multiprocessing``'s spawned children) killed
while it works: the tests that hold a pool to a dead worker (export, segmentation, E509)."""

from __future__ import annotations

import signal
import time
from collections.abc import Callable

import psutil


def kill_a_worker(
    parent: psutil.Process, alive: Callable[[], bool], busy_for: float = 0.0, seconds: float = 60
) -> bool:
    """SIGKILL the first worker process below ``parent`` that has used ``busy_for`` CPU
    seconds (0: as soon as it is seen; more: at work, not starting up), looked for every 10 ms
    while ``alive()`` holds, for ``seconds`` at most; whether one was killed."""
    deadline = time.monotonic() + seconds
    while alive() and time.monotonic() < deadline:
        for child in parent.children(recursive=True):
            try:
                if "spawn_main" in " ".join(child.cmdline()) and child.cpu_times().user >= busy_for:
                    child.send_signal(signal.SIGKILL)
                    return True
            except psutil.Error:  # gone, or not ours to read
                continue
        time.sleep(0.01)
    return False
