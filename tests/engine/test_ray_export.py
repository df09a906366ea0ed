"""`builder export` on a real two-node Ray cluster (``conftest.py``): the workers write the
parquet shards, and the version is the bytes of the local engine's."""

from __future__ import annotations

from pathlib import Path

import pytest

from builder.engine import Engine, running_on
from builder.export.build import export
from builder.export.params import ExportParams
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
