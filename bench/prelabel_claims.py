"""Claim attribution and check-worthiness heuristics: quality and speed on the shared sets.

    python -m bench.prelabel_claims                 # all figures
    python -m bench.prelabel_claims --lfs           # also per-LF cue figures
    python -m bench.prelabel_claims --speed-only    # throughput only

PolNeAR: cue F1 (overlap), then source and content F1 on the cue-matched attributions, and
sentence-level attribution detection F1 (the scorer of ``builder.quality.heuristics``).
ClaimBuster: F1 of the CFS ("yes") class, each text one sentence. Each figure on the parts of
``bench/devparts.py``, next to the one-line baseline of ``bench/baselines.py``: PolNeAR dev and
train-A are tuned on, train-B is held out, and "train" (A and B, their counts summed) is the
issue's figure; ClaimBuster rows 0-4,000 and 12,000-22,501 are tuned on, rows 4,000-12,000 held
out.
Speed: claims + check-worthiness LFs over the first sentences of corpus/bbc, segmented first
(segmentation is not timed).
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Mapping
from typing import Any

from bench import devparts
from bench.baselines import BASELINES
from bench.common import bbc_sentences
from builder.metrics.prf import PRF
from builder.prelabel.apply import Prelabeler
from builder.prelabel.lf import LabelingFunction
from builder.prelabel.registry import registry
from builder.quality.heuristics import evaluate


def _lfs(*layers: str) -> list[LabelingFunction]:
    return [lf for lf in registry() if lf.layer in layers]


def _row(name: str, d: dict[str, float]) -> str:
    return (
        f"{name:<28} P {d['precision']:.3f}  R {d['recall']:.3f}  F1 {d['f1']:.3f}"
        f"  (tp {d['tp']}, pred {d['n_pred']}, gold {d['n_gold']})"
    )


def _systems(layer: str) -> list[tuple[str, Prelabeler]]:
    return [("heuristics", Prelabeler(_lfs(layer))), ("baseline", Prelabeler([BASELINES[layer]]))]


_CLAIM_PARTS = ("cue", "source", "content", "sentence_detection")


def _summed(a: Mapping[str, Any], b: Mapping[str, Any]) -> dict[str, Any]:
    """Two parts' claims scores as one: their counts summed, the ratios computed again."""
    return {
        k: PRF(
            a[k]["tp"] + b[k]["tp"],
            a[k]["n_pred"] + b[k]["n_pred"],
            a[k]["n_gold"] + b[k]["n_gold"],
        ).as_dict()
        for k in _CLAIM_PARTS
    }


def polnear(per_lf: bool) -> None:
    dev = devparts.polnear()
    train_a, train_b = devparts.polnear_train_halves()
    print("PolNeAR attribution (tuned on: dev, train-A; held out: train-B; train = A + B)")
    for system, pre in _systems("claims"):
        scores = {
            "dev": evaluate(dev.tune, pre)["claims"],
            "train-A": evaluate(train_a, pre)["claims"],
            "train-B": evaluate(train_b, pre)["claims"],
        }
        scores["train"] = _summed(scores["train-A"], scores["train-B"])
        for part, got in scores.items():
            f1s = " / ".join(f"{got[k]['f1']:.3f}" for k in ("cue", "source", "content"))
            print(f"  {part:8} {system:10} cue / source / content F1 {f1s}")
            for k in _CLAIM_PARTS:
                print("      " + _row(k, got[k]))
            if per_lf and system == "heuristics" and "per_lf" in got:
                for name, d in got["per_lf"].items():
                    print("      " + _row(f"  {name} (cue)", d["cue"]))


def claimbuster() -> None:
    dev = devparts.claimbuster()
    rest = devparts.claimbuster_rest()
    print("ClaimBuster CFS F1 (tuned on: rows 0-4,000 and 12,000-22,501; held out: 4,000-12,000)")
    parts = (("0-4k", dev.tune), ("12k-", rest), ("held-out", dev.held))
    for part, docs in parts:
        for system, pre in _systems("check_worthy"):
            cfs = evaluate(docs, pre)["check_worthy"]["per_class"]["yes"]
            print(f"  {part:8} {system:10} " + _row("CFS (yes)", cfs))


def speed(limit: int) -> None:
    sentences = list(bbc_sentences(limit))
    prelabeler = Prelabeler(_lfs("claims", "check_worthy"))
    start = time.perf_counter()
    n = sum(1 for _ in prelabeler.label(sentences))
    elapsed = time.perf_counter() - start
    print(f"Speed: {n} BBC sentences in {elapsed:.2f}s = {n / elapsed:,.0f} sentences/s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lfs", action="store_true", help="per-LF cue figures")
    parser.add_argument("--speed-sentences", type=int, default=10_000)
    parser.add_argument("--speed-only", action="store_true")
    args = parser.parse_args()
    if not args.speed_only:
        polnear(args.lfs)
        claimbuster()
    speed(args.speed_sentences)


if __name__ == "__main__":
    main()
