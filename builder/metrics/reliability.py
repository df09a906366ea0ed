"""Chance-corrected agreement on sentence classes (sentiment, check-worthiness).

The input is a table ``unit -> annotator -> class`` where ``None`` (or no entry) means the
annotator did not label that unit. Reported:

- ``percent_agreement``: the share of agreeing pairs among all pairs of labels given to the
  same unit (two annotators: the share of units they agree on);
- ``cohen_kappa``: scikit-learn's ``cohen_kappa_score`` for every pair of annotators on the
  units both labelled, then the mean over the pairs where it is defined;
- ``krippendorff_alpha``: nominal alpha of the ``krippendorff`` package, for any number of
  annotators and missing labels;
- ``per_class``: specific agreement per class, ``2 A / (2 A + D)`` over the same pairs, where
  ``A`` counts pairs that both chose the class and ``D`` pairs where only one did (for two
  annotators, the F1 of one against the other on that class; None for a class nobody chose).

A coefficient is ``None`` when it is undefined: fewer than two labels to compare, or every
label the same class (no variation, so no chance agreement to correct for).
"""

from __future__ import annotations

import math
import warnings
from collections import Counter
from collections.abc import Mapping, Sequence
from itertools import combinations
from typing import Any

import krippendorff
import numpy as np

Ratings = Mapping[str, Mapping[str, str | None]]  # unit -> annotator -> class (None: unlabelled)


def _round(value: float | None) -> float | None:
    return None if value is None or math.isnan(value) else round(float(value), 4)


def cohen_kappa(
    first: Sequence[str], second: Sequence[str], classes: Sequence[str]
) -> float | None:
    """Cohen's kappa of two annotators over the same units, ``None`` when undefined."""
    if not first:
        return None
    from sklearn.metrics import cohen_kappa_score  # heavy: loaded only when measuring

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        value = float(cohen_kappa_score(first, second, labels=list(classes)))
    return None if math.isnan(value) else value


def krippendorff_alpha(ratings: Ratings, classes: Sequence[str]) -> float | None:
    """Nominal Krippendorff's alpha, ``None`` when undefined."""
    annotators = sorted({a for row in ratings.values() for a in row})
    units = sorted(ratings)
    code = {c: float(i) for i, c in enumerate(classes)}
    data = np.full((len(annotators), len(units)), np.nan)
    for j, unit in enumerate(units):
        for i, annotator in enumerate(annotators):
            label = ratings[unit].get(annotator)
            if label is not None:
                data[i, j] = code[label]
    pairable = np.sum(~np.isnan(data), axis=0) >= 2
    values = data[:, pairable]
    if values.size == 0 or len(set(values[~np.isnan(values)].tolist())) < 2:
        return None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        value = float(
            krippendorff.alpha(
                reliability_data=values,
                level_of_measurement="nominal",
                value_domain=list(code.values()),
            )
        )
    return None if math.isnan(value) else value


def label_agreement(ratings: Ratings, classes: Sequence[str] | None = None) -> dict[str, Any]:
    """Agreement on one class layer. ``classes`` fixes the class order (the schema's); classes
    met but not listed are added after them, sorted."""
    given = [label for row in ratings.values() for label in row.values() if label is not None]
    order = list(classes or ())
    order += sorted(set(given) - set(order))
    labelled = {
        unit: {a: label for a, label in row.items() if label is not None}
        for unit, row in ratings.items()
    }
    compared = {unit: row for unit, row in labelled.items() if len(row) >= 2}
    total = 0
    both_chose: Counter[str] = Counter()  # agreeing pairs, per class
    one_chose: Counter[str] = Counter()
    for row in compared.values():
        total += len(row) * (len(row) - 1) // 2
        for x, y in combinations(row.values(), 2):
            if x == y:
                both_chose[x] += 1
            else:
                one_chose[x] += 1
                one_chose[y] += 1
    annotators = sorted({a for row in compared.values() for a in row})
    pairs, kappas = [], []
    for a, b in combinations(annotators, 2):
        both = sorted(u for u, row in compared.items() if a in row and b in row)
        if not both:
            continue
        first = [compared[u][a] for u in both]
        second = [compared[u][b] for u in both]
        kappa = cohen_kappa(first, second, order)
        if kappa is not None:
            kappas.append(kappa)
        pairs.append(
            {
                "annotators": [a, b],
                "n": len(both),
                "percent_agreement": _round(
                    sum(x == y for x, y in zip(first, second, strict=True)) / len(both)
                ),
                "cohen_kappa": _round(kappa),
            }
        )
    return {
        "n": len(compared),
        "annotators": len(annotators),
        "percent_agreement": _round(sum(both_chose.values()) / total) if total else None,
        "cohen_kappa": _round(sum(kappas) / len(kappas)) if kappas else None,
        "krippendorff_alpha": _round(krippendorff_alpha(compared, order)),
        "per_class": {
            c: _round(2 * both_chose[c] / (2 * both_chose[c] + one_chose[c]))
            if both_chose[c] + one_chose[c]
            else None
            for c in order
        },
        "pairs": pairs,
    }
