"""datasketch's ``MinHashLSH`` filled one row at a time (``minhash.py`` groups all rows at once):
for callers whose candidates are only the rows before a row (studio/priority.py: the nearest
earlier sentence)."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from builder.minhash import Permutations, Signatures


def _shared_buckets(sigs: Signatures, start: int, end: int) -> npt.NDArray[np.intp]:
    """A number per row for its values in ``sigs[:, start:end]``, equal for equal values; -1
    for a row whose values no other row has."""
    n = len(sigs)
    band = sigs[:, start:end]
    order = np.lexsort(band.T[::-1])
    ranked = band[order]
    new = np.ones(n, dtype=bool)
    new[1:] = (ranked[1:] != ranked[:-1]).any(axis=1)
    numbers = np.cumsum(new) - 1
    numbers[np.bincount(numbers)[numbers] == 1] = -1
    out = np.empty(n, dtype=np.intp)
    out[order] = numbers
    return out


class BandIndex:
    """datasketch's ``MinHashLSH`` ``insert`` and ``query``, over the rows of a signature matrix.

    The bucket of each band of each row is found once for all rows, by sorting (two rows share
    a bucket when the band's values are equal, as with datasketch's bucket keys). Then adding
    and querying a row are a few dictionary operations on ints, and only for its buckets that
    another row shares (most bands of most rows are unique: nothing to add or look up).
    """

    def __init__(self, sigs: Signatures, perms: Permutations) -> None:
        columns: list[npt.NDArray[np.intp]] = []
        for band, (start, end) in enumerate(perms.bands):
            numbers = _shared_buckets(sigs, start, end)
            # Band k's buckets apart from band k - 1's: one dictionary serves all bands.
            columns.append(np.where(numbers >= 0, numbers * len(perms.bands) + band, -1))
        table = np.stack(columns, axis=1).tolist() if columns else [[] for _ in sigs]
        self._buckets_of: list[list[int]] = [[b for b in row if b >= 0] for row in table]
        self._rows: dict[int, list[int]] = {}  # bucket -> the rows added to it

    def add(self, row: int) -> None:
        for bucket in self._buckets_of[row]:
            self._rows.setdefault(bucket, []).append(row)

    def candidates(self, row: int) -> set[int]:
        """The rows added so far that are equal to ``row`` in at least one band."""
        found: set[int] = set()
        for bucket in self._buckets_of[row]:
            found.update(self._rows.get(bucket, ()))
        return found
