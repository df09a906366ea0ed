"""Signals held back over lines that must not be cut (``builder/signals.py``), and the worker
pool's stop, which a second Ctrl-C used to cut half-way."""

from __future__ import annotations

import os
import signal
import threading
import time
from types import FrameType

import pytest

from builder.signals import held
from builder.workers import Pool


def test_a_held_signal_waits_for_the_end_of_the_block_and_comes_once() -> None:
    done = []

    def block() -> None:
        with held():
            signal.raise_signal(signal.SIGINT)
            signal.raise_signal(signal.SIGINT)  # a second Ctrl-C: the same request
            done.append("the rest of the block")

    with pytest.raises(KeyboardInterrupt):
        block()
    assert done == ["the rest of the block"]


def test_held_puts_the_handlers_back() -> None:
    before = signal.getsignal(signal.SIGTERM)
    with held():
        assert signal.getsignal(signal.SIGTERM) is not before
    assert signal.getsignal(signal.SIGTERM) is before


def test_a_ctrl_c_storm_while_the_pool_stops_lets_every_worker_be_closed() -> None:
    """The first Ctrl-C stops the pool; those that follow while it stops wait for the end:
    every worker's process and feeder thread are gone and its pipes closed."""
    pool: Pool[int] = Pool(3, workers=2)
    storming = threading.Event()
    storming.set()
    raised = 0

    def on_sigint(signum: int, frame: FrameType | None) -> None:
        nonlocal raised
        if pool._pool and raised < 2:  # the first lands in the block, a second in the stop
            raised += 1
            raise KeyboardInterrupt
        storming.clear()  # the pool is stopped (or the second came back after it)

    def storm() -> None:
        while storming.is_set():
            os.kill(os.getpid(), signal.SIGINT)
            time.sleep(0.0005)

    workers = []
    thread = threading.Thread(target=storm, daemon=True)

    def run_until_interrupted() -> None:
        with pool:
            workers.extend(pool._pool)
            thread.start()
            while True:
                time.sleep(0.01)

    previous = signal.signal(signal.SIGINT, on_sigint)
    try:
        with pytest.raises(KeyboardInterrupt):
            run_until_interrupted()
    finally:  # the storm ends before pytest's own handler is back, whatever happened
        storming.clear()
        if thread.is_alive():
            thread.join()
        signal.signal(signal.SIGINT, previous)
    assert pool._pool == [] and len(workers) == 2
    for worker in workers:
        assert not worker.process.is_alive()
        assert not worker.feeder.is_alive()
        assert worker.tasks.closed and worker.results.closed
