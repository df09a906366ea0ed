"""The export's work on chunks of sentences, here or in worker processes, results in order.

Three tasks, each a pure function of its input:
- ``keys``: what split assignment needs from sentences.jsonl (ids, documents, normalised
  texts);
- ``signatures``: MinHash signatures of distinct normalised texts;
- ``rows``: the dataset rows of a chunk, as one Arrow table.
With ``workers > 1`` they run in spawned processes (no fork: safe with Arrow's threads) that
import neither ``datasets`` nor ``datasketch``; results come back in submission order, with a
bounded number of chunks in flight so that memory stays flat, and the output is the same bytes
whatever the number of workers.
"""

from __future__ import annotations

import multiprocessing
import os
import queue
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from multiprocessing.queues import Queue
from types import TracebackType
from typing import Any, TypeVar

import numpy as np
import pyarrow as pa

from builder.errors import E509_WORKER_DIED, BuilderError, InputError
from builder.export.bio import Misaligned
from builder.export.gold import Gold
from builder.export.inputs import Chunk, Lines, Sources, joined, sentence
from builder.export.names import Encoder
from builder.export.records import Columns
from builder.export.splits import SplitParams, near_key
from builder.gold.resolve import applies
from builder.minhash import Hasher, Permutations, Signatures

T = TypeVar("T")
R = TypeVar("R")


@dataclass(frozen=True)
class Setup:
    """Everything a worker needs, sent to it once."""

    sources: Sources
    splits: SplitParams  # min_words and the group key
    encoder: Encoder
    schema: pa.Schema  # the wide row schema (records.wide_schema)
    perms: Permutations
    gold: Gold = field(default_factory=Gold)
    silver: bool = True  # pre-labels for the sentences without gold


@dataclass
class Keys:
    ids: list[str] = field(default_factory=list)
    doc_ids: list[str] = field(default_factory=list)  # group keys (SplitParams.grouper)
    norms: list[str | None] = field(default_factory=list)  # splits.near_key of each sentence


@dataclass
class Rows:
    table: pa.Table
    model_versions: set[str]  # of the silver rows
    misaligned: list[Misaligned]  # silver spans left out
    misaligned_gold: list[Misaligned]
    entity_spans: int  # silver spans given
    stale_gold: list[str]  # sentences whose text changed since they were annotated


@dataclass(frozen=True)
class _Failed:
    """An InputError on its way back from a worker (its constructor does not unpickle)."""

    code: str
    path: str
    detail: str
    line: int | None


@dataclass(frozen=True)
class _Crashed:
    """Any other exception of a task, as text (it may not unpickle either)."""

    error: str


def keys(setup: Setup, lines: Lines) -> Keys:
    out = Keys()
    group = setup.splits.grouper()
    seen: dict[str, str] = {}  # one string object per group: smaller to send and keep
    for lineno, raw in lines:
        sent = sentence(setup.sources.sentences, lineno, raw)
        out.ids.append(sent.id)
        key = group(sent.doc_id)
        out.doc_ids.append(seen.setdefault(key, key))
        out.norms.append(near_key(sent.text, setup.splits.min_words))
    return out


_HASHER: list[Hasher] = []  # its word cache serves every batch of one export


def signatures(setup: Setup, texts: list[str]) -> Signatures:
    if not _HASHER or _HASHER[0].perms is not setup.perms:
        _HASHER[:] = [Hasher(setup.perms)]
    return _HASHER[0].signatures(t.split() for t in texts)


def rows(setup: Setup, chunk: Chunk) -> Rows:
    """Gold where a human label applies to the sentence as it is now, else silver if asked
    (and annotators do not disagree on the sentence), else no row."""
    columns = Columns(setup.encoder)
    versions: set[str] = set()
    stale: list[str] = []
    gold = setup.gold
    for sent, labels in joined(chunk, setup.sources):
        human = gold.labels.get(sent.id)
        if human is not None:
            if applies(gold.text, sent):
                columns.add(sent.id, sent.doc_id, sent.text, human, "gold")
                continue
            stale.append(sent.id)
        if setup.silver and sent.id not in gold.disputed:
            versions.add(labels["model_version"])
            columns.add(sent.id, sent.doc_id, sent.text, labels)
    return Rows(
        columns.table(setup.schema),
        versions,
        columns.misaligned,
        columns.misaligned_gold,
        columns.entity_spans,
        stale,
    )


_TASKS: dict[str, Callable[[Setup, Any], Any]] = {
    "keys": keys,
    "signatures": signatures,
    "rows": rows,
}
_SETUP: list[Setup] = []
_DONE = object()  # the end of a worker's results


def _init(setup: Setup) -> None:
    _SETUP[:] = [setup]


def _call(task: str, item: Any) -> Any:
    try:
        return _TASKS[task](_SETUP[0], item)
    except InputError as exc:
        return _Failed(exc.code, exc.path, exc.detail, exc.line)
    except Exception as exc:  # a bug, not a dead worker: say what it was
        return _Crashed(f"{type(exc).__name__}: {exc}")


def _serve(tasks: Queue[Any], results: Connection, setup: Setup) -> None:
    """A worker process: tasks in, results out, in order, until told to stop (None).

    A thread sends the results, so that the next chunk is worked on while the main process
    is still reading the last one (a pipe's send blocks until the other side has read).
    """
    _init(setup)
    outbox: queue.Queue[Any] = queue.Queue(maxsize=2)

    def send() -> None:
        try:
            while (result := outbox.get()) is not _DONE:
                results.send(result)
        except BaseException:
            os._exit(1)  # the main process then sees the pipe close (E509), never a hang

    sender = threading.Thread(target=send, daemon=True)
    sender.start()
    while (message := tasks.get()) is not None:
        outbox.put(_call(*message))
    outbox.put(_DONE)
    sender.join()


@dataclass
class _Worker:
    process: BaseProcess
    tasks: Queue[Any]
    results: Connection  # the read end; the worker holds the only write end


class Runner:
    """Runs tasks over items in this process (``workers <= 1``) or in worker processes.

    Each worker has its own task and result queues, and chunk k goes to worker k mod n:
    results come back in order without any lock shared between workers. (With
    ``multiprocessing.Pool`` a worker that died lost its chunk, and one that died waiting for
    work kept the shared queue's lock, so that even ``terminate`` hung; ``concurrent.futures``
    raced on submit and shutdown once a worker had died. Both seen here.)

    Results come through a pipe whose write end only the worker holds, not a ``Queue`` (whose
    write end stays open here too): a worker killed half-way through sending a result leaves
    a partial message, and only the end of the file tells the reader that no more is coming.
    Waiting on a ``Queue`` for the rest of it hung the export (seen in CI).
    """

    def __init__(self, setup: Setup, workers: int) -> None:
        self.setup = setup
        self.workers = workers
        self._pool: list[_Worker] = []

    def __enter__(self) -> Runner:
        if self.workers > 1:
            ctx = multiprocessing.get_context("spawn")
            for _ in range(self.workers):
                tasks = ctx.Queue()
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
        _HASHER.clear()

    def map(self, task: Callable[[Setup, T], R], items: Iterable[T]) -> Iterator[R]:
        """``task(setup, item)`` for each item, in order."""
        if not self._pool:
            for item in items:
                yield task(self.setup, item)
            return
        n = len(self._pool)
        ahead = 2 * n  # chunks in flight: enough to keep every worker busy
        sent = received = 0
        for item in items:
            self._pool[sent % n].tasks.put((task.__name__, item))
            sent += 1
            if sent - received > ahead:
                yield _unwrap(self._get(self._pool[received % n]))
                received += 1
        while received < sent:
            yield _unwrap(self._get(self._pool[received % n]))
            received += 1

    @staticmethod
    def _get(worker: _Worker) -> Any:
        try:
            return worker.results.recv()
        except (EOFError, OSError):
            raise BuilderError(
                E509_WORKER_DIED,
                "a worker process died (killed, or out of memory?): run again, or with --workers 1",
            ) from None


def _unwrap(result: Any) -> Any:
    if isinstance(result, _Failed):
        raise InputError(result.code, result.path, result.detail, result.line)
    if isinstance(result, _Crashed):
        raise BuilderError(E509_WORKER_DIED, f"a worker process failed: {result.error}")
    return result


def all_signatures(runner: Runner, texts: list[str], batch: int = 8192) -> Signatures:
    """Signatures of ``texts``, computed in batches (in parallel with workers)."""
    parts = list(
        runner.map(signatures, (texts[i : i + batch] for i in range(0, len(texts), batch)))
    )
    if not parts:
        return np.empty((0, runner.setup.perms.num_perm), dtype=np.uint32)
    return np.concatenate(parts)
