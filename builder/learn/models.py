"""What can be learned from human corrections, each measured before it is trusted.

- Heuristic weights: every heuristic's precision against the human labels, smoothed towards its
  declared prior, becomes its new prior (the weight of its votes in aggregation).
- Sentence classifiers for sentiment and check-worthiness: TF-IDF word and character n-grams plus
  the heuristics' own answer as a feature, and a logistic regression (scikit-learn), so the model
  learns where the heuristics go wrong rather than starting from nothing.

Both are scored out of sample: documents are split into folds (a document never in its own
training data), and the learned variant is compared with the heuristics alone on the same held-out
human labels. It wins (``Verdict``) only when all of these hold:

- its lift is at least ``MIN_LIFT``;
- the lift stays above zero on documents resampled with replacement (the 5th percentile of
  ``ROUNDS`` bootstrap rounds): a lift carried by a couple of documents is luck;
- for classifiers, its F1 is above what its own answers reach when shuffled against the human
  labels (the 95th percentile of ``ROUNDS`` permutations). Macro-F1 rewards a varied guess
  over a constant one, so a model of noise "beats" heuristics that mostly answer one class;
  it never beats its own shuffled answers.

Resampling uses fixed seeds: the same labels always give the same verdict.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

Rows = npt.NDArray[np.int64]  # row indices, or class codes
MIN_LIFT = 0.01  # F1 (0-1) a learned variant must add to be used
ROUNDS = 500  # bootstrap rounds and permutations
SMOOTHING = 10.0  # pseudo-votes at the declared prior: a handful of labels cannot swing a weight
MIN_LABELS = 30  # fewer human labels than this: nothing is learned
FOLDS = 5


@dataclass(frozen=True)
class Hits:
    tp: int = 0
    n: int = 0


def smoothed(hits: Mapping[str, Hits], declared: Mapping[str, float]) -> dict[str, float]:
    """New prior per heuristic: precision with ``SMOOTHING`` pseudo-votes at the old prior."""
    return {
        name: round((h.tp + SMOOTHING * declared[name]) / (h.n + SMOOTHING), 4)
        for name, h in sorted(hits.items())
        if name in declared
    }


def folds(groups: Sequence[str], k: int = FOLDS) -> list[int]:
    """A fold per item from a hash of its group: stable, and a group never straddles folds."""
    return [int(hashlib.blake2b(g.encode(), digest_size=4).hexdigest(), 16) % k for g in groups]


def _classifier() -> Any:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import FeatureUnion, Pipeline

    return Pipeline(
        [
            (
                "features",
                FeatureUnion(
                    [
                        ("words", TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True)),
                        (
                            "chars",
                            TfidfVectorizer(
                                analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True, min_df=2
                            ),
                        ),
                    ]
                ),
            ),
            ("model", LogisticRegression(max_iter=2000, class_weight="balanced", C=2.0)),
        ]
    )


def _inputs(texts: Sequence[str], heuristic: Sequence[str]) -> list[str]:
    # The heuristics' answer rides along as a token of its own ("zzheuristicnegative").
    return [f"{t} zzheuristic{h}" for t, h in zip(texts, heuristic, strict=True)]


def macro_f1(gold: Sequence[str], pred: Sequence[str]) -> float:
    from sklearn.metrics import f1_score

    return round(float(f1_score(gold, pred, average="macro", zero_division=0)), 4)


@dataclass(frozen=True)
class Verdict:
    heuristics_f1: float
    learned_f1: float
    lift_low: float  # 5th percentile of the lift over resampled documents
    chance_f1: float | None = None  # 95th percentile of F1 with answers shuffled (classes)

    @property
    def lift(self) -> float:
        return round(self.learned_f1 - self.heuristics_f1, 4)

    @property
    def wins(self) -> bool:
        beats_chance = self.chance_f1 is None or self.learned_f1 > self.chance_f1
        return self.lift >= MIN_LIFT and self.lift_low > 0 and beats_chance

    def said(self, sentences: int, use: str, measure: str = "") -> str:
        """What the verdict says, as `builder learn` reports it: the lift (in ``measure``) on
        the ``sentences`` with human labels, then the ``use`` it leads to."""
        return (
            f"lift {self.lift:+.4f} (5th percentile {self.lift_low:+.4f}){measure} over the "
            f"heuristics on {sentences} human-labelled sentences: {use}"
        )

    def as_dict(self) -> dict[str, Any]:
        return {
            "heuristics_f1": self.heuristics_f1,
            "learned_f1": self.learned_f1,
            "lift": self.lift,
            "lift_low": self.lift_low,
            "chance_f1": self.chance_f1,
            "used": self.wins,
        }


def counts_verdict(
    before: npt.NDArray[np.int64],
    after: npt.NDArray[np.int64],
    groups: Sequence[str],
    score: Callable[[npt.NDArray[np.int64]], float],
) -> Verdict:
    """The verdict of counts per item (a row each, ``groups`` their documents) scored by
    ``score`` (an F1 of summed counts), after against before, resampled by document."""

    def lift(rows: Rows) -> float:
        return score(after[rows]) - score(before[rows])

    return Verdict(round(score(before), 4), round(score(after), 4), bootstrap_low(groups, lift))


def _group_rows(groups: Sequence[str]) -> list[Rows]:
    index: dict[str, list[int]] = {}
    for i, g in enumerate(groups):
        index.setdefault(g, []).append(i)
    return [np.array(rows) for _, rows in sorted(index.items())]


def bootstrap_low(groups: Sequence[str], lift: Callable[[Rows], float]) -> float:
    """The 5th percentile of ``lift(rows)`` over documents drawn with replacement."""
    by_group = _group_rows(groups)
    rng = np.random.default_rng(0)
    lifts = [
        lift(np.concatenate([by_group[g] for g in rng.integers(0, len(by_group), len(by_group))]))
        for _ in range(ROUNDS)
    ]
    return round(float(np.percentile(lifts, 5)), 4)


def _codes(*columns: Sequence[str]) -> list[Rows]:
    classes = sorted({c for column in columns for c in column})
    code = {c: i for i, c in enumerate(classes)}
    return [np.array([code[c] for c in column], dtype=np.int64) for column in columns]


def fast_macro_f1(gold: Rows, pred: Rows, k: int) -> float:
    """``macro_f1`` on class codes below ``k`` (sklearn's average over the classes present)."""
    cm = np.bincount(gold * k + pred, minlength=k * k).reshape(k, k)
    tp = np.diag(cm).astype(float)
    denominator = cm.sum(axis=0) + cm.sum(axis=1)  # 2tp + fp + fn
    present = denominator > 0
    return float((2 * tp[present] / denominator[present]).mean()) if present.any() else 0.0


def class_verdict(
    gold: Sequence[str], heuristic: Sequence[str], learned: Sequence[str], groups: Sequence[str]
) -> Verdict:
    g, h, m = _codes(gold, heuristic, learned)
    k = int(max(g.max(), h.max(), m.max())) + 1

    def lift(rows: Rows) -> float:
        return fast_macro_f1(g[rows], m[rows], k) - fast_macro_f1(g[rows], h[rows], k)

    rng = np.random.default_rng(1)
    shuffled = [fast_macro_f1(g, rng.permutation(m), k) for _ in range(ROUNDS)]
    return Verdict(
        macro_f1(gold, heuristic),
        macro_f1(gold, learned),
        bootstrap_low(groups, lift),
        round(float(np.percentile(shuffled, 95)), 4),
    )


def cross_validate(
    texts: Sequence[str], heuristic: Sequence[str], gold: Sequence[str], groups: Sequence[str]
) -> Verdict | None:
    """Out-of-fold macro-F1 of the classifier vs the heuristics; None when too little data."""
    if len(gold) < MIN_LABELS or len(set(gold)) < 2 or len(set(groups)) < 2:
        return None
    assigned = np.array(folds(groups))
    inputs = np.array(_inputs(texts, heuristic), dtype=object)
    labels = np.array(gold, dtype=object)
    predicted = labels.copy()
    for fold in sorted(set(assigned.tolist())):
        train, test = assigned != fold, assigned == fold
        if len(set(labels[train].tolist())) < 2:
            predicted[test] = np.array(heuristic, dtype=object)[test]
            continue
        model = _classifier().fit(list(inputs[train]), list(labels[train]))
        predicted[test] = model.predict(list(inputs[test]))
    return class_verdict(gold, heuristic, [str(p) for p in predicted], groups)


@dataclass
class Classifier:
    """A fitted classifier for one layer."""

    pipeline: Any
    classes: tuple[str, ...]

    @classmethod
    def fit(cls, texts: Sequence[str], heuristic: Sequence[str], gold: Sequence[str]) -> Classifier:
        pipeline = _classifier().fit(_inputs(texts, heuristic), list(gold))
        return cls(pipeline, tuple(str(c) for c in pipeline.classes_))

    def predict(self, texts: Sequence[str], heuristic: Sequence[str]) -> list[tuple[str, float]]:
        if not texts:
            return []
        proba = self.pipeline.predict_proba(_inputs(texts, heuristic))
        best = proba.argmax(axis=1)
        return [
            (self.classes[int(i)], round(float(p[int(i)]), 4))
            for i, p in zip(best, proba, strict=True)
        ]
