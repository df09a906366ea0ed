"""Worker processes for any stage: a function mapped over chunks, results in submission order.

A stage gives :class:`Pool` a set-up object (rules, encoders, schemas: whatever its task needs
besides the chunk) and a number of workers; ``pool.map(task, chunks)`` then yields
``task(setup, chunk)`` for each chunk, in order. With ``workers <= 1`` the task runs here; with
more, in spawned processes (no fork: safe with Arrow's and other libraries' threads, and the
same on macOS) that get the set-up once, when they start. A set-up that is slow to make
(the export's imports ``datasets`` and ``datasketch``: seconds) may come :class:`Later`: the
workers start first, import what they will need, and take it once it is made here. A chunk
should be worth sending (a few thousand sentences, a few dozen documents): :func:`chunks` cuts
an iterable into lists.

What the pool promises, whatever the number of workers:
- the same results in the same order (so the same output bytes);
- bounded memory: at most ``2 * workers`` chunks are in flight, the input is read as results
  are taken;
- a worker that dies (killed, out of memory) fails the map with E509, never hangs it;
- an error of the task comes back as itself: a :class:`BuilderError` (an ``InputError`` naming
  its file and line) is raised again here, any other exception becomes E509 with its text;
- no worker outlives the pool, nor its parent process (``serve.py``); workers ignore
  Ctrl-C (a terminal sends it to the whole process group): the parent handles it.

This package is the ground floor the stages stand on: it imports only the standard library and
``builder.errors``. The task must be a module-level function (it is sent by name).
"""

from __future__ import annotations

import contextlib
import os
import pickle
import queue
import signal
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from types import TracebackType
from typing import TYPE_CHECKING, Any, Generic, Self, TypeVar

from builder.errors import E509_WORKER_DIED, BuilderError
from builder.workers.remote import active

if TYPE_CHECKING:
    from multiprocessing.connection import Connection
    from multiprocessing.context import SpawnContext
    from multiprocessing.process import BaseProcess

# multiprocessing and the worker's side (serve.py) are imported when workers start: a stage
# run in this process (``--workers 1``, small inputs) does not pay for them at start-up.

S = TypeVar("S")  # the set-up each worker gets once
T = TypeVar("T")
R = TypeVar("R")


def chunks(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """``items`` in lists of ``size`` (the last one shorter), read as the lists are taken."""
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


@dataclass(frozen=True)
class Later(Generic[S]):
    """A set-up made by ``make()`` in this process once the workers have started, while they
    import the modules ``preload`` (what its unpickling and the task will import anyway): the
    two start-ups overlap instead of following each other."""

    make: Callable[[], S]
    preload: tuple[str, ...] = ()


def _feed(outbox: queue.SimpleQueue[bytes | None], tasks: Connection) -> None:
    """Send a worker its tasks, in a thread: a pipe's send blocks while the worker is busy,
    and the map must go on taking results meanwhile."""
    with contextlib.suppress(OSError):  # the worker is gone: the map learns it (E509)
        while (message := outbox.get()) is not None:
            tasks.send_bytes(message)


@dataclass
class _Worker:
    process: BaseProcess
    outbox: queue.SimpleQueue[bytes | None]  # pickled tasks, on their way to ``tasks``
    feeder: threading.Thread
    tasks: Connection  # the write end; the worker holds the only read end
    results: Connection  # the read end; the worker holds the only write end

    def close(self) -> None:
        """After ``process.kill()``: wait for the end, let go of the pipes."""
        self.process.join()
        self.outbox.put(None)
        self.feeder.join()  # a send to a dead worker fails at once (its read end is closed)
        self.tasks.close()
        self.results.close()


class Pool(Generic[S]):
    """Maps tasks over chunks in this process (``workers <= 1``) or in worker processes.

    Each worker has its own task pipe and result pipe, and chunk k goes to worker k mod n:
    results come back in order without any lock shared between workers. (With
    ``multiprocessing.Pool`` a worker that died lost its chunk, and one that died waiting for
    work kept the shared queue's lock, so that even ``terminate`` hung; ``concurrent.futures``
    raced on submit and shutdown once a worker had died. Both seen in the export.)

    Results come through a pipe whose write end only the worker holds, not a ``Queue`` (whose
    write end stays open here too): a worker killed half-way through sending a result leaves
    a partial message, and only the end of the file tells the reader that no more is coming.
    Waiting on a ``Queue`` for the rest of it hung the export (seen in CI). Tasks are pickled
    here, then sent by a thread of their worker's (``_feed``): a ``Queue`` pickles in a
    thread of its own, which only prints what cannot be pickled and drops it, so that the map
    waited for it forever; and its locks are named semaphores, which a killed export leaked.
    """

    def __init__(self, setup: S | Later[S], workers: int) -> None:
        self._given = setup
        if not isinstance(setup, Later):
            self.setup = setup  # a Later one: once the pool is entered
        self.workers = workers
        self._pool: list[_Worker] = []
        self._sent = self._received = 0  # chunks, over every map of this pool

    def __enter__(self) -> Self:
        given = self._given
        try:
            if self.workers > 1 and active() is None:  # an engine's workers take the tasks
                import multiprocessing

                ctx = multiprocessing.get_context("spawn")
                preload = given.preload if isinstance(given, Later) else ()
                for _ in range(self.workers):
                    self._pool.append(_start(ctx, preload))
            if isinstance(given, Later):
                self.setup = given.make()
            if self._pool:  # none: the tasks run here, with the set-up as it is
                pickled = pickle.dumps(self.setup, pickle.HIGHEST_PROTOCOL)
                for worker in self._pool:  # their first message
                    worker.outbox.put(pickled)
        except BaseException:
            self._stop()
            raise
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._stop()

    def _stop(self) -> None:
        for worker in self._pool:
            worker.process.kill()  # nothing of theirs is kept: their results were taken
        for worker in self._pool:
            worker.close()
        self._pool = []

    def map(self, task: Callable[[S, T], R], items: Iterable[T]) -> Iterator[R]:
        """``task(setup, item)`` for each item, in order. One map at a time: a map drops what
        one left unfinished still had in flight (it waits for it) before it sends its own.
        While another engine's mapper is active (``remote.py``), it runs the tasks."""
        mapper = active()
        if mapper is not None and not self._pool:
            yield from mapper(task, self.setup, items)
            return
        if not self._pool:
            for item in items:
                yield task(self.setup, item)
            return
        from builder.workers.serve import unwrap

        while self._received < self._sent:  # the rest of a map left unfinished: not ours
            self._receive()
        ahead = 2 * len(self._pool)  # chunks in flight: enough to keep every worker busy
        for item in items:
            message = pickle.dumps((task, item), pickle.HIGHEST_PROTOCOL)
            self._pool[self._sent % len(self._pool)].outbox.put(message)
            self._sent += 1
            if self._sent - self._received > ahead:
                yield unwrap(self._receive())
        while self._received < self._sent:
            yield unwrap(self._receive())

    def _receive(self) -> Any:
        worker = self._pool[self._received % len(self._pool)]
        try:
            result = worker.results.recv()
        except (EOFError, OSError):
            raise BuilderError(
                E509_WORKER_DIED,
                "a worker process died (killed, or out of memory?): run again, or with --workers 1",
            ) from None
        self._received += 1
        return result


@contextlib.contextmanager
def _handlers_deferred() -> Iterator[None]:
    """The Python handlers of ``STARTUP_BLOCKED`` signals wait until the block ends. The mask
    above blocks them in this thread only: another thread (a pool's feeder, a hashing one)
    may take a Ctrl-C sent to the group, and the interpreter then runs the handler here, at
    any line of ``process.start()``, between starting the worker and writing what it reads
    first: the worker died on "EOFError: Ran out of input" with a traceback (seen in CI).
    Only the main thread can set handlers; elsewhere nothing changes."""
    from builder.workers.serve import STARTUP_BLOCKED

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []
    saved = {s: signal.signal(s, lambda n, _: caught.append(n)) for s in STARTUP_BLOCKED}
    try:
        yield
    finally:
        for signum, handler in saved.items():
            signal.signal(signum, handler)
        for held in dict.fromkeys(caught):  # now to the handler it was meant for
            signal.raise_signal(held)


def _start(ctx: SpawnContext, preload: tuple[str, ...] = ()) -> _Worker:
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
        with _handlers_deferred():
            process.start()
    finally:
        inbox.close()  # the worker has its copies; ours would hide its death
        sink.close()
        if blocking:  # (a signal held back is taken here, once our copies are closed)
            signal.pthread_sigmask(signal.SIG_SETMASK, before)
    outbox: queue.SimpleQueue[bytes | None] = queue.SimpleQueue()
    feeder = threading.Thread(target=_feed, args=(outbox, tasks), daemon=True)
    feeder.start()
    return _Worker(process, outbox, feeder, tasks, results)
