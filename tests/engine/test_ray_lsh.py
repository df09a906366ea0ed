"""LSH buckets grouped by Ray give the pairs of the one-process sort, exactly."""

from __future__ import annotations

import random

import numpy as np
import pytest

from builder.engine.ray_map import connected
from builder.minhash import LARGE_RUN, Hasher, Permutations, near_pair_arrays

pytestmark = pytest.mark.ray


def _texts() -> list[str]:
    """Distinct sentences, lightly edited copies of some, and a templated run larger than
    LARGE_RUN (one bucket compared by neighbours only)."""
    rng = random.Random(3)
    words = [f"w{k}" for k in range(400)]
    texts = [" ".join(rng.sample(words, 12)) for _ in range(500)]
    for k in range(0, 500, 5):
        edited = texts[k].split()
        edited[rng.randrange(12)] = "changed"
        texts.append(" ".join(edited))
    texts += [f"team a beat team b {k % 5} 1 in the cup final" for k in range(LARGE_RUN + 90)]
    return texts


@pytest.mark.parametrize("rows_per_part", [1 << 22, 97])
def test_grouping_band_keys_in_ray_gives_the_pairs_of_one_process(
    ray_cluster: str, rows_per_part: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    from builder.engine import ray_lsh
    from builder.engine.ray_lsh import near_pairs_on_ray

    monkeypatch.setattr(ray_lsh, "ROWS_PER_PART", rows_per_part)  # one partition a band, or many

    perms = Permutations.datasketch(0.8, 64)
    sigs = Hasher(perms).signatures(t.split() for t in _texts())
    expected = near_pair_arrays(sigs, perms, 0.8)
    assert len(expected[0]) > 100  # edited copies and the templated run
    with connected(ray_cluster):
        got = near_pairs_on_ray(sigs, perms, 0.8)
    assert np.array_equal(got[0], expected[0]) and np.array_equal(got[1], expected[1])
