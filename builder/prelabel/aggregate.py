"""Resolve the votes of many LFs into one prediction per layer, keeping provenance.

- entities (``entity_choice.py``): votes whose span cuts a token of the tokenizer are dropped;
  votes for the same span and label combine (noisy-or of prior x score); a span with
  conflicting labels keeps its best label; then spans are chosen greedily by score (longer
  first on ties) so that the result never overlaps;
- claims: votes sharing a cue (or, without a cue, a claim span) merge: the best-scored vote
  gives the structure, every LF that agreed is listed;
- check_worthy and sentiment: prior-weighted vote; the fallback class when nobody votes.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from builder.memo import remember
from builder.model import ClaimVote, LabelVote, Span


@dataclass(frozen=True, slots=True)
class Claim:
    claim: Span
    source: Span | None
    cue: Span | None
    direct: bool
    score: float
    heuristics: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ClassPrediction:
    label: str
    score: float
    heuristics: tuple[str, ...]


# round(x, 4) of the scores seen last. ``round`` of a float to 4 places writes it out in
# decimal and reads it back (some 2,500 instructions, four a sentence); the scores are
# products and noisy-ors of a few priors and vote scores, so that they recur (895 values over
# 20,152 scores of 5,000 corpus/bbc sentences).
ROUNDED: dict[float, float] = {}
ROUNDED_KEPT = 1 << 12


def rounded(x: float) -> float:
    """``round(x, 4)`` of a float, remembered. Zeros are not (0.0 and -0.0 are one key of a
    dict but round each to itself), nor NaN (no key finds it)."""
    r = ROUNDED.get(x)
    if r is None:
        r = round(x, 4)
        if x and x == x:
            remember(ROUNDED, x, r, ROUNDED_KEPT)
    return r


def _noisy_or(weights: Iterable[float]) -> float:
    miss = 1.0
    for w in weights:
        # A weight in [0, 1] (all but a hostile prior's) is its own clamp: no min() and max()
        # calls (NaN and the others take them, for their exact results).
        miss *= 1.0 - (w if 0.0 <= w <= 1.0 else min(max(w, 0.0), 1.0))
    return 1.0 - miss


def _overlaps(a: Span | None, b: Span | None) -> bool:
    return a is not None and b is not None and a.start < b.end and b.start < a.end


def _joins(v: ClaimVote, head: ClaimVote) -> bool:
    """Whether vote ``v`` reads the same claim as the group that ``head`` opened."""
    return _overlaps(v.cue, head.cue) or (
        (v.cue is None or head.cue is None) and _overlaps(v.claim, head.claim)
    )


class _Disjoint:
    """Spans that do not overlap each other, sorted, each with the group it opened."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.groups: list[int] = []

    def add(self, span: Span, group: int) -> None:
        k = bisect_left(self.starts, span.start)
        self.starts.insert(k, span.start)
        self.ends.insert(k, span.end)
        self.groups.insert(k, group)

    def overlapping(self, span: Span) -> list[int]:
        """The groups of the spans that overlap ``span``: a run of the sorted spans."""
        first, last = bisect_right(self.ends, span.start), bisect_left(self.starts, span.end)
        return self.groups[first:last]


def _group(ordered: list[ClaimVote]) -> list[list[ClaimVote]]:
    """Each vote joins the first group it :func:`_joins`, or opens one.

    Looking at every group for every vote was quadratic in a sentence of thousands of cues
    (issue 16). The cues of the groups' heads do not overlap each other (a vote whose cue
    overlaps one joins that group), nor do the claims of the heads without a cue: a vote with
    a cue finds its candidates among both by binary search. A vote without a cue (at most two
    a sentence) still looks at every group.
    """
    groups: list[list[ClaimVote]] = []
    cued, uncued = _Disjoint(), _Disjoint()
    for v in ordered:
        if v.cue is None:
            found = next((k for k, g in enumerate(groups) if _joins(v, g[0])), None)
        else:
            found = min(cued.overlapping(v.cue) + uncued.overlapping(v.claim), default=None)
        if found is not None:
            groups[found].append(v)
            continue
        if v.cue is None:
            uncued.add(v.claim, len(groups))
        else:
            cued.add(v.cue, len(groups))
        groups.append([v])
    return groups


MAX_CLAIMS = 12  # claims kept a sentence


def aggregate_claims(votes: Iterable[ClaimVote], priors: Mapping[str, float]) -> list[Claim]:
    if type(votes) is list and len(votes) == 1:  # most sentences with a claim: its one vote
        (v,) = votes
        score = rounded(_noisy_or((priors.get(v.lf, 0.5) * v.score,)))
        return [Claim(v.claim, v.source, v.cue, v.direct, score, (v.lf,))]
    ordered = sorted(votes, key=lambda v: (-priors.get(v.lf, 0.5) * v.score, v.lf))
    spans = [s for v in ordered for s in (v.cue, v.claim) if s is not None]
    if all(s.start < s.end for s in spans):
        groups = _group(ordered)
    else:  # an empty span breaks the order of spans _group relies on: look at every group
        groups = []
        for v in ordered:
            found = next((g for g in groups if _joins(v, g[0])), None)
            if found is None:
                groups.append([v])
            else:
                found.append(v)
    # The strongest groups come first (votes were ordered by weight): a sentence keeps its
    # MAX_CLAIMS strongest. News sentences hold at most four (corpus/bbc); a hostile line of
    # 100k characters held thousands, each claim quoting the rest of the line, so that the
    # pre-labels grew with the square of the line (770 MB).
    claims = [
        Claim(
            g[0].claim,
            g[0].source,
            g[0].cue,
            g[0].direct,
            rounded(_noisy_or(priors.get(v.lf, 0.5) * v.score for v in g)),
            tuple(sorted({v.lf for v in g})),
        )
        for g in groups[:MAX_CLAIMS]
    ]
    return sorted(claims, key=lambda c: (c.claim.start, c.claim.end))


def aggregate_class(
    votes: Iterable[LabelVote], priors: Mapping[str, float], classes: tuple[str, ...], default: str
) -> ClassPrediction:
    """Prior-weighted vote. The score is the winner's share of the weight times the chance
    that at least one of its voters is right (noisy-or), so that agreement of weak heuristics
    does not read as certainty. With no vote at all: ``default`` at 0.5."""
    weights: dict[str, list[float]] = {}
    voters: dict[str, set[str]] = {}
    for v in votes:
        w = priors.get(v.lf, 0.5) * v.score
        if v.label in weights:
            weights[v.label].append(w)
            voters[v.label].add(v.lf)
        else:
            weights[v.label] = [w]
            voters[v.label] = {v.lf}
    if not weights:
        return ClassPrediction(default, 0.5, ())
    if len(weights) == 1:
        # One class voted (the threshold's "no" alone, on most sentences): with a positive
        # finite weight it wins with the whole share (t / t is exactly 1.0), as below.
        ((label, ws),) = weights.items()
        if label in classes and 0.0 < sum(ws) < math.inf:
            return ClassPrediction(label, rounded(_noisy_or(ws)), tuple(sorted(voters[label])))
    return weighed(weights, voters, classes, default)


def weighed(
    weights: dict[str, list[float]],
    voters: dict[str, set[str]],
    classes: tuple[str, ...],
    default: str,
) -> ClassPrediction:
    """The class of most weight (``default`` first on a tie) of classes' vote ``weights``."""
    total = {c: sum(ws) for c, ws in weights.items()}
    label = max(classes, key=lambda c: (total.get(c, 0.0), c == default))
    grand = sum(total.values())
    share = total[label] / grand if grand else 0.0
    score = rounded(share * _noisy_or(weights[label]))
    return ClassPrediction(label, score, tuple(sorted(voters[label])))


def span_dict(span: Span | None, text: str) -> dict[str, Any] | None:
    if span is None:
        return None
    return {"start": span.start, "end": span.end, "text": text[span.start : span.end]}
