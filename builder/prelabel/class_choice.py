"""A sentence class (check-worthiness, sentiment) from its layer's label votes: what
``aggregate_class`` chooses and how many heuristics it overruled, the passes over the votes
made in C, and remembered where the votes recur (``ClassChoice``)."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping, Sequence
from itertools import compress, repeat
from operator import attrgetter, eq, mul, ne
from typing import Any

from builder.memo import remember
from builder.model import LabelVote
from builder.prelabel.aggregate import _noisy_or, rounded

# (label, score, heuristics, heuristics overruled)
Answer = tuple[str, float, tuple[str, ...], int]

_LABEL, _LF, _SCORE = attrgetter("label"), attrgetter("lf"), attrgetter("score")


def answer(
    votes: Sequence[LabelVote], priors: Mapping[str, float], classes: tuple[str, ...], default: str
) -> Answer:
    """``aggregate_class`` of ``votes`` and the heuristics that voted for another class than
    the one chosen. The same operations on the same floats in the same order (the weights'
    sums by ``sum``, the choice by ``max`` over the same keys): the same answer, and the
    same KeyError where it raises one. A Python loop over the votes and a frame a class
    (``max``'s key) cost some 40 k instructions a sentence whose set of votes was new."""
    if not votes:
        return default, 0.5, (), 0
    labels = list(map(_LABEL, votes))
    lfs = list(map(_LF, votes))
    weights = list(map(mul, map(priors.get, lfs, repeat(0.5)), map(_SCORE, votes)))
    said = list(dict.fromkeys(labels))  # the classes voted, in the order of their first vote
    if len(said) == 1:
        label = said[0]
        # One class voted: with a positive finite weight it wins with the whole share.
        if label in classes and 0.0 < sum(weights) < float("inf"):
            return label, rounded(_noisy_or(weights)), tuple(sorted(set(lfs))), 0
    picks = {c: list(map(eq, labels, repeat(c))) for c in said}
    by_class = {c: list(compress(weights, pick)) for c, pick in picks.items()}
    total = {c: sum(ws) for c, ws in by_class.items()}
    keys = list(
        zip(map(total.get, classes, repeat(0.0)), map(eq, classes, repeat(default)), strict=True)
    )
    label = classes[max(range(len(classes)), key=keys.__getitem__)]
    grand = sum(total.values())
    share = total[label] / grand if grand else 0.0
    score = rounded(share * _noisy_or(by_class[label]))
    voters = tuple(sorted(set(compress(lfs, picks[label]))))
    return label, score, voters, len(set(compress(lfs, map(ne, labels, repeat(label)))))


class ClassChoice:
    """:func:`answer` for one layer, remembered by ``key`` of each vote, in order: ``id``
    where the heuristics vote with the same objects every sentence (the check-worthiness
    rules, claims/checkworthy.py), what a vote says (``said``) where they are new objects
    (sentiment: 1,000 sets of them made 5,000 bbc sentences'). An entry holds its votes, so
    that no other object can take their ids while it is kept; a set with a zero score is not
    remembered (0.0 and -0.0 are one key)."""

    def __init__(
        self,
        priors: Mapping[str, float],
        classes: tuple[str, ...],
        default: str,
        key: Callable[[LabelVote], Hashable],
    ) -> None:
        self.priors, self.classes, self.default, self.key = priors, classes, default, key
        self.known: dict[tuple[Hashable, ...], tuple[Answer, tuple[LabelVote, ...]]] = {}

    def __call__(self, votes: Sequence[LabelVote]) -> Answer:
        key = tuple(map(self.key, votes))
        known = self.known.get(key)
        if known is not None:
            return known[0]
        got = answer(votes, self.priors, self.classes, self.default)
        if 0 not in map(_SCORE, votes):
            remember(self.known, key, (got, tuple(votes)), 1 << 12)
        return got

    def __getstate__(self) -> dict[str, Any]:
        # Keyed by the ids of the votes held: a copy holds other objects (copy.deepcopy),
        # and starts without them.
        return {**self.__dict__, "known": {}}


said = attrgetter("lf", "label", "score")
