"""Large splits in shards written by the workers: the same bytes with any number of workers,
every row once and in input order, and `datasets.load_dataset` reads them through the card."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from datasets import load_dataset

from builder.export.build import export
from builder.export.params import ExportParams
from builder.export.shards import Part, plan
from builder.version.layout import split_names
from tests.export.test_workers import _inputs

SENTENCES = 6_000
SHARD_ROWS = 1_000


def _tree(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
    }


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    return _inputs(tmp_path_factory.mktemp("inputs"), SENTENCES)


def _export(inputs: tuple[Path, Path], out: Path, workers: int, shard_rows: int) -> Path:
    params = ExportParams("news", None, silver=True, workers=workers, shard_rows=shard_rows)
    return export(*inputs, out, params).path


def test_the_shards_are_the_same_bytes_with_one_or_two_workers(
    inputs: tuple[Path, Path], tmp_path: Path
) -> None:
    one = _export(inputs, tmp_path / "one", 1, SHARD_ROWS)
    two = _export(inputs, tmp_path / "two", 2, SHARD_ROWS)
    assert _tree(one) == _tree(two)
    assert not list(one.parent.glob(".export.*")), "the staging folder is gone"


def test_a_large_split_is_shards_of_the_rows_in_order_and_load_dataset_reads_them(
    inputs: tuple[Path, Path], tmp_path: Path
) -> None:
    whole = _export(inputs, tmp_path / "whole", 1, 1 << 18)
    sharded = _export(inputs, tmp_path / "sharded", 1, SHARD_ROWS)
    manifest = json.loads((sharded / "manifest.json").read_text())
    train = split_names(manifest["files"], "ner", "train")
    rows = manifest["rows"]["ner"]["train"]
    count = -(-rows // SHARD_ROWS)
    assert count > 1 and train == [
        f"ner/train-{j:05d}-of-{count:05d}.parquet" for j in range(count)
    ]
    assert sorted(p.relative_to(sharded).as_posix() for p in sharded.rglob("*.parquet")) == sorted(
        manifest["files"]
    )
    tables = [pq.read_table(sharded / name) for name in train]
    assert [t.num_rows for t in tables] == [SHARD_ROWS] * (count - 1) + [
        rows - SHARD_ROWS * (count - 1)
    ]
    in_order = [i for t in tables for i in t.column("id").to_pylist()]
    assert in_order == pq.read_table(whole / "ner" / "train.parquet").column("id").to_pylist()
    for config in ("ner", "sentiment"):
        ds = load_dataset(str(sharded), config)
        expected = {s: n for s, n in manifest["rows"][config].items() if n}
        assert {s: ds[s].num_rows for s in ds} == expected
    assert load_dataset(str(sharded), "ner")["train"]["id"] == in_order


def test_the_plan_takes_every_row_of_a_config_once_in_order() -> None:
    # Parts with rows of three splits (and the split of each of their groups); the "ner" rows
    # of each split counted apart (a row in no config of a disputed layer is in the part but
    # not among the config's rows).
    parts = [
        Part(
            f"p{k}",
            bytes([k % 3, 0, 2]),
            {"ner": (k + 2, k % 3, 2), "claims": (0, 0, 0), "sentiment": (k + 3, k % 3, 2)},
        )
        for k in range(7)
    ]
    for shard_rows in (1, 4, 5, 1000):
        jobs = [j for j in plan(Path("/v"), parts, shard_rows) if j.config == "ner"]
        for s, split in enumerate(("train", "validation", "test")):
            mine = [j for j in jobs if f"/{split}" in j.name]
            taken = [
                (pc.part, pc.skip + t) for j in mine for pc in j.pieces for t in range(pc.take)
            ]
            expected = [(p.path, t) for p in parts for t in range(p.config_rows["ner"][s])]
            assert taken == expected
            sizes = [sum(pc.take for pc in j.pieces) for j in mine]
            assert all(n == shard_rows for n in sizes[:-1]) and 0 < sizes[-1] <= shard_rows
            for j in mine:
                for pc in j.pieces:
                    part = next(p for p in parts if p.path == pc.part)
                    assert (pc.splits, pc.split) == (part.splits, s)
