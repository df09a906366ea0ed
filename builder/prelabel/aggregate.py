"""Resolve the votes of many LFs into one prediction per layer, keeping provenance.

- entities: votes whose span cuts a token of the tokenizer are dropped (``token_aligned``);
  votes for the same span and label combine (noisy-or of prior x score); a span with
  conflicting labels keeps its best label; then spans are chosen greedily by score (longer
  first on ties) so that the result never overlaps;
- claims: votes sharing a cue (or, without a cue, a claim span) merge: the best-scored vote
  gives the structure, every LF that agreed is listed;
- check_worthy and sentiment: prior-weighted vote; the fallback class when nobody votes.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right, insort
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from builder.model import ClaimVote, EntityVote, LabelVote, Span
from builder.segment.tokenizer import boundaries


@dataclass(frozen=True, slots=True)
class Entity:
    start: int
    end: int
    label: str
    score: float
    heuristics: tuple[str, ...]


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


def _noisy_or(weights: Iterable[float]) -> float:
    miss = 1.0
    for w in weights:
        # A weight in [0, 1] (all but a hostile prior's) is its own clamp: no min() and max()
        # calls (NaN and the others take them, for their exact results).
        miss *= 1.0 - (w if 0.0 <= w <= 1.0 else min(max(w, 0.0), 1.0))
    return 1.0 - miss


def token_aligned(votes: list[EntityVote], text: str) -> list[EntityVote]:
    """The votes whose span starts where a token of the tokenizer starts and ends where one
    ends: a span that cuts a token ("24" of "24/7") could never be tagged in BIO, and the export
    would leave it out with an E502 warning on every build. It is not produced at all."""
    n = len(text)
    spaced = [_between_spaces(text, n, v) for v in votes]  # once a vote, read twice below
    inner = [v for v, between in zip(votes, spaced, strict=True) if not between]
    if not inner:  # every span between white space (or the ends): whole chunks, whole tokens
        return [v for v in votes if 0 <= v.start < v.end <= n]
    starts, ends = boundaries(text, [p for v in inner for p in (v.start, v.end - 1)])
    return [
        v
        for v, between in zip(votes, spaced, strict=True)
        if 0 <= v.start < v.end <= n and (between or (v.start in starts and v.end in ends))
    ]


def _between_spaces(text: str, n: int, v: EntityVote) -> bool:
    return (
        0 <= v.start < v.end <= n
        and (v.start == 0 or text[v.start - 1].isspace())
        and (v.end == n or text[v.end].isspace())
        and not text[v.start].isspace()
        and not text[v.end - 1].isspace()
    )


Candidate = tuple[float, int, int, str, int, tuple[str, ...]]
# (-score, start - end, start, label, end, heuristics): an entity as a tuple, in the order of
# choosing (best score, then longer, then leftmost, then label: unique, a span keeps one label)


def aggregate_entities(votes: Iterable[EntityVote], priors: Mapping[str, float]) -> list[Entity]:
    return [Entity(c[2], c[4], c[3], -c[0], c[5]) for c in chosen_entities(votes, priors)[0]]


def chosen_entities(
    votes: Iterable[EntityVote], priors: Mapping[str, float]
) -> tuple[list[Candidate], int]:
    """The entities of :func:`aggregate_entities` as tuples (no dataclass a vote: the labeler
    writes them as dictionaries), and the number of (span, label) pairs voted for."""
    by_span: dict[tuple[int, int], dict[str, list[EntityVote]]] = {}
    for v in votes:
        span = (v.start, v.end)
        labels = by_span.get(span)
        if labels is None:
            by_span[span] = {v.label: [v]}
        elif v.label in labels:
            labels[v.label].append(v)
        else:
            labels[v.label] = [v]
    candidates: list[Candidate] = []
    pairs = 0
    for (start, end), labels in by_span.items():
        pairs += len(labels)
        best: tuple[float, str, list[EntityVote]] | None = None
        for label, vs in labels.items():
            # _noisy_or written out (the same operations in the same order: the same floats):
            # it ran for every span of every sentence, a generator each time.
            miss = 1.0
            for v in vs:
                w = priors.get(v.lf, 0.5) * v.score
                miss *= 1.0 - (w if 0.0 <= w <= 1.0 else min(max(w, 0.0), 1.0))
            score = 1.0 - miss
            if best is None or (score, label) > (best[0], best[1]):
                best = (score, label, vs)
        assert best is not None  # a span has at least one vote
        score, label, vs = best
        heuristics = (vs[0].lf,) if len(vs) == 1 else tuple(sorted({v.lf for v in vs}))
        candidates.append((-round(score, 4), start - end, start, label, end, heuristics))
    if len(candidates) > _FEW:  # sorted as entities (the tuples' order, written out)
        ordered = [Entity(c[2], c[4], c[3], -c[0], c[5]) for c in candidates]
        ordered.sort(key=lambda e: (-e.score, -(e.end - e.start), e.start, e.label))
        taken_entities = sorted(_choose(ordered), key=lambda e: e.start)
        return [
            (-e.score, e.start - e.end, e.start, e.label, e.end, e.heuristics)
            for e in taken_entities
        ], pairs
    if len(candidates) > 1:
        candidates.sort()
    taken: list[Candidate] = []
    for cand in candidates:
        start, end = cand[2], cand[4]
        for t in taken:  # a loop, not all() over a generator: most sentences take a few
            if start < t[4] and end > t[2]:
                break
        else:
            taken.append(cand)
    taken.sort(key=_start)  # stable: empty spans keep their place at a start
    return taken, pairs


def _start(c: Candidate) -> int:
    return c[2]


_FEW = 32  # candidates checked against each other directly; more, by binary search


def _choose(candidates: list[Entity]) -> list[Entity]:
    """The candidates, best first, that overlap no better one.

    The spans taken so far are kept sorted: (start, end) of the non-empty ones, which do not
    overlap (so only the last one starting before a candidate's end can overlap it), and the
    places of the empty ones. Checking each candidate against every span taken was quadratic
    in a sentence of thousands of numbers (issue 16).
    """
    taken: list[Entity] = []
    starts: list[int] = []
    ends: list[int] = []
    points: list[int] = []
    for cand in candidates:
        k = bisect_left(starts, cand.end) - 1
        if k >= 0 and ends[k] > cand.start:
            continue
        p = bisect_right(points, cand.start)
        if p < len(points) and points[p] < cand.end:
            continue
        taken.append(cand)
        if cand.start == cand.end:
            insort(points, cand.start)
        else:
            k = bisect_left(starts, cand.start)
            starts.insert(k, cand.start)
            ends.insert(k, cand.end)
    return taken


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
            round(_noisy_or(priors.get(v.lf, 0.5) * v.score for v in g), 4),
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
            return ClassPrediction(label, round(_noisy_or(ws), 4), tuple(sorted(voters[label])))
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
    score = round(share * _noisy_or(weights[label]), 4)
    return ClassPrediction(label, score, tuple(sorted(voters[label])))


def span_dict(span: Span | None, text: str) -> dict[str, Any] | None:
    if span is None:
        return None
    return {"start": span.start, "end": span.end, "text": text[span.start : span.end]}
