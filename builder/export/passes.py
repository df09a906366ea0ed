"""The export's two passes over the inputs, each over chunks of lines in the worker runner.

1. ``assign_splits``: split assignment needs every sentence (groups, duplicates across
   groups), so the first pass reads sentences.jsonl alone and keeps only keys and texts;
2. ``write_rows``: rows are built and appended to one parquet writer per config and split,
   then the alignment of entity spans to tokens is checked (gold may lose nothing; silver a
   share ``max_misaligned_silver``).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np

from builder.errors import E502_MISALIGNED, BuilderError
from builder.export.inputs import Chunk, Lines, UniqueIds
from builder.export.params import ExportParams
from builder.export.parquet import Stats, Writers
from builder.export.splits import SPLITS, Assignment, Collector, SplitParams
from builder.export.workers import Runner, all_signatures, keys, rows


def assign_splits(runner: Runner, lines: Iterator[Lines], params: SplitParams) -> Assignment:
    """First pass, over sentences.jsonl alone: split assignment."""
    collector = Collector(params)
    unique = UniqueIds(Path(runner.setup.sources.sentences))  # a sentence twice: two rows
    for got in runner.map(keys, lines):
        unique.add(got.ids)
        collector.add_many(got.ids, got.doc_ids, got.norms)
    sigs = all_signatures(runner, collector.texts())
    return collector.assignment(sigs, runner.setup.perms)


def write_rows(
    root: Path,
    runner: Runner,
    chunks: Iterator[Chunk],
    assignment: Assignment,
    schemas: dict[str, Any],
    params: ExportParams,
) -> Stats:
    """Second pass: rows to parquet, by split."""
    stats = Stats(runner.setup.encoder)
    writers = Writers(root, schemas)
    split_index = {s: i for i, s in enumerate(SPLITS)}
    group = params.splits.grouper()
    try:
        for got in runner.map(rows, chunks):
            stats.model_versions |= got.model_versions
            stats.misaligned.extend(got.misaligned)
            stats.misaligned_gold.extend(got.misaligned_gold)
            stats.stale_gold.extend(got.stale_gold)
            stats.entity_spans += got.entity_spans
            if not len(got.table):
                continue
            docs = got.table.column("doc_id").combine_chunks().dictionary_encode()
            codes = np.array(
                [split_index[assignment.split_of(group(d))] for d in docs.dictionary.to_pylist()],
                dtype=np.intp,
            )
            split = codes[docs.indices.to_numpy()]
            stats.count(split, got.table)
            present = np.unique(split).tolist()
            for i in present:
                part = got.table if len(present) == 1 else got.table.filter(split == i)
                writers.add(SPLITS[i], part)
    except BaseException:  # failing or interrupted: the files go, nothing more to write
        writers.close(abort=True)
        raise
    writers.close()
    _check_alignment(stats, params.max_misaligned_silver)
    return stats


def _check_alignment(stats: Stats, max_misaligned_silver: float) -> None:
    if stats.misaligned_gold:
        shown = "; ".join(map(str, stats.misaligned_gold[:5]))
        raise BuilderError(
            E502_MISALIGNED,
            f"{len(stats.misaligned_gold)} gold entity spans do not align to tokens (gold may "
            f"lose nothing): {shown}",
        )
    share = len(stats.misaligned) / stats.entity_spans if stats.entity_spans else 0.0
    if share > max_misaligned_silver:
        shown = "; ".join(map(str, stats.misaligned[:5]))
        raise BuilderError(
            E502_MISALIGNED,
            f"{len(stats.misaligned)} entity spans do not align to tokens ({share:.2%} > "
            f"{max_misaligned_silver:.2%}): {shown}",
        )
