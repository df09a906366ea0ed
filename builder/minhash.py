"""MinHash signatures and LSH candidate pairs in bulk: datasketch's numbers, without its loops.

datasketch builds one ``MinHash`` object per sentence and queries and inserts it into a
``MinHashLSH`` index one at a time: about 100 µs of Python per sentence. Here a batch of word
sets becomes one numpy expression over the hashes of their words, and the LSH bands are grouped
by sorting, with datasketch's own parameters: its permutations (seed 1, the ``affine32``
scheme: SHA-1's first 4 bytes, the MurmurHash3 finaliser, then ``a * h + b`` mod 2^32) and its
band layout for the threshold. So the signatures are the same numbers, and the pairs are exactly
those that datasketch's index returns and whose estimated Jaccard reaches the threshold
(tests/test_minhash.py checks both against datasketch). ``band_index.BandIndex`` is the same
index filled one row at a time, for callers whose candidates are only the rows before a row
(studio/priority.py: the nearest earlier sentence).

Only :class:`Permutations` imports datasketch (slow to import: scipy); worker processes get the
numbers and need numpy alone.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

Signatures = npt.NDArray[np.uint32]  # one row of ``num_perm`` hash values per word set
BandKeys = npt.NDArray[np.uint64]  # a row per signature: its key in each LSH band (band_keys)
_MAX = np.uint32(0xFFFFFFFF)


@dataclass(frozen=True)
class Permutations:
    """The hash permutations and LSH bands that datasketch uses for these settings."""

    a: npt.NDArray[np.uint32]
    b: npt.NDArray[np.uint32]
    bands: tuple[tuple[int, int], ...]  # (start, end) of each band within a signature

    @classmethod
    def datasketch(cls, threshold: float, num_perm: int) -> Permutations:
        from datasketch import MinHash, MinHashLSH

        template = MinHash(num_perm=num_perm, seed=1, scheme="affine32")
        a, b = template.permutations
        lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
        return cls(a.astype(np.uint32), b.astype(np.uint32), tuple(lsh.hashranges))

    @property
    def num_perm(self) -> int:
        return len(self.a)


def _fmix32(h: npt.NDArray[np.uint32]) -> npt.NDArray[np.uint32]:
    """The MurmurHash3 32-bit finaliser; uint32 products wrap, which is the point."""
    h = h ^ (h >> np.uint32(16))
    h = h * np.uint32(0x85EBCA6B)
    h = h ^ (h >> np.uint32(13))
    h = h * np.uint32(0xC2B2AE35)
    return h ^ (h >> np.uint32(16))


WORDS_KEPT = 1 << 18  # a vocabulary has no end (names, numbers): some 30 MB, then start again


class _WordHashes(dict[str | bytes, int]):
    """Word -> the first 4 bytes of the SHA-1 of its UTF-8 (little-endian), computed once per
    word while kept (``kept`` words at most); a word may come encoded already."""

    def __init__(self, kept: int) -> None:
        super().__init__()
        self.kept = kept

    def __missing__(self, word: str | bytes) -> int:
        data = word if isinstance(word, bytes) else word.encode()
        h = int.from_bytes(hashlib.sha1(data).digest()[:4], "little")
        if len(self) >= self.kept:
            self.clear()
        self[word] = h
        return h


class Hasher:
    """Word sets -> signatures. Keeps the hashes of up to ``kept`` words: vocabularies repeat."""

    def __init__(self, perms: Permutations, kept: int = WORDS_KEPT) -> None:
        self.perms = perms
        self._words = _WordHashes(kept)

    def signatures(self, word_sets: Iterable[Iterable[str | bytes]]) -> Signatures:
        """One signature per word set, in order (an empty set: every value at its maximum)."""
        hashes: list[int] = []
        starts: list[int] = []
        for words in word_sets:
            starts.append(len(hashes))
            hashes.extend(map(self._words.__getitem__, set(words)))
        out = np.full((len(starts), self.perms.num_perm), _MAX, dtype=np.uint32)
        if not hashes:
            return out
        hv = _fmix32(np.array(hashes, dtype=np.uint32))
        bounds = np.array([*starts, len(hashes)], dtype=np.intp)
        filled = np.flatnonzero(np.diff(bounds))  # the non-empty sets
        step = 2048  # sets per slice: some 40,000 words, 10 MB of products
        for first in range(0, len(filled), step):
            rows = filled[first : first + step]
            lo, hi = bounds[rows[0]], bounds[rows[-1] + 1]
            # (num_perm, words): the reduction runs along contiguous memory, 4x faster.
            products = np.multiply.outer(self.perms.a, hv[lo:hi])
            products += self.perms.b[:, None]
            out[rows] = np.minimum.reduceat(products, bounds[rows] - lo, axis=1).T
        return out


# A band bucket this large is templated text ("Team A beat Team B 2-1 ..."): comparing all
# pairs would be quadratic (60,000 such sentences: 1.8 billion pairs). Its members are sorted
# by signature and each is compared with the next WINDOW only; near duplicates, whose
# signatures share most values, sort close together, but some pairs may be missed there.
LARGE_RUN = 512
WINDOW = 16


def _neighbours(size: int) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.intp]]:
    """Index pairs ``(k, k + d)``, ``1 <= d <= WINDOW``, into a run sorted by signature."""
    k = np.repeat(np.arange(size), WINDOW)
    d = np.tile(np.arange(1, WINDOW + 1), size)
    inside = k + d < size
    return k[inside], (k + d)[inside]


def band_keys(sigs: Signatures, start: int, end: int) -> npt.NDArray[np.uint64]:
    """A 64-bit key per row for its values in ``sigs[:, start:end]``: equal values, equal keys
    (different values may collide: compare the values too)."""
    key: npt.NDArray[np.uint64] = np.zeros(len(sigs), dtype=np.uint64)
    for col in range(start, end):
        mixed = key * np.uint64(0x9E3779B97F4A7C15) + sigs[:, col].astype(np.uint64)
        key = mixed.astype(np.uint64, copy=False)
    return key


def bucket_pairs(
    rows: npt.NDArray[np.intp], sigs: Signatures, start: int, end: int
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """The candidate pairs ``(i, j)``, ``i < j``, of one LSH bucket: ``rows`` (ascending) with
    their signatures ``sigs``, all with the same key for the band ``start:end``; only the rows
    whose band values are really equal pair up (keys are hashes)."""
    size = len(rows)
    if size <= LARGE_RUN:
        i, j = np.triu_indices(size, k=1)
    else:
        i, j = _neighbours(size)
        order = np.lexsort(sigs.T[::-1])  # stable: equal signatures stay in row order
        rows, sigs = rows[order], sigs[order]
    same = (sigs[i, start:end] == sigs[j, start:end]).all(axis=1)
    i, j = i[same], j[same]
    a, b = rows[i].astype(np.int64), rows[j].astype(np.int64)
    return np.minimum(a, b), np.maximum(a, b)


def near_pairs(sigs: Signatures, perms: Permutations, threshold: float) -> list[tuple[int, int]]:
    """Row pairs ``(i, j)``, ``i < j``, equal in at least one band and with an estimated
    Jaccard (the share of equal hash values) of at least ``threshold``; sorted. Within a band
    bucket of more than ``LARGE_RUN`` rows, only neighbours in signature order are compared."""
    a, b = near_pair_arrays(sigs, perms, threshold)
    return list(zip(a.tolist(), b.tolist(), strict=True))


def near_pair_arrays(
    sigs: Signatures, perms: Permutations, threshold: float, keys: BandKeys | None = None
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """:func:`near_pairs` as two arrays (``i``, ``j``; templated text has millions of pairs,
    200 bytes each as tuples); ``keys``: the signatures' band keys, a column each, if made."""
    found = [
        near_codes(sigs, band, perms.num_perm, threshold, key=None if keys is None else keys[:, k])
        for k, band in enumerate(perms.bands)
    ]
    return pairs_of(found, len(sigs))


def near_codes(
    sigs: Signatures,
    band: tuple[int, int],
    num_perm: int,
    threshold: float,
    part: tuple[int, int] = (0, 1),
    key: npt.NDArray[np.uint64] | None = None,
) -> npt.NDArray[np.int64]:
    """The pairs that reach ``threshold`` among the rows equal in ``band``, as codes
    ``i * n + j`` (sorted, distinct), for the rows whose band key falls in partition
    ``part = (k, parts)`` (key mod parts == k): every row of a bucket shares its key, so the
    partitions of a band are independent (the Ray engine runs each in its own task); ``key``,
    if given: the band's :func:`band_keys`."""
    n = len(sigs)
    start, end = band
    # Sort on a 64-bit mix of the band, then keep only rows whose bands are really equal.
    key = band_keys(sigs, start, end) if key is None else key
    k, parts = part
    rows = np.arange(n) if parts == 1 else np.flatnonzero(key % np.uint64(parts) == k)
    by_key = np.argsort(key[rows], kind="stable")
    order, key = rows[by_key], key[rows][by_key]  # within a key: ascending rows
    bounds = np.concatenate(([0], np.flatnonzero(np.diff(key)) + 1, [len(rows)]))
    sizes = np.diff(bounds)
    found: list[npt.NDArray[np.int64]] = []
    # Buckets of two rows, most of them, at once: a call of ``bucket_pairs`` each took 0.85 s
    # of the assignment at a million distinct sentences, 0.68 s so. Rows ascend within a key.
    two = bounds[:-1][sizes == 2]
    if len(two):
        a, b = order[two], order[two + 1]
        same = (sigs[a, start:end] == sigs[b, start:end]).all(axis=1)
        found.append(a[same].astype(np.int64) * n + b[same])
    runs = sizes > 2  # the buckets of three rows or more, one call each
    for first, size in zip(bounds[:-1][runs].tolist(), sizes[runs].tolist(), strict=True):
        run = order[first : first + size]
        a, b = bucket_pairs(run, sigs[run], start, end)
        found.append(a * n + b)
    if not found:
        return np.empty(0, np.int64)
    codes = np.unique(np.concatenate(found))
    a, b = codes // n, codes % n
    keep = np.empty(len(codes), dtype=bool)
    step = 1 << 16
    for first in range(0, len(codes), step):
        sl = slice(first, first + step)
        equal = np.count_nonzero(sigs[a[sl]] == sigs[b[sl]], axis=1)
        keep[sl] = equal / num_perm >= threshold
    near: npt.NDArray[np.int64] = codes[keep]
    return near


def pairs_of(
    codes: Sequence[npt.NDArray[np.int64]], n: int
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """The pairs ``(i, j)`` of every partition's codes, distinct and sorted."""
    if not codes:
        return np.empty(0, np.int64), np.empty(0, np.int64)
    found = np.unique(np.concatenate(codes))
    return found // n, found % n


Pairs = tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]
# (signatures, permutations, threshold, their band keys if made, a column a band)
PairFinder = Callable[[Signatures, "Permutations", float, "BandKeys | None"], Pairs]
_FINDERS: list[PairFinder] = []


@contextmanager
def pairs_found_by(finder: PairFinder) -> Iterator[PairFinder]:
    """:func:`candidate_pairs` calls ``finder`` while the block runs: another engine's way to
    the pairs of :func:`near_pair_arrays` (the Ray engine groups the band keys in its cluster,
    ``builder/engine/ray_lsh.py``), which must give the same pairs."""
    _FINDERS.append(finder)
    try:
        yield finder
    finally:
        _FINDERS.remove(finder)


def candidate_pairs(
    sigs: Signatures, perms: Permutations, threshold: float, keys: BandKeys | None = None
) -> Pairs:
    """:func:`near_pair_arrays`, found by the engine's finder when one is active."""
    return (_FINDERS[-1] if _FINDERS else near_pair_arrays)(sigs, perms, threshold, keys)


def signatures_of(texts: Sequence[str], perms: Permutations) -> Signatures:
    """Signatures of the word sets of normalised texts (words split on spaces)."""
    return Hasher(perms).signatures(t.split() for t in texts)
