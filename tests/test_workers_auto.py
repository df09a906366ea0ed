"""``--workers 0`` (the default of every stage that works in processes): one process for a
small input, every core from the size where more pay off; an explicit number as it is."""

from __future__ import annotations

from pathlib import Path

import pytest

from builder.export.build import PARALLEL_FROM_BYTES as EXPORT_FROM
from builder.prelabel.parallel import PARALLEL_FROM_BYTES as PRELABEL_FROM
from builder.segment.pipeline import PARALLEL_FROM_BYTES as SEGMENT_FROM
from builder.workers import AUTO, cores, workers_for


def _file(tmp_path: Path, size: int) -> Path:
    path = tmp_path / "input.jsonl"
    with path.open("wb") as fh:
        fh.truncate(size)  # sparse: a size without the bytes
    return path


@pytest.mark.parametrize("from_bytes", [SEGMENT_FROM, PRELABEL_FROM, EXPORT_FROM])
def test_auto_is_one_process_below_the_stage_threshold_and_every_core_above(
    tmp_path: Path, from_bytes: int
) -> None:
    assert workers_for(AUTO, _file(tmp_path, from_bytes - 1), from_bytes) == 1
    assert workers_for(AUTO, _file(tmp_path, from_bytes), from_bytes) == cores()


def test_an_explicit_number_is_taken_as_it_is(tmp_path: Path) -> None:
    small = _file(tmp_path, 10)
    assert workers_for(1, small, 1 << 20) == 1
    assert workers_for(3, small, 1 << 20) == 3


def test_a_stream_of_unknown_size_gets_every_core() -> None:
    assert workers_for(AUTO, Path("-"), 1 << 20) == cores() >= 1
