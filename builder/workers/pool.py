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
- bounded memory: at most two chunks a worker are in flight, the input is read as results
  are taken;
- a worker that dies (killed, out of memory) fails the map with E509, never hangs it;
- an error of the task comes back as itself: a :class:`BuilderError` (an ``InputError`` naming
  its file and line) is raised again here, any other exception becomes E509 with its text
  (from a worker, or from a chunk this process took beside them; with ``workers <= 1`` the
  task's own exception comes as it is);
- no worker outlives the pool, nor its parent process (``serve.py``); workers ignore
  Ctrl-C (a terminal sends it to the whole process group): the parent handles it.

This package is the ground floor the stages stand on: it imports only the standard library and
``builder.errors``. The task must be a module-level function (it is sent by name).

``share=True``: this process is one of the ``workers`` (one fewer is started) and takes a
chunk whenever every worker has two, for a stage whose own work between chunks is light
(prelabel: each worker's start-up costs what some 1,000 sentences do; on two cores, one
worker and this process label faster than two workers and this process between them).
"""

from __future__ import annotations

import pickle
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from types import TracebackType
from typing import Any, Generic, Self, TypeVar

from builder.signals import held
from builder.workers.remote import active
from builder.workers.spawn import Worker, start

# multiprocessing and the worker's side (serve.py) are imported when workers start: a stage
# run in this process (``--workers 1``, small inputs) does not pay for them at start-up.

S = TypeVar("S")  # the set-up each worker gets once
T = TypeVar("T")
R = TypeVar("R")
_AHEAD = 2  # chunks in flight a worker: one worked on, one waiting, so it never waits


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


@dataclass(frozen=True)
class _Here:
    """A chunk done in this process (``share``), kept until its turn as a worker's answer
    is (``serve.call``: an error as a value), so that the first chunk's error is the one
    raised, and raised as it would be from a worker (a bug: E509 with its text), whichever
    process took the chunk."""

    answer: Any

    @classmethod
    def of(cls, task: Callable[[S, T], Any], setup: S, item: T) -> _Here:
        from builder.workers.serve import call

        return cls(call(task, setup, item))


class Pool(Generic[S]):
    """Maps tasks over chunks in this process (``workers <= 1``) or in worker processes.

    Each worker has its own task pipe and result pipe; a chunk goes to a worker with fewer
    than two in flight, and each worker answers in the order it was sent: results come back
    in order without any lock shared between workers. (With ``multiprocessing.Pool`` a worker
    that died lost its chunk, and one that died waiting for work kept the shared queue's
    lock, so that even ``terminate`` hung; ``concurrent.futures`` raced on submit and shutdown
    once a worker had died. Both seen in the export.)

    Results come through a pipe whose write end only the worker holds, not a ``Queue`` (whose
    write end stays open here too): a worker killed half-way through sending a result leaves
    a partial message, and only the end of the file tells the reader that no more is coming.
    Waiting on a ``Queue`` for the rest of it hung the export (seen in CI). Tasks are pickled
    here, then sent by a thread of their worker's (``spawn._feed``): a ``Queue`` pickles in a
    thread of its own, which only prints what cannot be pickled and drops it, so that the map
    waited for it forever; and its locks are named semaphores, which a killed export leaked.
    """

    def __init__(self, setup: S | Later[S], workers: int, *, share: bool = False) -> None:
        self._given = setup
        if not isinstance(setup, Later):
            self.setup = setup  # a Later one: once the pool is entered
        self.workers = workers
        self.share = share
        self._pool: list[Worker] = []
        self._maps = 0  # maps begun: one left unfinished must not resume after a later one

    def __enter__(self) -> Self:
        given = self._given
        try:
            if self.workers > 1 and active() is None:  # an engine's workers take the tasks
                import multiprocessing

                ctx = multiprocessing.get_context("spawn")
                preload = given.preload if isinstance(given, Later) else ()
                for _ in range(self.workers - 1 if self.share else self.workers):
                    self._pool.append(start(ctx, preload))
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
        # Often on the way out of a Ctrl-C: a second one here would leave the rest of the
        # workers' pipes and feeder threads open behind the traceback; it waits for the end.
        with held():
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
        self._maps += 1
        mine = self._maps
        for result in self._mapped(task, items):
            yield result
            if self._maps != mine:  # it would send its chunks among the later map's
                raise RuntimeError("a map was resumed after a later map of its pool began")

    def _mapped(self, task: Callable[[S, T], R], items: Iterable[T]) -> Iterator[R]:
        for worker in self._pool:  # the rest of a map left unfinished: not ours
            worker.forget()
        turns: deque[Worker | _Here] = deque()  # each chunk's answer, in input order
        most = _AHEAD * (len(self._pool) + self.share)  # answers held here at most
        for item in items:
            for worker in self._pool:
                worker.take_finished()
            while (free := self._free()) is None and not self.share:
                yield self._answer(turns.popleft())  # the oldest: its worker is free then
            if free is None:  # every worker has enough: this process takes the chunk
                turns.append(_Here.of(task, self.setup, item))
            else:
                free.send(pickle.dumps((task, item), pickle.HIGHEST_PROTOCOL))
                turns.append(free)
            while turns and (len(turns) > most or _answered(turns[0])):
                yield self._answer(turns.popleft())
        while turns:
            yield self._answer(turns.popleft())

    def _free(self) -> Worker | None:
        """The worker with the fewest chunks in flight, if it has room for one more."""
        worker = min(self._pool, key=lambda w: w.busy)
        return worker if worker.busy < _AHEAD else None

    @staticmethod
    def _answer(turn: Worker | _Here) -> Any:
        from builder.workers.serve import unwrap

        return unwrap(turn.answer if isinstance(turn, _Here) else turn.next_answer())


def _answered(turn: Worker | _Here) -> bool:
    return isinstance(turn, _Here) or bool(turn.taken) or turn.dead
