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
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from builder.export.leaks import Assignment, Link, Move, resolve
from builder.export.names import SPLITS
from builder.minhash import Hasher, Permutations, Signatures, candidate_pairs

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
    "near_key",
    "normalise",
]
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


def _words(text: str) -> list[str]:
    folded = text.casefold()
    if not folded.isascii():  # the per-character pass only where there are accents to strip
        decomposed = unicodedata.normalize("NFKD", folded)
        folded = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _NON_WORD.sub(" ", folded).split()


def normalise(text: str) -> str:
    """Case, accents, punctuation and spacing removed: what makes two sentences 'the same'."""
    return " ".join(_words(text))


def near_key(text: str, min_words: int) -> str | None:
    """The normalised text that duplicate detection compares, or None for a short sentence.

    Near duplicates compare sets of words: one edited word in fifteen ("eleven" -> "11") keeps
    Jaccard near 0.87, where word 3-shingles would lose a quarter; a six-word template with two
    words changed ("Story 12 line 3 ..." / "Story 13 line 4 ...") stays at 0.5.
    """
    words = _words(text)
    return " ".join(words) if len(words) >= min_words else None


class Collector:
    """What the assignment needs from each sentence, gathered in one pass over them.

    Every group gets its hash split; sentences long enough to count are grouped by their
    normalised text (exact duplicates). Near duplicates are then found among the distinct
    texts, whose MinHash signatures the caller computes (``texts()`` gives them in order).
    """

    def __init__(self, params: SplitParams) -> None:
        self.params = params
        self.first_split: dict[str, str] = {}
        self.by_norm: dict[str, list[tuple[str, str]]] = {}

    def add(self, sid: str, group: str, norm: str | None) -> None:
        """``norm`` is the sentence's :func:`near_key`."""
        if group not in self.first_split:
            self.first_split[group] = hash_split(group, self.params)
        if norm is not None:
            members = self.by_norm.get(norm)
            if members is None:
                self.by_norm[norm] = [(sid, group)]
            else:
                members.append((sid, group))

    def add_many(
        self, sids: Sequence[str], groups: Sequence[str], norms: Sequence[str | None]
    ) -> None:
        """:meth:`add` for each sentence; a million of them take a second."""
        first_split, by_norm = self.first_split, self.by_norm
        for group in groups:
            if group not in first_split:
                first_split[group] = hash_split(group, self.params)
        for sid, group, norm in zip(sids, groups, norms, strict=True):
            if norm is not None:
                members = by_norm.get(norm)
                if members is None:
                    by_norm[norm] = [(sid, group)]
                else:
                    members.append((sid, group))

    def texts(self) -> list[str]:
        """The distinct normalised texts, in order of first appearance."""
        return list(self.by_norm)

    def assignment(self, sigs: Signatures, perms: Permutations) -> Assignment:
        """Resolve, with ``sigs[i]`` the MinHash signature of ``texts()[i]``."""
        # On Ray: the band keys grouped in the cluster (``minhash.pairs_found_by``).
        near = candidate_pairs(sigs, perms, self.params.near_duplicate_threshold)
        return resolve(
            self.first_split, self.by_norm, near, self.params.requested(), self.params.salt
        )


def assign(
    sentences: Iterable[tuple[str, str, str]], params: SplitParams, *, num_perm: int = 64
) -> Assignment:
    """Assign every group; ``sentences`` are ``(sentence_id, group_key, text)``."""
    collector = Collector(params)
    for sid, group, text in sentences:
        collector.add(sid, group, near_key(text, params.min_words))
    perms = Permutations.datasketch(params.near_duplicate_threshold, num_perm)
    sigs = Hasher(perms).signatures(t.split() for t in collector.texts())
    return collector.assignment(sigs, perms)


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
