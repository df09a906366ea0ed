"""The export's two passes over the inputs, each over chunks of lines in the worker runner,
and the parquet files.

1. ``assign_splits``: split assignment needs every sentence (groups, duplicates across
   groups), so the first pass reads sentences.jsonl alone and keeps only keys and texts (and
   the groups of each chunk, whose splits the second pass needs);
2. ``write_rows``: the workers build the rows of each chunk and leave them, sorted by split,
   in an Arrow file of the staging folder; their statistics come back and the alignment of
   entity spans to tokens is checked (gold may lose nothing; silver a share
   ``max_misaligned_silver``);
3. ``write_parquet``: the workers write the parquet files, a shard each (``shards.py``).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from builder.errors import E502_MISALIGNED, BuilderError
from builder.export.inputs import Chunk, Lines, UniqueIds
from builder.export.params import ExportParams
from builder.export.parquet import Stats
from builder.export.shards import Part, part_path, plan
from builder.export.splits import SPLITS, Assignment, Collector, SplitParams
from builder.export.workers import RowsJob, Runner, all_signatures, keys, rows, shard

Groups = list[list[str]]  # the group keys of each chunk of the first pass


def assign_splits(
    runner: Runner, lines: Iterator[Lines], params: SplitParams
) -> tuple[Assignment, Groups]:
    """First pass, over sentences.jsonl alone: split assignment, and each chunk's groups."""
    collector = Collector(params)
    unique = UniqueIds(Path(runner.setup.sources.sentences))  # a sentence twice: two rows
    groups: Groups = []
    for got in runner.map(keys, lines):
        unique.add(got.ids)
        collector.add_many(got.ids, got.doc_ids, got.norms)
        groups.append(list(dict.fromkeys(got.doc_ids)))
    sigs = all_signatures(runner, collector.texts())
    return collector.assignment(sigs, runner.setup.perms), groups


def write_rows(
    root: Path,
    runner: Runner,
    chunks: Iterator[Chunk],
    assignment: Assignment,
    groups: Groups,
    params: ExportParams,
) -> tuple[Stats, list[Part]]:
    """Second pass: each chunk's rows to its Arrow file under ``root``; their statistics."""
    stats = Stats(runner.setup.encoder)
    index = {s: i for i, s in enumerate(SPLITS)}

    def jobs() -> Iterator[RowsJob]:
        for k, chunk in enumerate(chunks):
            mine = groups[k] if k < len(groups) else []  # more chunks: the worker says so
            splits = {g: index[assignment.split_of(g)] for g in mine}
            yield RowsJob(chunk, str(part_path(root, k)), splits)

    parts: list[Part] = []
    for part, got in runner.map(rows, jobs()):
        stats.absorb(got)
        parts.append(part)
    _check_alignment(stats, params.max_misaligned_silver)
    return stats, parts


def write_parquet(root: Path, runner: Runner, parts: list[Part], shard_rows: int) -> dict[str, str]:
    """The parquet files, written by the workers: their sha256 by their name."""
    return dict(runner.map(shard, plan(root, parts, shard_rows)))


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
