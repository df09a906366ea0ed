"""A sentence class (check-worthiness, sentiment) from its layer's label votes: what
``aggregate_class`` chooses and how many heuristics it overruled, remembered where the votes
recur (``ClassChoice``): one mechanism for both layers, which had each a near-copy of it."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping, Sequence
from operator import attrgetter
from typing import Any

from builder.memo import remember
from builder.model import LabelVote
from builder.prelabel.aggregate import aggregate_class

# (label, score, heuristics, heuristics overruled)
Answer = tuple[str, float, tuple[str, ...], int]

_SCORE = attrgetter("score")


def answer(
    votes: Sequence[LabelVote], priors: Mapping[str, float], classes: tuple[str, ...], default: str
) -> Answer:
    """``aggregate_class`` of ``votes``, and how many heuristics voted for another class than
    the one chosen."""
    chosen = aggregate_class(votes, priors, classes, default)
    overruled = len({v.lf for v in votes if v.label != chosen.label})
    return chosen.label, chosen.score, chosen.heuristics, overruled


class ClassChoice:
    """:func:`answer` for one layer, remembered by ``key`` of each vote, in order: ``id``
    where the heuristics vote with the same objects every sentence (the check-worthiness
    rules, claims/checkworthy.py), what a vote says (``vote_said``) where they are new objects
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


vote_said = attrgetter("lf", "label", "score")
