"""Train / validation / test assignment: stable, grouped, and checked for leakage.

- A group (a document by default, or a user key such as a story id) lands in a split by a
  hash of its key and a salt: a pure function, so adding documents never moves an existing
  one, and changing the salt reshuffles everything on purpose.
- Leakage: sentences whose normalised text is identical, or nearly so (MinHash LSH over the
  sets of words: syndicated wire copy, lightly edited rewrites), must not sit in two splits. Groups
  linked by such sentences are merged and the merged group joins the earliest of its splits in
  train -> validation -> test order, so evaluation sets lose the duplicate, never train.
"""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from datasketch import MinHash, MinHashLSH

from builder.export.names import SPLITS

__all__ = ["SPLITS", "Assignment", "Leak", "SplitParams", "assign", "hash_split", "normalise"]
_NON_WORD = re.compile(r"[^\w]+")


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

    def __post_init__(self) -> None:
        ratios = (self.train, self.validation, self.test)
        if any(r < 0 for r in ratios) or abs(sum(ratios) - 1.0) > 1e-9:
            raise ValueError(f"split ratios must be >= 0 and sum to 1, got {ratios}")


def hash_split(group: str, params: SplitParams) -> str:
    """The split of ``group``: a deterministic function of the group key and the salt."""
    digest = hashlib.blake2b(f"{params.salt}\x1f{group}".encode(), digest_size=8).digest()
    u = int.from_bytes(digest, "big") / 2**64
    if u < params.train:
        return "train"
    return "validation" if u < params.train + params.validation else "test"


def normalise(text: str) -> str:
    """Case, accents, punctuation and spacing removed: what makes two sentences 'the same'."""
    folded = text.casefold()
    if not folded.isascii():  # the per-character pass only where there are accents to strip
        decomposed = unicodedata.normalize("NFKD", folded)
        folded = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(_NON_WORD.sub(" ", folded).split())


@dataclass(frozen=True, slots=True)
class Leak:
    kind: str  # "exact" | "near"
    sentence_ids: tuple[str, ...]
    groups: tuple[str, ...]
    splits: tuple[str, ...]  # the splits the groups had before the move
    moved_to: str


@dataclass
class Assignment:
    split_of_group: dict[str, str]
    leaks: list[Leak] = field(default_factory=list)

    def split_of(self, group: str) -> str:
        return self.split_of_group[group]


class _Groups:
    """Union-find over group keys."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, g: str) -> str:
        self.parent.setdefault(g, g)
        while self.parent[g] != g:
            self.parent[g] = self.parent[self.parent[g]]
            g = self.parent[g]
        return g

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


@functools.cache
def _permutations(num_perm: int) -> tuple[Any, str]:
    """Computed once: building them was most of the cost of a MinHash."""
    template = MinHash(num_perm=num_perm, seed=1)
    return template.permutations, template.scheme


def _minhash(words: Sequence[str], num_perm: int) -> MinHash:
    # Sets of words: one edited word in fifteen ("eleven" -> "11") keeps Jaccard near 0.87,
    # where word 3-shingles would lose a quarter; a six-word template with two words changed
    # ("Story 12 line 3 ..." / "Story 13 line 4 ...") stays at 0.5.
    shingles = {w.encode() for w in words}
    permutations, scheme = _permutations(num_perm)
    m = MinHash(num_perm=num_perm, seed=1, permutations=permutations, scheme=scheme)
    m.update_batch(sorted(shingles))
    return m


def assign(
    sentences: Iterable[tuple[str, str, str]], params: SplitParams, *, num_perm: int = 64
) -> Assignment:
    """Assign every group; ``sentences`` are ``(sentence_id, group_key, text)``."""
    first_split: dict[str, str] = {}
    by_norm: dict[str, list[tuple[str, str]]] = defaultdict(list)
    lsh = MinHashLSH(threshold=params.near_duplicate_threshold, num_perm=num_perm)
    owner: dict[str, str] = {}
    hashes: dict[str, MinHash] = {}
    near_pairs: list[tuple[str, str]] = []
    for sid, group, text in sentences:
        first_split.setdefault(group, hash_split(group, params))
        norm = normalise(text)
        words = norm.split()
        if len(words) < params.min_words:
            continue
        by_norm[norm].append((sid, group))
        if len(by_norm[norm]) == 1:
            mh = _minhash(words, num_perm)
            # LSH returns candidates from band collisions: keep those whose estimated
            # Jaccard really reaches the threshold.
            near_pairs.extend(
                (sid, other)
                for other in lsh.query(mh)
                if owner[other] != group
                and mh.jaccard(hashes[other]) >= params.near_duplicate_threshold
            )
            lsh.insert(sid, mh)
            owner[sid] = group
            hashes[sid] = mh
    return _resolve(first_split, by_norm, owner, near_pairs)


def _resolve(
    first_split: Mapping[str, str],
    by_norm: Mapping[str, list[tuple[str, str]]],
    owner: Mapping[str, str],
    near_pairs: Sequence[tuple[str, str]],
) -> Assignment:
    uf = _Groups()
    links: list[tuple[str, tuple[str, ...], tuple[str, ...]]] = []
    for members in by_norm.values():
        groups = tuple(sorted({g for _, g in members}))
        if len({first_split[g] for g in groups}) > 1:
            links.append(("exact", tuple(sorted(s for s, _ in members)), groups))
    for a, b in near_pairs:
        groups = tuple(sorted({owner[a], owner[b]}))
        if first_split[groups[0]] != first_split[groups[-1]]:
            links.append(("near", tuple(sorted((a, b))), groups))
    for _, _, groups in links:
        for g in groups[1:]:
            uf.union(groups[0], g)
    # Each merged component joins the earliest split any of its groups had.
    target: dict[str, str] = {}
    for g in first_split:
        root = uf.find(g)
        best = target.get(root, "test")
        target[root] = min(best, first_split[g], key=SPLITS.index)
    split_of_group = {g: target[uf.find(g)] for g in first_split}
    leaks = [
        Leak(kind, sids, groups, tuple(first_split[g] for g in groups), split_of_group[groups[0]])
        for kind, sids, groups in sorted(links)
    ]
    return Assignment(split_of_group, leaks)
