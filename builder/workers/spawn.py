"""One worker process of :class:`builder.workers.Pool` as the pool's process sees it: started
with its pipes and the thread that feeds it, its answers taken as they come.

Standard library and ``builder.errors`` only, as the rest of the package.
"""

from __future__ import annotations

import contextlib
import os
import queue
import signal
import threading
from collections import deque
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from builder.errors import E509_WORKER_DIED, BuilderError
from builder.signals import held

if TYPE_CHECKING:
    from multiprocessing.connection import Connection
    from multiprocessing.context import SpawnContext
    from multiprocessing.process import BaseProcess


def _feed(outbox: queue.SimpleQueue[bytes | None], tasks: Connection) -> None:
    """Send a worker its tasks, in a thread: a pipe's send blocks while the worker is busy,
    and the map must go on taking results meanwhile."""
    with contextlib.suppress(OSError):  # the worker is gone: the map learns it (E509)
        while (message := outbox.get()) is not None:
            tasks.send_bytes(message)


@dataclass
class Worker:
    process: BaseProcess
    outbox: queue.SimpleQueue[bytes | None]  # pickled tasks, on their way to ``tasks``
    feeder: threading.Thread
    tasks: Connection  # the write end; the worker holds the only read end
    results: Connection  # the read end; the worker holds the only write end
    busy: int = 0  # tasks sent whose answer has not been taken from ``results``
    taken: deque[Any] = field(default_factory=deque)  # answers taken, not yet the map's turn
    dead: bool = False  # seen gone while taking answers: E509 at its next turn, not before

    def send(self, message: bytes) -> None:
        self.outbox.put(message)
        self.busy += 1

    def take_finished(self) -> None:
        """Take the answers already there, without waiting: the worker may be sent more. A
        worker found gone fails the map at its turn only, so that an earlier chunk's error
        (another worker's) is still the one raised."""
        try:
            while self.busy and not self.dead and self.results.poll():
                self.taken.append(self._receive())
        except BuilderError:
            self.dead = True

    def next_answer(self) -> Any:
        """The answer to the oldest task whose answer the map has not had: waits for it."""
        return self.taken.popleft() if self.taken else self._receive()

    def forget(self) -> None:
        """Drop what an unfinished map left: its answers in flight are waited for."""
        while self.busy:
            self._receive()
        self.taken.clear()

    def _receive(self) -> Any:
        try:
            answer = self.results.recv()
        except (EOFError, OSError):
            raise BuilderError(
                E509_WORKER_DIED,
                "a worker process died (killed, or out of memory?): run again, or with --workers 1",
            ) from None
        self.busy -= 1
        return answer

    def close(self) -> None:
        """After ``process.kill()``: wait for the end, let go of the pipes."""
        self.process.join()
        self.outbox.put(None)
        self.feeder.join()  # a send to a dead worker fails at once (its read end is closed)
        self.tasks.close()
        self.results.close()


def start(ctx: SpawnContext, preload: tuple[str, ...] = ()) -> Worker:
    """One worker process, its task pipe (and the thread that feeds it) and its result pipe.
    Its set-up comes as the first message of the task pipe, whether given or ``Later``: one
    way for both (the worker imports ``preload`` meanwhile)."""
    from multiprocessing import resource_tracker

    from builder.workers.serve import STARTUP_BLOCKED, serve

    inbox, tasks = ctx.Pipe(duplex=False)  # (read end, write end)
    results, sink = ctx.Pipe(duplex=False)
    process = ctx.Process(target=serve, args=(inbox, sink, os.getpid(), preload))
    process.daemon = True
    # Signals that would interrupt the worker's start-up (a terminal's Ctrl-C reaches every
    # process of the foreground group) wait until it has set itself up to ignore them.
    blocking = hasattr(signal, "pthread_sigmask")
    if blocking:
        # Started first, outside the block: starting multiprocessing's resource tracker
        # unblocks SIGINT when it is done, which would open the window again for the worker.
        resource_tracker.ensure_running()
        before = signal.pthread_sigmask(signal.SIG_BLOCK, STARTUP_BLOCKED)
    try:
        with held(STARTUP_BLOCKED):
            process.start()
    finally:
        inbox.close()  # the worker has its copies; ours would hide its death
        sink.close()
        if blocking:  # (a signal held back is taken here, once our copies are closed)
            signal.pthread_sigmask(signal.SIG_SETMASK, before)
    outbox: queue.SimpleQueue[bytes | None] = queue.SimpleQueue()
    feeder = threading.Thread(target=_feed, args=(outbox, tasks), daemon=True)
    feeder.start()
    return Worker(process, outbox, feeder, tasks, results)
