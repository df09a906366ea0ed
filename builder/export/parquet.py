"""The statistics of the rows of an export: rows and label counts per config and split, and
what could not be exported. Each chunk's rows are counted where they are built (a worker), per
group of the chunk: the split of a group is known only once every chunk has been read. The
reading process then adds each chunk's counts to its groups' splits (:meth:`Stats.add_counts`).

(The parquet files themselves: ``shards.py``.)
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc

from builder.export.bio import Misaligned
from builder.export.names import CONFIGS, SPLITS, Encoder
from builder.export.records import in_column


def _bincount(
    place: npt.NDArray[np.intp], values: npt.NDArray[np.int64], n: int, places: int
) -> npt.NDArray[np.int64]:
    """Counts per (place, value), as a (places, n) array."""
    flat = np.bincount(place * n + values, minlength=places * n)
    return flat.reshape(places, n)


@dataclass
class Stats:
    """Rows and label counts per config and place (a split; in a worker, a group of its
    chunk), and what could not be exported."""

    enc: Encoder
    places: int = len(SPLITS)
    rows: dict[str, npt.NDArray[np.int64]] = field(default_factory=dict)
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

    def __post_init__(self) -> None:
        for config in CONFIGS:
            self.rows.setdefault(config, np.zeros(self.places, np.int64))

    def count(self, split: npt.NDArray[np.intp], rows: pa.Table) -> None:
        """Count ``rows`` (wide schema), ``split[i]`` being the place of row ``i``; a config
        counts the rows flagged as its own."""
        places = self.places
        mine = {c: rows.column(in_column(c)).to_numpy(zero_copy_only=False) for c in CONFIGS}
        for config in CONFIGS:
            self.rows[config] += np.bincount(split[mine[config]], minlength=places)
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
            counts = _bincount(where, values, n, places)
            total = getattr(self, name)
            setattr(self, name, counts if total is None else total + counts)

    def absorb(self, other: Stats) -> None:
        """Add what the next chunk could not export, and its sources and versions (its counts
        per place: :meth:`add_counts`)."""
        self.sources.update(other.sources)
        self.model_versions |= other.model_versions
        self.misaligned.extend(other.misaligned)
        self.misaligned_gold.extend(other.misaligned_gold)
        self.entity_spans += other.entity_spans
        self.stale_gold.extend(other.stale_gold)
        self.unlabelled.update(other.unlabelled)

    def add_counts(self, other: Stats, to: npt.NDArray[np.uint8]) -> None:
        """Add the counts of ``other``, whose place ``p`` is this one's place ``to[p]``."""
        for config in CONFIGS:
            self.rows[config] += np.bincount(to, other.rows[config], self.places).astype(np.int64)
        for name in ("ner", "check_worthy", "sentiment"):
            theirs = getattr(other, name)
            if theirs is None:
                continue
            moved = np.zeros((self.places, theirs.shape[1]), np.int64)
            np.add.at(moved, to, theirs)
            mine = getattr(self, name)
            setattr(self, name, moved if mine is None else mine + moved)

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
