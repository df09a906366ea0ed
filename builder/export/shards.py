"""The parquet files of a version, written by the workers: each split of each config in shards.

The workers leave the rows of each chunk of input in an Arrow file of the staging folder
(``PARTS``), in input order, each row with the number of its group in the chunk (``GROUP``).
Once every part is there and the splits are known, the rows of each (config, split) are cut
into shards of ``shard_rows`` rows in input order, and each shard is a task: a worker reads
the rows of its split from the parts (the split of each group of a part comes with the task),
writes its parquet file and hashes it. So the shards depend on the
data only (how many rows a split has), never on the number of workers or the engine, and the
bytes are the same with one worker, two, or Ray's. A split of at most ``shard_rows`` rows is
one file, ``CONFIG/SPLIT.parquet``; a larger one is ``CONFIG/SPLIT-00000-of-00004.parquet``
and so on (the Hugging Face naming; the card lists every file of every split).

Row groups hold exactly ``BATCH`` rows (the last one of a file the rest), as if the rows had
been built together, whatever the chunks behind them.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from builder.export.digest import sha256_of
from builder.export.names import CONFIGS, SPLITS
from builder.export.records import CONFIG_COLUMNS, in_column
from builder.version.layout import shard_name

BATCH = 4096  # rows per row group: fixed, so row groups (and bytes) never vary
SHARD_ROWS = 1 << 18  # rows per parquet file: 40-170 MB of BBC text, 2 GB or so in memory
PARTS = ".parts"  # the staging folder's Arrow files of the rows, gone before the rename
GROUP = "group"  # a part's column beside the wide schema's: the row's group in the chunk


@dataclass(frozen=True, slots=True)
class Part:
    """A chunk's Arrow file, the split of each of its groups and, per config, how many of
    its rows are that config's in each split."""

    path: str
    splits: bytes  # group number -> split (an index into SPLITS)
    config_rows: dict[str, tuple[int, ...]]  # config -> its rows per split


@dataclass(frozen=True, slots=True)
class Piece:
    """Rows of one part for a shard: of the config's rows in ``split``, ``[skip, skip +
    take)``."""

    part: str
    splits: bytes  # the part's
    split: int
    skip: int
    take: int


@dataclass(frozen=True, slots=True)
class ShardJob:
    root: str  # the staging folder
    config: str
    name: str  # the file, relative to the version folder
    pieces: tuple[Piece, ...]


def part_path(root: Path, index: int) -> Path:
    return root / PARTS / f"{index:06d}.arrow"


def write_part(path: Path, table: pa.Table, groups: list[int]) -> None:
    """A chunk's rows with their ``groups`` as an uncompressed Arrow file: read back mapped."""
    table = table.append_column(GROUP, pa.array(groups, pa.int32()))
    path.parent.mkdir(exist_ok=True)
    with pa.OSFile(str(path), "wb") as sink, pa.ipc.new_file(sink, table.schema) as writer:
        writer.write_table(table)


def plan(root: Path, parts: Sequence[Part], shard_rows: int = SHARD_ROWS) -> list[ShardJob]:
    """The shards of every (config, split) that has rows, in config and split order."""
    jobs: list[ShardJob] = []
    for config in CONFIGS:
        for s, split in enumerate(SPLITS):
            total = sum(p.config_rows[config][s] for p in parts)
            count = -(-total // shard_rows)
            shards: list[list[Piece]] = [[] for _ in range(count)]
            done = 0  # the config's rows of this split in the parts before
            for p in parts:
                rows = p.config_rows[config][s]
                skip = 0
                while skip < rows:  # one piece per shard that the part's rows reach
                    j = done // shard_rows
                    take = min(rows - skip, (j + 1) * shard_rows - done)
                    shards[j].append(Piece(p.path, p.splits, s, skip, take))
                    done, skip = done + take, skip + take
            jobs += [
                ShardJob(str(root), config, shard_name(config, split, j, count), tuple(pieces))
                for j, pieces in enumerate(shards)
            ]
    return jobs


def _pieces(job: ShardJob) -> Iterator[pa.Table]:
    flag = in_column(job.config)
    columns = list(CONFIG_COLUMNS[job.config])
    for piece in job.pieces:
        with pa.memory_map(piece.part) as source:
            block = pa.ipc.open_file(source).read_all()
            splits = np.frombuffer(piece.splits, np.uint8)[block.column(GROUP).to_numpy()]
            mine = block.column(flag).to_numpy(zero_copy_only=False) & (splits == piece.split)
            block = block.select(columns)
            if not mine.all():
                block = block.filter(mine)
            yield block.slice(piece.skip, piece.take)


def write_shard(job: ShardJob, schema: pa.Schema) -> tuple[str, str]:
    """Write the shard's parquet file; its name and sha256."""
    path = Path(job.root) / job.name
    path.parent.mkdir(exist_ok=True)
    pending: list[pa.Table] = []
    count = 0
    with pq.ParquetWriter(path, schema) as writer:
        for table in _pieces(job):
            pending.append(table)
            count += len(table)
            if count >= BATCH:
                rest = pa.concat_tables(pending)
                while len(rest) >= BATCH:
                    _write(writer, rest.slice(0, BATCH), schema)
                    rest = rest.slice(BATCH)
                pending, count = [rest], len(rest)
        if count:
            _write(writer, pa.concat_tables(pending), schema)
    return job.name, sha256_of(path)


def _write(writer: pq.ParquetWriter, table: pa.Table, schema: pa.Schema) -> None:
    # One contiguous chunk per column, as if the rows had been built together; the config's
    # schema (its metadata: the features) as the file's.
    writer.write_table(pa.Table.from_arrays(table.combine_chunks().columns, schema=schema))
