"""Fill-up: every requested split gets a group on small corpora, without moving hash-placed ones.

Hash assignment leaves a split empty when few groups happen to hash there (the quickstart's
seven documents: no test split; two documents: no validation split). When there are at least
as many groups (after duplicates merged them) as requested splits (ratio > 0), each empty split
takes one group, in split order: the group that ranks first by a hash of its key, the salt and
that split, among the groups not taken yet. A group that leaves the only place of its split
empties that split, which then takes one in turn; each split is filled once, so it ends after
at most one move per split.

Why the rank comes from a per-split hash over every group, and not from the group's position
or its split's size: adding groups can then only give the role to a new group (which ranks
first) or leave it where it was, never hand it to an older group the hash placed (the property
test ``test_hash_placed_groups_never_move`` checks it). Groups placed by the fill-up may move
when documents are added (back to their hash split, once a new group fills theirs): the
manifest lists them (``fill_ups``), and ``builder diff`` shows them.

Duplicates stay together: a group tied to others by duplicate sentences moves with them (the
unit is the merged component), so the fill-up never creates a leak.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from builder.export.names import SPLITS

Ints = npt.NDArray[np.int64]


@dataclass(frozen=True, slots=True)
class Fill:
    """A group placed by the fill-up rule instead of by its hash (and duplicates)."""

    group: str
    was_in: str  # where hash and duplicates put it
    moved_to: str

    def to_dict(self) -> dict[str, Any]:
        return {"group": self.group, "was_in": self.was_in, "moved_to": self.moved_to}


def _rank(salt: str, split: str, groups: Sequence[str]) -> npt.NDArray[np.uint64]:
    return np.array(
        [
            int.from_bytes(
                hashlib.blake2b(
                    f"{salt}\x1ffill\x1f{split}\x1f{g}".encode(), digest_size=8
                ).digest(),
                "big",
            )
            for g in groups
        ],
        dtype=np.uint64,
    )


def fill_up(
    groups: Sequence[str], root: Ints, final: Ints, requested: Sequence[str], salt: str
) -> tuple[Ints, list[Fill], list[str]]:
    """``final[k]``: the split (index into SPLITS) of ``groups[k]``; ``root[k]``: its merged
    component (the smallest group number in it). Returns the new splits, the groups moved and
    the requested splits left empty (fewer components than requested splits)."""
    wanted = [SPLITS.index(s) for s in SPLITS if s in requested]
    units = np.unique(root)
    split_of_unit = final[units].copy()
    counts = np.bincount(split_of_unit, minlength=len(SPLITS))
    empty = [i for i in wanted if not counts[i]]
    if not empty:
        return final, [], []
    if len(units) < len(wanted):
        return final, [], [SPLITS[i] for i in empty]
    position = np.searchsorted(units, root)  # each group's unit
    taken = np.zeros(len(units), dtype=bool)
    while empty:
        split = empty[0]
        rank = np.full(len(units), np.iinfo(np.uint64).max, dtype=np.uint64)
        np.minimum.at(rank, position, _rank(salt, SPLITS[split], groups))
        candidates = np.flatnonzero(~taken)
        unit = int(candidates[np.argmin(rank[candidates])])
        taken[unit] = True
        counts[split_of_unit[unit]] -= 1
        counts[split] += 1
        split_of_unit[unit] = split
        empty = [i for i in wanted if not counts[i]]
    new = split_of_unit[position]
    moved = np.flatnonzero(new != final).tolist()
    fills = [Fill(groups[k], SPLITS[int(final[k])], SPLITS[int(new[k])]) for k in moved]
    return new, sorted(fills, key=lambda f: f.group), []
