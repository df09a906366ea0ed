"""The export's work on chunks of sentences, here or in worker processes, results in order.

Two tasks, each a pure function of its input:
- ``rows``: the dataset rows of a chunk, in input order into an Arrow file of the staging
  folder (``shards.py``), with what split assignment needs of each sentence (``keys.py``:
  ids, groups, digests and MinHash signatures of the normalised texts) and the statistics of
  the rows, counted per group of the chunk;
- ``shard``: one parquet file of the version, from those Arrow files, and its hash.
With ``workers > 1`` they run in the spawned processes of builder/workers.py (which import
neither ``datasets`` nor ``datasketch``); results come back in submission order, with a
bounded number of chunks in flight so that memory stays flat, and the output is the same bytes
whatever the number of workers. The rows do not come back to this process: the workers write
the parquet files themselves, on this machine or, with Ray, on a disk the cluster shares.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType

import numpy as np
import pyarrow as pa

from builder.export.gold import Gold
from builder.export.inputs import Chunk, Sources, joined
from builder.export.keys import KeyMaker, Keys
from builder.export.names import Encoder
from builder.export.parquet import Stats
from builder.export.records import Columns
from builder.export.shards import ShardJob, write_part, write_shard
from builder.export.splits import SplitParams
from builder.gold.resolve import applies
from builder.minhash import Hasher, Permutations
from builder.model import Sentence
from builder.workers import Pool


@dataclass(frozen=True)
class Setup:
    """Everything a worker needs, sent to it once."""

    sources: Sources
    splits: SplitParams  # min_words and the group key
    encoder: Encoder
    schema: pa.Schema  # the wide row schema (records.wide_schema)
    schemas: dict[str, pa.Schema]  # each config's (with its features as metadata)
    perms: Permutations
    gold: Gold = field(default_factory=Gold)
    silver: bool = True  # pre-labels for the sentences without gold
    silver_skipped: bool = False  # ... and for those every annotator skipped


@dataclass(frozen=True)
class RowsJob:
    chunk: Chunk
    index: int  # its number, in input order
    part: str  # its Arrow file (shards.part_path)


@dataclass(frozen=True)
class Built:
    """What a chunk's rows leave for the reading process."""

    keys: Keys
    stats: Stats  # counts per group of the chunk (``keys.groups``)


_HASHER: list[Hasher] = []  # its word cache serves every chunk of one export
# The texts whose signatures this process sent (KeyMaker.keys), for the export whose staging
# folder is _SENT_FOR[0] (a Ray worker may serve several exports).
_SENT: dict[bytes, int] = {}
_SENT_FOR = [""]
_SENT_KEPT = 1 << 16  # some 7 MB at most; then it starts again (their signatures, too)


def _hasher(perms: Permutations) -> Hasher:
    if not _HASHER or _HASHER[0].perms is not perms:
        _HASHER[:] = [Hasher(perms)]
    return _HASHER[0]


@contextmanager
def _refcounting_only() -> Iterator[None]:
    """The cycle collector paused while a chunk's rows are built: they make no reference
    cycles (reference counting frees every record), and its passes over the tens of thousands
    of objects a chunk keeps cost some 5-10% of the export's CPU (measured in one process)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@contextmanager
def _system_pool() -> Iterator[None]:
    """For one task, Arrow's buffers from the C library's allocator (malloc), not the
    mimalloc pool that pyarrow's wheels make the default. A worker runs chunk after chunk,
    and mimalloc kept pages of every earlier chunk and shard: with its live bytes never
    above 8 MB, a process serving the export of corpus/bbc x5 peaked at 255 MB against
    235 MB at x1 (its shard tasks 255 against 227), and at 223-225 MB at both with malloc
    (shards 200-206), for the same CPU (rows: 6.0 s either way, three runs each, alternated;
    docs/benchmarks.md). The bytes written do not depend on the allocator.
    ``ARROW_DEFAULT_MEMORY_POOL``, when set, is left to decide. The pool before is put back
    after the task: with one worker the tasks run in the caller's process, whose allocator
    is not the export's to change."""
    before = pa.default_memory_pool()
    if "ARROW_DEFAULT_MEMORY_POOL" in os.environ or before.backend_name == "system":
        yield
        return
    pa.set_memory_pool(pa.system_memory_pool())
    try:
        yield
    finally:
        pa.set_memory_pool(before)


def rows(setup: Setup, job: RowsJob) -> Built:
    with _system_pool(), _refcounting_only():
        return _rows(setup, job)


def _rows(setup: Setup, job: RowsJob) -> Built:
    """Gold where a human label applies to the sentence as it is now (in the configs whose
    layers the annotators do not dispute), else silver if asked (and annotators neither
    disagree on the sentence nor all skipped it, unless skipped ones are asked for too),
    else no row. The rows go to the job's Arrow file, in input order; the keys of every
    sentence and the statistics of the rows come back."""
    columns = Columns(setup.encoder)
    keys = KeyMaker(setup.splits.grouper(), setup.splits.min_words)
    groups: list[int] = []  # of each row
    stale: list[str] = []
    versions: set[str] = set()
    gold = setup.gold
    for sent, labels in joined(job.chunk, setup.sources):
        group = keys.add(sent.id, sent.doc_id, sent.text)
        human = gold.labels.get(sent.id)
        if human is not None:
            if applies(gold.text, sent if isinstance(sent, Sentence) else sent.sentence()):
                configs = gold.configs_of(sent.id)
                if any(configs):
                    columns.add(sent.id, sent.doc_id, sent.text, human, "gold", configs)
                    groups.append(group)
                continue
            stale.append(sent.id)
        skipped = sent.id in gold.skipped and not setup.silver_skipped
        if setup.silver and sent.id not in gold.disputed and not skipped:
            if isinstance(labels, dict):  # read the slow way (``inputs.joined``)
                versions.add(labels["model_version"])
                columns.add(sent.id, sent.doc_id, sent.text, labels)
            else:
                versions.add(labels.model_version)
                columns.add_record(sent.id, sent.doc_id, sent.text, labels)
            groups.append(group)
    table = columns.table(setup.schema)  # (which reports the spans it cannot tag)
    stats = Stats(
        setup.encoder,
        len(keys.groups),
        model_versions=versions,
        misaligned=columns.misaligned,
        misaligned_gold=columns.misaligned_gold,
        entity_spans=columns.entity_spans,
        stale_gold=stale,
    )
    stats.count(np.array(groups, dtype=np.intp), table)
    write_part(Path(job.part), table, groups)
    export = str(Path(job.part).parent)
    if _SENT_FOR[0] != export or len(_SENT) > _SENT_KEPT:
        _SENT.clear()
        _SENT_FOR[0] = export
    return Built(keys.keys(_hasher(setup.perms), _SENT, job.index), stats)


def shard(setup: Setup, job: ShardJob) -> tuple[str, str]:
    """One parquet file of the version (``shards.py``): its name and sha256."""
    with _system_pool():
        return write_shard(job, setup.schemas[job.config])


class Runner(Pool[Setup]):
    """The export's pool (builder/workers.py), set up once per export."""

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        super().__exit__(exc_type, exc, tb)
        _HASHER.clear()  # the caches of an in-process export: their memory may go
        _SENT.clear()
