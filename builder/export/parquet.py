"""Rows to parquet files, one per config and split, and the statistics of what was written.

Row groups hold exactly ``BATCH`` rows (the last one of a file the rest), in input order, so the
bytes are the same on every run whatever the chunking of the work behind them.
"""

from __future__ import annotations

import queue
import threading
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from builder.export.bio import Misaligned
from builder.export.names import CONFIGS, SPLITS, Encoder
from builder.export.records import CONFIG_COLUMNS, in_column

BATCH = 4096  # rows per row group: fixed, so row groups (and bytes) never vary
BACKLOG = 8  # row groups handed to the writer thread and not yet written


class Writers:
    """One parquet writer and the rows not yet written, per (config, split)."""

    def __init__(self, root: Path, schemas: dict[str, pa.Schema]) -> None:
        self.root = root
        self.schemas = schemas
        self.writers: dict[tuple[str, str], pq.ParquetWriter] = {}
        self.pending: dict[tuple[str, str], list[pa.Table]] = defaultdict(list)
        self.counts: Counter[tuple[str, str]] = Counter()
        # Encoding and compressing a row group lets go of the GIL: one writer thread does it
        # while this thread goes on feeding the workers. One thread, so row groups keep their
        # order (and the files their bytes); a bounded backlog, so memory stays flat. A thread
        # of our own, not a ThreadPoolExecutor's: Ctrl-C while the executor started its
        # thread left that thread unknown to it, and a second one wrote the same file at the
        # same time (a C++ abort instead of a clean stop).
        self.backlog: queue.Queue[tuple[pq.ParquetWriter, pa.Table] | None]
        self.backlog = queue.Queue(BACKLOG)
        self.failed: list[BaseException] = []  # what the writer thread raised
        self.aborted = False  # nothing more to write: the export is failing
        self.thread = threading.Thread(target=self._run, name="parquet", daemon=True)
        self.thread.start()

    def _run(self) -> None:
        while (job := self.backlog.get()) is not None:
            if self.failed or self.aborted:
                continue  # take the rest without writing it, so that no put waits
            try:
                job[0].write_table(job[1])
            except BaseException as exc:
                self.failed.append(exc)

    def add(self, split: str, rows: pa.Table) -> None:
        """Rows of the wide schema (records.wide_schema), all of ``split``; each config takes
        the rows flagged as its own."""
        for config in CONFIGS:
            schema = self.schemas[config]
            mine = rows.column(in_column(config))
            part = rows if pc.all(mine).as_py() else rows.filter(mine)
            if not len(part):
                continue
            table = pa.Table.from_arrays(
                [part.column(c) for c in CONFIG_COLUMNS[config]], schema=schema
            )
            key = (config, split)
            self.pending[key].append(table)
            self.counts[key] += len(table)
            if self.counts[key] >= BATCH:
                self._drain(key, final=False)

    def _drain(self, key: tuple[str, str], *, final: bool) -> None:
        if not self.pending[key]:
            return
        table = pa.concat_tables(self.pending[key])
        while len(table) >= BATCH or (final and len(table)):
            self._write(key, table.slice(0, BATCH))
            table = table.slice(BATCH)
        self.pending[key] = [table] if len(table) else []
        self.counts[key] = len(table)

    def _write(self, key: tuple[str, str], table: pa.Table) -> None:
        if self.failed:
            raise self.failed[0]
        if key not in self.writers:
            (self.root / key[0]).mkdir(exist_ok=True)
            self.writers[key] = pq.ParquetWriter(
                self.root / key[0] / f"{key[1]}.parquet", self.schemas[key[0]]
            )
        # One contiguous chunk per column, as if the rows had been built together.
        self.backlog.put((self.writers[key], table.combine_chunks()))

    def close(self, *, abort: bool = False) -> None:
        """Write what is left and close the files; with ``abort`` (the export fails, or is
        interrupted: the files will be removed) write nothing more, only wait for the row
        group being written, so that no file is closed under the writer thread."""
        self.aborted = abort
        try:
            if not abort:
                for key in list(self.pending):
                    self._drain(key, final=True)
        finally:
            self.backlog.put(None)
            self.thread.join()
            # A split without rows gets no file: `datasets` cannot load an empty split, and
            # the card declares only the splits that exist (the manifest counts them as 0).
            for writer in self.writers.values():
                writer.close()
        if self.failed and not abort:
            raise self.failed[0]


def _bincount(
    split: npt.NDArray[np.intp], values: npt.NDArray[np.int64], n: int
) -> npt.NDArray[np.int64]:
    """Counts per (split, value), as a (splits, n) array."""
    flat = np.bincount(split * n + values, minlength=len(SPLITS) * n)
    return flat.reshape(len(SPLITS), n)


@dataclass
class Stats:
    """Rows and label counts per config and split, and what could not be exported."""

    enc: Encoder
    rows: dict[str, npt.NDArray[np.int64]] = field(
        default_factory=lambda: {c: np.zeros(len(SPLITS), np.int64) for c in CONFIGS}
    )
    ner: npt.NDArray[np.int64] | None = None
    check_worthy: npt.NDArray[np.int64] | None = None
    sentiment: npt.NDArray[np.int64] | None = None
    sources: Counter[str] = field(default_factory=Counter)
    model_versions: set[str] = field(default_factory=set)
    misaligned: list[Misaligned] = field(default_factory=list)
    misaligned_gold: list[Misaligned] = field(default_factory=list)
    entity_spans: int = 0
    stale_gold: list[str] = field(default_factory=list)
    unlabelled: Counter[str] = field(default_factory=Counter)  # gold rows without a class

    def count(self, split: npt.NDArray[np.intp], rows: pa.Table) -> None:
        """Count ``rows`` (wide schema), ``split[i]`` being the split index of row ``i``;
        a config counts the rows flagged as its own."""
        mine = {c: rows.column(in_column(c)).to_numpy(zero_copy_only=False) for c in CONFIGS}
        for config in CONFIGS:
            self.rows[config] += np.bincount(split[mine[config]], minlength=len(SPLITS))
        sources = np.bincount(rows.column("source").to_numpy(), minlength=len(self.enc.source))
        for name, i in self.enc.source.items():
            if sources[i]:
                self.sources[name] += int(sources[i])
        entities = rows.column("entities").combine_chunks()
        parents = pc.list_parent_indices(entities).to_numpy()
        owner = split[parents]
        labels = pc.list_flatten(entities).field("label").to_numpy()
        parts = {
            "ner": (owner, labels, len(self.enc.entity), mine["ner"][parents]),
            "check_worthy": (
                split,
                rows.column("check_worthy").to_numpy(),
                len(self.enc.check_worthy),
                mine["claims"],
            ),
            "sentiment": (
                split,
                rows.column("label").to_numpy(),
                len(self.enc.sentiment),
                mine["sentiment"],
            ),
        }
        for name, (where, values, n, kept) in parts.items():
            where, values = where[kept], values[kept]
            labelled = values >= 0  # -1: a human chose no class
            if not labelled.all():
                self.unlabelled[name] += int((~labelled).sum())
                where, values = where[labelled], values[labelled]
            counts = _bincount(where, values, n)
            total = getattr(self, name)
            setattr(self, name, counts if total is None else total + counts)

    def rows_by_split(self, config: str) -> dict[str, int]:
        return {s: int(self.rows[config][i]) for i, s in enumerate(SPLITS)}

    def total_rows(self) -> int:
        return sum(int(r.sum()) for r in self.rows.values())

    def label_counts(self) -> dict[str, dict[str, dict[str, int]]]:
        """config -> split -> {label: count}, labels sorted, only those that occur."""
        names = {
            "ner": (self.ner, list(self.enc.entity)),
            "claims": (self.check_worthy, list(self.enc.check_worthy)),
            "sentiment": (self.sentiment, list(self.enc.sentiment)),
        }
        out: dict[str, dict[str, dict[str, int]]] = {}
        for config, (counts, labels) in names.items():
            out[config] = {
                split: dict(
                    sorted(
                        (label, int(counts[i, j]))
                        for j, label in enumerate(labels)
                        if counts is not None and counts[i, j]
                    )
                )
                for i, split in enumerate(SPLITS)
            }
        return out
