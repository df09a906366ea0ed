"""Resolve the votes of many LFs into one prediction per layer, keeping provenance.

- entities: votes for the same span and label combine (noisy-or of prior x score); a span with
  conflicting labels keeps its best label; then spans are chosen greedily by score (longer
  first on ties) so that the result never overlaps;
- claims: votes sharing a cue (or, without a cue, a claim span) merge: the best-scored vote
  gives the structure, every LF that agreed is listed;
- check_worthy and sentiment: prior-weighted vote; the fallback class when nobody votes.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from builder.model import ClaimVote, EntityVote, LabelVote, Span


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
        miss *= 1.0 - min(max(w, 0.0), 1.0)
    return 1.0 - miss


def aggregate_entities(votes: Iterable[EntityVote], priors: Mapping[str, float]) -> list[Entity]:
    by_span: dict[tuple[int, int], dict[str, list[EntityVote]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for v in votes:
        by_span[(v.start, v.end)][v.label].append(v)
    candidates: list[Entity] = []
    for (start, end), labels in by_span.items():
        scored = [
            (_noisy_or(priors.get(v.lf, 0.5) * v.score for v in vs), label, vs)
            for label, vs in labels.items()
        ]
        score, label, vs = max(scored, key=lambda t: (t[0], t[1]))
        candidates.append(
            Entity(start, end, label, round(score, 4), tuple(sorted({v.lf for v in vs})))
        )
    candidates.sort(key=lambda e: (-e.score, -(e.end - e.start), e.start, e.label))
    taken: list[Entity] = []
    for cand in candidates:
        if all(cand.end <= t.start or cand.start >= t.end for t in taken):
            taken.append(cand)
    return sorted(taken, key=lambda e: e.start)


def _overlaps(a: Span | None, b: Span | None) -> bool:
    return a is not None and b is not None and a.start < b.end and b.start < a.end


def aggregate_claims(votes: Iterable[ClaimVote], priors: Mapping[str, float]) -> list[Claim]:
    groups: list[list[ClaimVote]] = []
    for v in sorted(votes, key=lambda v: (-priors.get(v.lf, 0.5) * v.score, v.lf)):
        for group in groups:
            head = group[0]
            if _overlaps(v.cue, head.cue) or (
                (v.cue is None or head.cue is None) and _overlaps(v.claim, head.claim)
            ):
                group.append(v)
                break
        else:
            groups.append([v])
    claims = [
        Claim(
            g[0].claim,
            g[0].source,
            g[0].cue,
            g[0].direct,
            round(_noisy_or(priors.get(v.lf, 0.5) * v.score for v in g), 4),
            tuple(sorted({v.lf for v in g})),
        )
        for g in groups
    ]
    return sorted(claims, key=lambda c: (c.claim.start, c.claim.end))


def aggregate_class(
    votes: Iterable[LabelVote], priors: Mapping[str, float], classes: tuple[str, ...], default: str
) -> ClassPrediction:
    """Prior-weighted vote. The score is the winner's share of the weight times the chance
    that at least one of its voters is right (noisy-or), so that agreement of weak heuristics
    does not read as certainty. With no vote at all: ``default`` at 0.5."""
    weights: dict[str, list[float]] = defaultdict(list)
    voters: dict[str, set[str]] = defaultdict(set)
    for v in votes:
        weights[v.label].append(priors.get(v.lf, 0.5) * v.score)
        voters[v.label].add(v.lf)
    if not weights:
        return ClassPrediction(default, 0.5, ())
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
