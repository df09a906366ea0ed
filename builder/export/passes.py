"""The export's pass over the inputs, over chunks of lines in the worker runner, and the
parquet files.

1. ``write_rows``: the workers parse and check each chunk, leave its rows in an Arrow file of
   the staging folder and send back what split assignment needs (``keys.py``) and the
   statistics of the rows, counted per group; the alignment of entity spans to tokens is
   checked (gold may lose nothing; silver a share ``max_misaligned_silver``);
2. split assignment needs every sentence (groups, duplicates across groups): once every chunk
   is in, the splits are resolved and each chunk's counts go to its groups' splits;
3. ``write_parquet``: the workers write the parquet files, a shard each (``shards.py``).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import numpy.typing as npt

from builder.errors import E502_MISALIGNED, BuilderError
from builder.export.inputs import Chunk, UniqueIds
from builder.export.params import ExportParams
from builder.export.parquet import Stats
from builder.export.shards import Part, part_path, plan
from builder.export.splits import SPLITS, Assignment, Collector
from builder.export.workers import RowsJob, Runner, rows, shard


def write_rows(
    root: Path, runner: Runner, chunks: Iterator[Chunk], params: ExportParams
) -> tuple[Assignment, Stats, list[Part]]:
    """Each chunk's rows to its Arrow file under ``root``; the split assignment, the
    statistics of the rows and the parts."""
    collector = Collector(params.splits)
    unique = UniqueIds(Path(runner.setup.sources.sentences))  # a sentence twice: two rows
    stats = Stats(runner.setup.encoder)
    built: list[tuple[str, npt.NDArray[np.intp], Stats]] = []
    jobs = (RowsJob(chunk, k, str(part_path(root, k))) for k, chunk in enumerate(chunks))
    for k, got in enumerate(runner.map(rows, jobs)):  # in input order
        unique.add(got.keys.ids)
        built.append((str(part_path(root, k)), collector.add(got.keys), got.stats))
        stats.absorb(got.stats)
    _check_alignment(stats, params.max_misaligned_silver)
    assignment = collector.assignment(runner.setup.perms)
    split_of = collector.split_numbers(assignment)
    parts: list[Part] = []
    for path, groups, counts in built:
        splits = split_of[groups]
        stats.add_counts(counts, splits)
        config_rows = {
            c: tuple(int(n) for n in np.bincount(splits, n_rows, len(SPLITS)))
            for c, n_rows in counts.rows.items()
        }
        parts.append(Part(path, splits.tobytes(), config_rows))
    return assignment, stats, parts


def write_parquet(root: Path, runner: Runner, parts: list[Part], shard_rows: int) -> dict[str, str]:
    """The parquet files, written by the workers: their sha256 by their name (in ``plan``'s
    order).

    The largest shards go first. The pool gave job k to worker k mod n (it now gives it to
    the least busy, which is that while the jobs take about as long): in ``plan``'s order
    (each config's full train shards, then its short last one, validation and test) one of
    two workers got 600,000 of every 1,000,000 rows, and wrote alone for the last 2 s of the
    pass (1,000,000 sentences). By size, each pair of jobs is about even, and the small ones
    come last, with Ray too."""
    jobs = plan(root, parts, shard_rows)
    by_size = sorted(jobs, key=lambda job: -sum(piece.take for piece in job.pieces))
    written = dict(runner.map(shard, by_size))
    return {job.name: written[job.name] for job in jobs}


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
