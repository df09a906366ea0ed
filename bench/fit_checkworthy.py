"""Refit the priors of the check-worthiness rules on the ClaimBuster tune rows (issue 13).

    python -m bench.fit_checkworthy          # fitted priors next to those in checkworthy.yaml

Only rows 0-4,000 (the tune part of ``bench/devparts.py``) are read for the fit. Each sentence
is the binary vector of the rules that fire on it; a logistic regression (C=0.3, the
regularisation that kept the held-out part within 0.02 of the tune part) weighs them. A rule's
prior is half its weight (a weight against the rule's own label gives the floor, 0.01: the cue
adds nothing once the others have voted); ``threshold`` is half the "no" weight the intercept
gives at the cut that maximises the check-worthy F1 on the tune rows, averaged over the
neighbouring cuts (a single best cut overfits). Then both parts are scored with the priors of
the file and with the refitted ones, as the aggregation decides (yes when the yes priors
outweigh the threshold and the no priors).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
from sklearn.linear_model import LogisticRegression

from bench import devparts
from builder.prelabel.claims.checkworthy import INDEX, RULES, fired, load_threshold
from builder.quality.devsets import GoldDoc

C = 0.3
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


def fit(rows: Fired) -> tuple[dict[str, float], float]:
    names = [r.name for r in RULES]
    x = np.array([[n in f for n in names] for f, _ in rows], dtype=float)
    y = np.array([g for _, g in rows])
    model = LogisticRegression(C=C, max_iter=3000).fit(x, y)
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


def main() -> None:
    dev = devparts.claimbuster()
    tune, held = votes(dev.tune), votes(dev.held)
    priors, threshold = fit(tune)
    now = {r.name: r.prior for r in RULES}
    now_threshold = load_threshold()[0]
    print(f"{'rule':16} {'label':5} {'file':>6} {'refit':>6}")
    for r in RULES:
        print(f"{r.name:16} {r.label:5} {now[r.name]:6.2f} {priors[r.name]:6.2f}")
    print(f"{'threshold':16} {'no':5} {now_threshold:6.2f} {threshold:6.2f}")
    for name, p, t in (("file", now, now_threshold), ("refit", priors, threshold)):
        print(f"{name:5} CFS F1 tune {f1(tune, p, t):.3f}  held-out {f1(held, p, t):.3f}")


if __name__ == "__main__":
    main()
