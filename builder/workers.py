"""Worker processes for any stage: a function mapped over chunks, results in submission order.

A stage gives :class:`Pool` a set-up object (rules, encoders, schemas: whatever its task needs
besides the chunk) and a number of workers; ``pool.map(task, chunks)`` then yields
``task(setup, chunk)`` for each chunk, in order. With ``workers <= 1`` the task runs here; with
more, in spawned processes (no fork: safe with Arrow's and other libraries' threads, and the
same on macOS) that get the set-up once, when they start. A chunk should be worth sending
(a few thousand sentences, a few dozen documents): :func:`chunks` cuts an iterable into lists.

What the pool promises, whatever the number of workers:
- the same results in the same order (so the same output bytes);
- bounded memory: at most ``2 * workers`` chunks are in flight, the input is read as results
  are taken;
- a worker that dies (killed, out of memory) fails the map with E509, never hangs it;
- an error of the task comes back as itself: a :class:`BuilderError` (an ``InputError`` naming
  its file and line) is raised again here, any other exception becomes E509 with its text.

This module is the ground floor the stages stand on: it imports only the standard library and
``builder.errors``. The task must be a module-level function (it is sent by name).
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import queue
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from multiprocessing.queues import Queue
from types import TracebackType
from typing import Any, Generic, Self, TypeVar

from builder.errors import E509_WORKER_DIED, BuilderError

S = TypeVar("S")  # the set-up each worker gets once
T = TypeVar("T")
R = TypeVar("R")
_DONE = object()  # the end of a worker's results


def chunks(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """``items`` in lists of ``size`` (the last one shorter), read as the lists are taken."""
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


@dataclass(frozen=True)
class _Failed:
    """A BuilderError on its way back from a worker: its constructor does not unpickle (its
    arguments are not its ``args``), so it travels as its class, args and attributes."""

    kind: type[BuilderError]
    args: tuple[Any, ...]
    state: dict[str, Any]

    def error(self) -> BuilderError:
        exc = self.kind.__new__(self.kind)
        Exception.__init__(exc, *self.args)
        exc.__dict__.update(self.state)
        return exc


@dataclass(frozen=True)
class _Crashed:
    """Any other exception of a task, as text (it may not unpickle either)."""

    error: str


def _call(task: Callable[[S, T], R], setup: S, item: T) -> R | _Failed | _Crashed:
    try:
        return task(setup, item)
    except BuilderError as exc:
        return _Failed(type(exc), exc.args, dict(vars(exc)))
    except Exception as exc:  # a bug, not a dead worker: say what it was
        return _Crashed(f"{type(exc).__name__}: {exc}")


def _answer(message: bytes, setup: Any) -> bytes:
    """The pickled result of a pickled ``(task, item)``; what cannot be (un)pickled is a bug of
    the task, reported as one."""
    try:
        task, item = pickle.loads(message)
        return pickle.dumps(_call(task, setup, item), pickle.HIGHEST_PROTOCOL)
    except Exception as exc:
        return pickle.dumps(_Crashed(f"{type(exc).__name__}: {exc}"), pickle.HIGHEST_PROTOCOL)


def _serve(tasks: Queue[bytes | None], results: Connection, setup: Any) -> None:
    """A worker process: tasks in, results out, in order, until told to stop (None).

    A thread sends the results, so that the next chunk is worked on while the main process
    is still reading the last one (a pipe's send blocks until the other side has read).
    """
    outbox: queue.Queue[Any] = queue.Queue(maxsize=2)

    def send() -> None:
        try:
            while (result := outbox.get()) is not _DONE:
                results.send_bytes(result)
        except BaseException:
            os._exit(1)  # the main process then sees the pipe close (E509), never a hang

    sender = threading.Thread(target=send, daemon=True)
    sender.start()
    while (message := tasks.get()) is not None:
        outbox.put(_answer(message, setup))
    outbox.put(_DONE)
    sender.join()


def _unwrap(result: Any) -> Any:
    if isinstance(result, _Failed):
        raise result.error()
    if isinstance(result, _Crashed):
        raise BuilderError(E509_WORKER_DIED, f"a worker process failed: {result.error}")
    return result


@dataclass
class _Worker:
    process: BaseProcess
    tasks: Queue[bytes | None]
    results: Connection  # the read end; the worker holds the only write end


class Pool(Generic[S]):
    """Maps tasks over chunks in this process (``workers <= 1``) or in worker processes.

    Each worker has its own task queue and result pipe, and chunk k goes to worker k mod n:
    results come back in order without any lock shared between workers. (With
    ``multiprocessing.Pool`` a worker that died lost its chunk, and one that died waiting for
    work kept the shared queue's lock, so that even ``terminate`` hung; ``concurrent.futures``
    raced on submit and shutdown once a worker had died. Both seen in the export.)

    Results come through a pipe whose write end only the worker holds, not a ``Queue`` (whose
    write end stays open here too): a worker killed half-way through sending a result leaves
    a partial message, and only the end of the file tells the reader that no more is coming.
    Waiting on a ``Queue`` for the rest of it hung the export (seen in CI). Tasks are pickled
    here, before they are queued: a ``Queue`` pickles in a thread of its own, which only
    prints what cannot be pickled and drops it, and the map would wait for it forever.
    """

    def __init__(self, setup: S, workers: int) -> None:
        self.setup = setup
        self.workers = workers
        self._pool: list[_Worker] = []
        self._sent = self._received = 0  # chunks, over every map of this pool

    def __enter__(self) -> Self:
        if self.workers > 1:
            ctx = multiprocessing.get_context("spawn")
            for _ in range(self.workers):
                tasks: Queue[bytes | None] = ctx.Queue()
                results, sink = ctx.Pipe(duplex=False)
                process = ctx.Process(target=_serve, args=(tasks, sink, self.setup))
                process.daemon = True
                process.start()
                sink.close()  # the worker has its copy; ours would hide its death
                self._pool.append(_Worker(process, tasks, results))
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        for worker in self._pool:
            worker.process.kill()  # nothing of theirs is kept: their results were taken
            worker.process.join()
            worker.tasks.cancel_join_thread()  # what is left in the queue may go
            worker.tasks.close()
            worker.results.close()
        self._pool = []

    def map(self, task: Callable[[S, T], R], items: Iterable[T]) -> Iterator[R]:
        """``task(setup, item)`` for each item, in order. One map at a time: a map drops what
        one left unfinished still had in flight (it waits for it) before it sends its own."""
        if not self._pool:
            for item in items:
                yield task(self.setup, item)
            return
        while self._received < self._sent:  # the rest of a map left unfinished: not ours
            self._receive()
        ahead = 2 * len(self._pool)  # chunks in flight: enough to keep every worker busy
        for item in items:
            message = pickle.dumps((task, item), pickle.HIGHEST_PROTOCOL)
            self._pool[self._sent % len(self._pool)].tasks.put(message)
            self._sent += 1
            if self._sent - self._received > ahead:
                yield _unwrap(self._receive())
        while self._received < self._sent:
            yield _unwrap(self._receive())

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
