"""Refit the priors of the check-worthiness rules on the ClaimBuster tune rows (issue 13).

    python -m bench.fit_checkworthy          # fitted priors next to those in checkworthy.yaml

The fit reads the two tune parts of ``bench/devparts.py``, rows 0-4,000 and 12,000-22,501
(rows 4,000-12,000 are held out: not read here, reported by ``bench.prelabel_claims``). Each
sentence is the binary vector of the rules that fire on it; a logistic regression weighs them,
its regularisation C chosen among ``CS`` by cross-validation inside the tune rows: five
contiguous folds (the rows run debate by debate, so a fold scores debates the fit did not
see), each scored with the priors and threshold fitted on the other four. A rule's
prior is half its weight (a weight against the rule's own label gives the floor, 0.01: the cue
adds nothing once the others have voted); ``threshold`` is half the "no" weight the intercept
gives at the cut that maximises the check-worthy F1 on the tune rows, averaged over the
neighbouring cuts (a single best cut overfits). Then both tune parts are scored with the priors
of the file and with the refitted ones, as the aggregation decides (yes when the yes priors
outweigh the threshold and the no priors).
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence

import numpy as np
from sklearn.linear_model import LogisticRegression

from bench import devparts
from builder.prelabel.claims.checkworthy import INDEX, RULES, fired, load_threshold
from builder.quality.devsets import GoldDoc

CS = (0.03, 0.1, 0.3, 1.0, 3.0)
FOLDS = 5
SMOOTH = (-0.1, -0.05, 0.0, 0.05, 0.1)  # cuts averaged around each candidate
FLOOR = 0.01

Fired = list[tuple[frozenset[str], bool]]


def votes(docs: Sequence[GoldDoc]) -> Fired:
    return [(fired(d.text, RULES, INDEX), d.check_worthy == "yes") for d in docs]


def f1(rows: Fired, priors: Mapping[str, float], threshold: float) -> float:
    tp = fp = fn = 0
    for names, gold in rows:
        # Summed in the LFs' order (the rules', then cw_threshold), as the aggregation sums:
        # a tie (0.42 + 0.28 against 0.70) is decided by the float rounding of that order.
        fired_rules = [r for r in RULES if r.name in names]
        yes = sum(priors[r.name] for r in fired_rules if r.label == "yes")
        no = sum([*(priors[r.name] for r in fired_rules if r.label == "no"), threshold])
        pred = yes > no
        tp += pred and gold
        fp += pred and not gold
        fn += gold and not pred
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def fit(rows: Fired, c: float) -> tuple[dict[str, float], float]:
    names = [r.name for r in RULES]
    x = np.array([[n in f for n in names] for f, _ in rows], dtype=float)
    y = np.array([g for _, g in rows])
    model = LogisticRegression(C=c, max_iter=3000).fit(x, y)
    margin = model.decision_function(x)

    def cut_f1(cut: float) -> float:
        pred = margin > cut
        return float(2 * (pred & y).sum() / (pred.sum() + y.sum()))

    cuts = [float(c) for c in np.arange(-2.0, 0.0, 0.02)]
    cut = max(cuts, key=lambda c: sum(cut_f1(c + d) for d in SMOOTH))
    priors = {}
    for rule, weight in zip(RULES, model.coef_[0], strict=True):
        signed = weight if rule.label == "yes" else -weight
        priors[rule.name] = max(round(float(signed) / 2, 2), FLOOR)
    return priors, round(float(cut - model.intercept_[0]) / 2, 2)


def cross_validated(rows: Fired, c: float) -> float:
    """Mean F1 of the ``FOLDS`` contiguous folds, each scored with the fit on the others."""
    bounds = [len(rows) * k // FOLDS for k in range(FOLDS + 1)]
    scores = []
    for lo, hi in itertools.pairwise(bounds):
        priors, threshold = fit(rows[:lo] + rows[hi:], c)
        scores.append(f1(rows[lo:hi], priors, threshold))
    return sum(scores) / len(scores)


def main() -> None:
    first, rest = votes(devparts.claimbuster().tune), votes(devparts.claimbuster_rest())
    cv = {c: cross_validated(first + rest, c) for c in CS}
    print("C " + "  ".join(f"{c:g}: CV F1 {f:.3f}" for c, f in cv.items()))
    priors, threshold = fit(first + rest, max(CS, key=lambda c: cv[c]))
    now = {r.name: r.prior for r in RULES}
    now_threshold = load_threshold()[0]
    print(f"{'rule':16} {'label':5} {'file':>6} {'refit':>6}")
    for r in RULES:
        print(f"{r.name:16} {r.label:5} {now[r.name]:6.2f} {priors[r.name]:6.2f}")
    print(f"{'threshold':16} {'no':5} {now_threshold:6.2f} {threshold:6.2f}")
    for name, p, t in (("file", now, now_threshold), ("refit", priors, threshold)):
        print(f"{name:5} CFS F1 rows 0-4,000 {f1(first, p, t):.3f}  12,000- {f1(rest, p, t):.3f}")


if __name__ == "__main__":
    main()
