"""Precision, recall and F1 for spans and classes: the one scorer for gold files and, later,
for human corrections pulled from Label Studio.

Spans are ``(start, end, label)`` triples in one coordinate system (document or sentence
offsets), grouped by a key (document or sentence id) so that spans of different texts never
match. ``exact`` matching needs identical offsets and label; ``overlap`` needs the same label
and at least one shared character, each span matched at most once (as many pairs as can be).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from builder.metrics.matching import LabelledSpan, Match, matched_per_label

SpanKey = tuple[str, int, int, str]  # (text id, start, end, label)


@dataclass(frozen=True, slots=True)
class PRF:
    tp: int
    n_pred: int
    n_gold: int

    @property
    def precision(self) -> float:
        return self.tp / self.n_pred if self.n_pred else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.n_gold if self.n_gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "tp": self.tp,
            "n_pred": self.n_pred,
            "n_gold": self.n_gold,
        }


def _matched(gold: Sequence[SpanKey], pred: Sequence[SpanKey], match: Match) -> Counter[str]:
    """How many predicted spans match a gold span, per label (each span used once), text by
    text. Overlap matching is ``matching.matched_per_label``'s maximum matching: with
    overlapping or repeated spans a greedy pass can miss pairs (and then find fewer overlap
    than exact matches), and its count depends on the order of the spans."""
    by_text: dict[str, tuple[list[LabelledSpan], list[LabelledSpan]]] = defaultdict(
        lambda: ([], [])
    )
    for text, start, end, label in gold:
        by_text[text][0].append((start, end, label))
    for text, start, end, label in pred:
        by_text[text][1].append((start, end, label))
    hits: Counter[str] = Counter()
    for golds, preds in by_text.values():
        if golds and preds:
            hits += matched_per_label(golds, preds, match)
    return hits


def span_prf(
    gold: Iterable[SpanKey], pred: Iterable[SpanKey], match: Match = Match.exact
) -> dict[str, PRF]:
    """Micro scores under ``"micro"`` and one entry per label."""
    gold_l, pred_l = list(gold), list(pred)
    hits = _matched(gold_l, pred_l, match)
    labels = sorted({s[3] for s in gold_l} | {s[3] for s in pred_l})
    out = {"micro": PRF(sum(hits.values()), len(pred_l), len(gold_l))}
    for label in labels:
        out[label] = PRF(
            hits[label],
            sum(1 for p in pred_l if p[3] == label),
            sum(1 for g in gold_l if g[3] == label),
        )
    return out


def class_prf(gold: Mapping[str, str], pred: Mapping[str, str]) -> dict[str, PRF]:
    """Per-class scores over the ids present in ``gold`` (a missing prediction counts as wrong)."""
    classes = sorted(set(gold.values()) | set(pred.values()))
    out = {}
    for c in classes:
        tp = sum(1 for k, g in gold.items() if g == c and pred.get(k) == c)
        n_pred = sum(1 for k in gold if pred.get(k) == c)
        n_gold = sum(1 for g in gold.values() if g == c)
        out[c] = PRF(tp, n_pred, n_gold)
    return out


def macro_f1(scores: Mapping[str, PRF], classes: Sequence[str]) -> float:
    return sum(scores[c].f1 if c in scores else 0.0 for c in classes) / len(classes)
