"""Train / validation / test assignment: stable, grouped, and checked for leakage.

- A group (a document by default, or a user key such as a story id) lands in a split by a
  hash of its key and a salt: a pure function, so adding documents never moves an existing
  one, and changing the salt reshuffles everything on purpose.
- Leakage: sentences whose normalised text is identical, or nearly so (MinHash LSH over the
  sets of words: syndicated wire copy, lightly edited rewrites), must not sit in two splits. Groups
  linked by such sentences are merged and the merged group joins the earliest of its splits in
  train -> validation -> test order, so evaluation sets lose the duplicate, never train
  (``leaks.py``).
"""

from __future__ import annotations

import functools
import hashlib
import re
from array import array
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from operator import itemgetter
from typing import Any

import numpy as np
import numpy.typing as npt

from builder.export.keys import KeyMaker, Keys, normalise
from builder.export.leaks import Assignment, Link, Move, Texts, resolve_texts
from builder.export.names import SPLITS
from builder.minhash import BandKeys, Hasher, Permutations, Signatures, candidate_pairs

__all__ = [
    "SPLITS",
    "Assignment",
    "Collector",
    "Link",
    "Move",
    "SplitParams",
    "assign",
    "balance",
    "hash_split",
    "normalise",
]


@dataclass(frozen=True, slots=True)
class SplitParams:
    train: float = 0.8
    validation: float = 0.1
    test: float = 0.1
    salt: str = "v1"
    near_duplicate_threshold: float = 0.8  # estimated Jaccard over the sets of words
    # Shorter sentences link no documents: "He said." or "Follow us on Twitter." shared by many
    # documents is no evidence of copied text, and would chain them all into one split.
    min_words: int = 6
    # The group a document belongs to: a regular expression searched in its id, whose first
    # group (or whole match) is the key, e.g. "^([^/]+)/" for the source folder. No match, or
    # no pattern: the document is its own group.
    group_pattern: str | None = None

    def __post_init__(self) -> None:
        ratios = (self.train, self.validation, self.test)
        if any(r < 0 for r in ratios) or abs(sum(ratios) - 1.0) > 1e-9:
            raise ValueError(f"split ratios must be >= 0 and sum to 1, got {ratios}")
        if self.group_pattern is not None:
            try:
                re.compile(self.group_pattern)
            except re.error as exc:
                raise ValueError(f"invalid group pattern {self.group_pattern!r}: {exc}") from None

    def requested(self) -> tuple[str, ...]:
        """The splits asked for: those with a share above 0."""
        shares = (self.train, self.validation, self.test)
        return tuple(s for s, r in zip(SPLITS, shares, strict=True) if r > 0)

    def grouper(self) -> Callable[[str], str]:
        """doc_id -> group key."""
        if self.group_pattern is None:
            return str
        pattern = re.compile(self.group_pattern)

        @functools.cache
        def group(doc_id: str) -> str:
            m = pattern.search(doc_id)
            if m is None:
                return doc_id
            # The first group when the pattern has one (a group that took no part in the
            # match, or matched nothing, leaves the document alone), else the whole match.
            key = m.group(1) if pattern.groups else m.group(0)
            return key or doc_id

        return group


def hash_split(group: str, params: SplitParams) -> str:
    """The split of ``group``: a deterministic function of the group key and the salt."""
    digest = hashlib.blake2b(f"{params.salt}\x1f{group}".encode(), digest_size=8).digest()
    u = int.from_bytes(digest, "big") / 2**64
    if u < params.train:
        return "train"
    return "validation" if u < params.train + params.validation else "test"


class Collector:
    """What the assignment needs from every sentence, gathered chunk by chunk (``keys.py``).

    Every group gets its hash split, and a number in order of first appearance; sentences long
    enough to count are grouped by the digest of their normalised text (exact duplicates), and
    the first signature of each digest is kept for the near duplicates.
    """

    def __init__(self, params: SplitParams) -> None:
        self.params = params
        self.first_split: dict[str, str] = {}
        self.numbers: dict[str, int] = {}  # group -> its number
        self.names: list[str] = []  # number -> group
        # Each normalised text's digest -> its number, in order of first appearance; a text
        # that more sentences have -> their list (also in ``shared``, after its number).
        self.by_norm: dict[bytes, int | list[tuple[str, str]]] = {}
        self.firsts: list[tuple[str, str]] = []  # each text's first sentence (id, group)
        self.owner = array("i")  # the number of its group
        self.shared: list[tuple[int, list[tuple[str, str]]]] = []
        self.sigs = _Rows()  # Signatures, grown chunk by chunk
        self.bands = _Rows()  # BandKeys: theirs

    def add(self, keys: Keys) -> npt.NDArray[np.intp]:
        """Take a chunk's keys (chunks in input order); the numbers of its groups."""
        numbers = []
        for group in keys.groups:
            k = self.numbers.get(group)
            if k is None:
                k = self.numbers[group] = len(self.names)
                self.names.append(group)
                self.first_split[group] = hash_split(group, self.params)
            numbers.append(k)
        names = [self.names[k] for k in numbers]  # one string object per group: less memory
        by_norm, digests, firsts, new = self.by_norm, keys.digests, self.firsts, []
        for sid, g, n in zip(keys.ids, keys.group_of, keys.near, strict=True):
            if n < 0:
                continue
            digest = digests[n]
            seen = by_norm.get(digest)
            if seen is None:
                by_norm[digest] = len(firsts)
                firsts.append((sid, names[g]))
                self.owner.append(numbers[g])
                new.append(keys.sig_rows[n])  # never -1: its earlier chunk brought it
            elif isinstance(seen, int):
                by_norm[digest] = members = [firsts[seen], (sid, names[g])]
                self.shared.append((seen, members))
            else:
                seen.append((sid, names[g]))
        if new:
            self.sigs.add(keys.sigs[new])
            self.bands.add(keys.bands[new])
        return np.array(numbers, dtype=np.intp)

    def assignment(self, perms: Permutations) -> Assignment:
        """Resolve; ``perms`` made the signatures."""
        sigs: Signatures = self.sigs.rows(np.empty((0, perms.num_perm), np.uint32))
        bands: BandKeys = self.bands.rows(np.empty((0, len(perms.bands)), np.uint64))
        # On Ray: the band keys grouped in the cluster (``minhash.pairs_found_by``).
        near = candidate_pairs(sigs, perms, self.params.near_duplicate_threshold, bands)
        self.shared.sort(key=itemgetter(0))  # in order of first appearance
        owner = np.array(self.owner, dtype=np.int32)  # a copy: the collector may grow on
        texts = Texts(owner, self.firsts, [members for _, members in self.shared])
        return resolve_texts(
            self.first_split, texts, near, self.params.requested(), self.params.salt
        )

    def split_numbers(self, assignment: Assignment) -> npt.NDArray[np.uint8]:
        """The split of every group (an index into SPLITS), by group number."""
        index = {s: i for i, s in enumerate(SPLITS)}
        return np.array([index[assignment.split_of(g)] for g in self.names], dtype=np.uint8)


class _Rows:
    """The rows of arrays added one after another, in one array that doubles when full: the
    copying is done as chunks come in, while the workers are busy, not in the assignment,
    which they wait for (a million signatures: 256 MB to concatenate there)."""

    def __init__(self) -> None:
        self._data: npt.NDArray[Any] | None = None
        self._n = 0

    def add(self, rows: npt.NDArray[Any]) -> None:
        need = self._n + len(rows)
        if self._data is None or need > len(self._data):
            size = max(need, 2 * (0 if self._data is None else len(self._data)), 1024)
            grown = np.empty((size, *rows.shape[1:]), dtype=rows.dtype)
            if self._data is not None:
                grown[: self._n] = self._data[: self._n]
            self._data = grown
        self._data[self._n : need] = rows
        self._n = need

    def rows(self, empty: npt.NDArray[Any]) -> npt.NDArray[Any]:
        """The rows added (a view), or ``empty`` if none was."""
        return empty if self._data is None else self._data[: self._n]


def assign(
    sentences: Iterable[tuple[str, str, str]], params: SplitParams, *, num_perm: int = 64
) -> Assignment:
    """Assign every group; ``sentences`` are ``(sentence_id, group_key, text)``."""
    maker = KeyMaker(str, params.min_words)
    for sid, group, text in sentences:
        maker.add(sid, group, text)
    perms = Permutations.datasketch(params.near_duplicate_threshold, num_perm)
    collector = Collector(params)
    collector.add(maker.keys(Hasher(perms), {}, 0))
    return collector.assignment(perms)


def balance(label_counts: Mapping[str, Mapping[str, Mapping[str, int]]]) -> dict[str, Any]:
    """How far each split's label distribution is from the whole dataset's, per config: the
    total variation distance (0: the same shares, 1: nothing in common). Hash assignment does
    not stratify, so this is checked instead; ``warn`` lists the splits above 0.1 that hold at
    least 100 labels (smaller ones vary by chance)."""
    out: dict[str, Any] = {"distance": {}, "warn": []}
    for config, splits in label_counts.items():
        total: dict[str, int] = {}
        for counts in splits.values():
            for label, n in counts.items():
                total[label] = total.get(label, 0) + n
        whole = sum(total.values())
        out["distance"][config] = {}
        for split, counts in splits.items():
            n = sum(counts.values())
            if not n or not whole:
                continue
            tvd = 0.5 * sum(abs(counts.get(label, 0) / n - total[label] / whole) for label in total)
            out["distance"][config][split] = round(tvd, 4)
            if tvd > 0.1 and n >= 100:
                out["warn"].append(f"{config}/{split}")
    return out
