"""The bulk MinHash of the export gives datasketch's numbers and datasketch's LSH pairs."""

from __future__ import annotations

from itertools import combinations

import numpy as np
from datasketch import MinHash, MinHashLSH
from hypothesis import given, settings
from hypothesis import strategies as st

from builder.minhash import BandIndex, Permutations, near_pairs, signatures_of

NUM_PERM, THRESHOLD = 64, 0.7
PERMS = Permutations.datasketch(THRESHOLD, NUM_PERM)
VOCABULARY = [f"w{i}" for i in range(30)]

word_sets = st.lists(
    st.lists(st.sampled_from(VOCABULARY), min_size=1, max_size=12).map(" ".join),
    min_size=1,
    max_size=25,
)


def _reference(text: str) -> MinHash:
    mh = MinHash(num_perm=NUM_PERM, seed=1, scheme="affine32")
    for word in set(text.split()):
        mh.update(word.encode())
    return mh


@given(word_sets)
def test_signatures_are_datasketchs(texts: list[str]) -> None:
    ours = signatures_of(texts, PERMS)
    theirs = np.array([_reference(t).hashvalues for t in texts], dtype=np.uint32)
    assert np.array_equal(ours, theirs)


@settings(max_examples=60)
@given(word_sets)
def test_near_pairs_are_the_pairs_datasketchs_index_returns(texts: list[str]) -> None:
    sigs = signatures_of(texts, PERMS)
    minhashes = [_reference(t) for t in texts]
    lsh = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)
    for i, mh in enumerate(minhashes):
        lsh.insert(str(i), mh)
    expected = sorted(
        (i, j)
        for i, j in combinations(range(len(texts)), 2)
        if str(j) in lsh.query(minhashes[i]) and minhashes[i].jaccard(minhashes[j]) >= THRESHOLD
    )
    assert near_pairs(sigs, PERMS, THRESHOLD) == expected


@settings(max_examples=60)
@given(word_sets)
def test_a_band_index_filled_row_by_row_answers_as_datasketchs_index(texts: list[str]) -> None:
    lsh = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)
    index = BandIndex(signatures_of(texts, PERMS), PERMS)
    for row, text in enumerate(texts):
        minhash = _reference(text)
        assert index.candidates(row) == {int(k) for k in lsh.query(minhash)}
        lsh.insert(str(row), minhash)
        index.add(row)
