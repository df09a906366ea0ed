"""What can be learned from human corrections, each measured before it is trusted.

- Heuristic weights: every heuristic's precision against the human labels, smoothed towards its
  declared prior, becomes its new prior (the weight of its votes in aggregation).
- Sentence classifiers for sentiment and check-worthiness: TF-IDF word and character n-grams plus
  the heuristics' own answer as a feature, and a logistic regression (scikit-learn), so the model
  learns where the heuristics go wrong rather than starting from nothing.

Both are scored out of sample: documents are split into folds (a document never in its own
training data), and the learned variant is compared with the heuristics alone on the same held-out
human labels.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

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


@dataclass
class ClassifierScore:
    n: int
    heuristics_f1: float
    learned_f1: float

    @property
    def lift(self) -> float:
        return round(self.learned_f1 - self.heuristics_f1, 4)


def cross_validate(
    texts: Sequence[str], heuristic: Sequence[str], gold: Sequence[str], groups: Sequence[str]
) -> ClassifierScore | None:
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
    return ClassifierScore(len(gold), macro_f1(gold, heuristic), macro_f1(gold, list(predicted)))


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
