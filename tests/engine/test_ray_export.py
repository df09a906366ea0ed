"""`builder export` on a real two-node Ray cluster (``conftest.py``): the workers write the
parquet shards, Ray groups the LSH band keys of the near-duplicate check, and the version is
the bytes of the local engine's."""

from __future__ import annotations

from pathlib import Path

import pytest

from builder import minhash
from builder.engine import Engine, running_on
from builder.engine.ray_lsh import near_pairs_on_ray
from builder.export.build import export
from builder.export.params import ExportParams
from tests.export.helpers import near_duplicate_inputs
from tests.export.test_shards import _tree
from tests.export.test_workers import _inputs

pytestmark = pytest.mark.ray


def test_an_export_in_shards_on_ray_is_the_bytes_of_the_local_engine(
    ray_cluster: str, tmp_path: Path
) -> None:
    inputs = _inputs(tmp_path, 6_000)
    local = export(*inputs, tmp_path / "local", ExportParams("news", None, True, shard_rows=1_000))
    with running_on(Engine.ray, ray_cluster, 0):
        params = ExportParams("news", None, True, shard_rows=1_000)
        on_ray = export(*inputs, tmp_path / "ray", params)
    assert len(local.manifest["files"]) > 9, "some splits are in shards"
    assert _tree(on_ray.path) == _tree(local.path)


def test_near_duplicates_grouped_in_the_cluster_move_the_groups_of_one_process(
    ray_cluster: str, tmp_path: Path
) -> None:
    inputs = near_duplicate_inputs(tmp_path, 3_000)
    local = export(*inputs, tmp_path / "local", ExportParams("news", None, True))
    with running_on(Engine.ray, ray_cluster, 0):
        assert [near_pairs_on_ray] == minhash._FINDERS, "the band keys are grouped by Ray"
        on_ray = export(*inputs, tmp_path / "ray", ExportParams("news", None, True))
    assert local.manifest["leaks"], "near duplicates moved groups"
    assert _tree(on_ray.path) == _tree(local.path)
