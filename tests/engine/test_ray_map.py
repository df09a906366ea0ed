"""The Ray mapper on a real cluster (``conftest.py``): results in order, and no more input read
ahead than two chunks a CPU of the cluster, whatever the input's length (the memory of the
driver and of the object store does not grow with it)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from builder.engine.ray_map import AHEAD, connected, ray_map

pytestmark = pytest.mark.ray


def _scaled_square(setup: int, item: int) -> int:
    return setup * item * item


def test_results_come_in_order_with_a_bounded_number_of_chunks_read_ahead(
    ray_cluster: str,
) -> None:
    read: list[int] = []

    def items() -> Iterator[int]:
        for k in range(60):
            read.append(k)
            yield k

    with connected(ray_cluster) as cpus:
        taken = 0
        for value in ray_map(_scaled_square, 3, items()):
            assert value == 3 * taken * taken
            assert len(read) <= taken + AHEAD * cpus, "input read ahead of the results"
            taken += 1
    assert taken == 60
