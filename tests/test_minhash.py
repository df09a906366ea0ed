"""The bulk MinHash of the export gives datasketch's numbers and datasketch's LSH pairs."""

from __future__ import annotations

from itertools import combinations

import numpy as np
from datasketch import MinHash, MinHashLSH
from hypothesis import event, given, settings
from hypothesis import strategies as st

from builder.band_index import BandIndex
from builder.export.keys import all_band_keys
from builder.minhash import (
    Hasher,
    Permutations,
    near_codes,
    near_pair_arrays,
    near_pairs,
    pairs_of,
    signatures_of,
)

NUM_PERM, THRESHOLD = 64, 0.7
PERMS = Permutations.datasketch(THRESHOLD, NUM_PERM)
VOCABULARY = [f"w{i}" for i in range(30)]

word_sets = st.lists(
    st.lists(st.sampled_from(VOCABULARY), min_size=1, max_size=12).map(" ".join),
    min_size=1,
    max_size=25,
)
WIDE = [f"v{i}" for i in range(400)]


@st.composite
def near_copies(draw: st.DrawFn) -> list[str]:
    """Texts of 6 to 14 distinct words, each with copies that differ in a word or three
    (replaced, added or dropped): Jaccard similarities around the threshold, above and below,
    as wire copies and their edits have them. Unrelated texts share few words."""
    texts = []
    for _ in range(draw(st.integers(1, 6))):
        base = draw(st.lists(st.sampled_from(WIDE), min_size=6, max_size=14, unique=True))
        texts.append(base)
        for _ in range(draw(st.integers(0, 3))):
            copy = list(base)
            for _ in range(draw(st.sampled_from([1, 1, 2, 3]))):
                edit = draw(st.sampled_from(["replace", "add", "drop"]))
                at = draw(st.integers(0, len(copy) - 1))
                if edit == "add":
                    copy.insert(at, draw(st.sampled_from(WIDE)))
                elif edit == "drop" and len(copy) > 1:
                    del copy[at]
                else:
                    copy[at] = draw(st.sampled_from(WIDE))
            texts.append(copy)
    return [" ".join(words) for words in draw(st.permutations(texts))]


# Three in four examples are near copies; the rest short random texts (identical word sets).
TEXT_SETS = st.integers(0, 3).flatmap(lambda k: near_copies() if k else word_sets)


def _events(texts: list[str], pairs: list[tuple[int, int]]) -> None:
    sets = [set(t.split()) for t in texts]
    distinct = [(i, j) for i, j in pairs if sets[i] != sets[j]]
    event(f"near pairs of different word sets: {'some' if distinct else 'none'}")
    near_misses = [
        (i, j)
        for i, j in combinations(range(len(texts)), 2)
        if 0.5 <= len(sets[i] & sets[j]) / len(sets[i] | sets[j]) < THRESHOLD
    ]
    event(f"pairs just under the threshold: {'some' if near_misses else 'none'}")


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
@given(TEXT_SETS)
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
    _events(texts, expected)
    assert near_pairs(sigs, PERMS, THRESHOLD) == expected


@settings(max_examples=40)
@given(TEXT_SETS, st.integers(min_value=1, max_value=6))
def test_partitions_of_the_band_keys_give_the_pairs_of_the_whole(
    texts: list[str], parts: int
) -> None:
    # The Ray engine runs each (band, key mod parts) partition in its own task.
    sigs = signatures_of(texts, PERMS)
    codes = [
        near_codes(sigs, band, NUM_PERM, THRESHOLD, (k, parts))
        for band in PERMS.bands
        for k in range(parts)
    ]
    got, whole = pairs_of(codes, len(sigs)), near_pair_arrays(sigs, PERMS, THRESHOLD)
    assert all(np.array_equal(g, w) for g, w in zip(got, whole, strict=True))


@settings(max_examples=40)
@given(TEXT_SETS, st.integers(min_value=1, max_value=5))
def test_band_keys_made_chunk_by_chunk_give_the_pairs_of_the_whole(
    texts: list[str], pieces: int
) -> None:
    # The export's workers make the band keys of each chunk's signatures.
    sigs = signatures_of(texts, PERMS)
    cuts = np.array_split(np.arange(len(sigs)), pieces)
    keys = np.concatenate([all_band_keys(sigs[rows], PERMS) for rows in cuts])
    got, whole = (
        near_pair_arrays(sigs, PERMS, THRESHOLD, keys),
        near_pair_arrays(sigs, PERMS, THRESHOLD),
    )
    assert all(np.array_equal(g, w) for g, w in zip(got, whole, strict=True))


@settings(max_examples=60)
@given(TEXT_SETS)
def test_a_band_index_filled_row_by_row_answers_as_datasketchs_index(texts: list[str]) -> None:
    lsh = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)
    index = BandIndex(signatures_of(texts, PERMS), PERMS)
    found = 0
    for row, text in enumerate(texts):
        minhash = _reference(text)
        candidates = index.candidates(row)
        assert candidates == {int(k) for k in lsh.query(minhash)}
        found += len(candidates)
        lsh.insert(str(row), minhash)
        index.add(row)
    event(f"rows with candidates: {'some' if found else 'none'}")


@given(st.lists(st.lists(st.sampled_from(WIDE), min_size=1, max_size=12), min_size=1, max_size=30))
def test_a_hasher_keeps_few_words_and_gives_the_same_signatures(sets: list[list[str]]) -> None:
    """The word cache is bounded (an export's worker hashes a whole corpus's vocabulary, which
    has no end): emptied when full, it gives the signatures of one that keeps every word."""
    small, large = Hasher(PERMS, kept=5), Hasher(PERMS)
    for _ in range(2):  # the second pass: the words hashed again after emptying
        assert np.array_equal(small.signatures(sets), large.signatures(sets))
        assert len(small._words) <= 5
