"""Claim attribution and check-worthiness heuristics: quality and speed on the shared sets.

    python -m bench.prelabel_claims                 # all figures
    python -m bench.prelabel_claims --lfs           # also per-LF cue figures
    python -m bench.prelabel_claims --speed-only    # throughput only

PolNeAR: cue F1 (overlap), then source and content F1 on the cue-matched attributions, and
sentence-level attribution detection F1 (the scorer of ``builder.quality.heuristics``).
ClaimBuster: F1 of the CFS ("yes") class, each text one sentence. Each figure on the tune and
held-out parts of ``bench/devparts.py``, next to the one-line baseline of ``bench/baselines.py``.
Speed: claims + check-worthiness LFs over the first sentences of corpus/bbc, segmented first
(segmentation is not timed).
"""

from __future__ import annotations

import argparse
import time

from bench import devparts
from bench.baselines import BASELINES
from bench.common import bbc_sentences
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


def polnear(per_lf: bool) -> None:
    dev = devparts.polnear()
    print("PolNeAR attribution (tune: dev split, held-out: train split)")
    for part, docs in zip(devparts.PARTS, (dev.tune, dev.held), strict=True):
        for system, pre in _systems("claims"):
            scores = evaluate(docs, pre)["claims"]
            f1s = " / ".join(f"{scores[k]['f1']:.3f}" for k in ("cue", "source", "content"))
            print(f"  {part:8} {system:10} cue / source / content F1 {f1s}")
            for k in ("cue", "source", "content", "sentence_detection"):
                print("      " + _row(k, scores[k]))
            if per_lf and system == "heuristics":
                for name, d in scores["per_lf"].items():
                    print("      " + _row(f"  {name} (cue)", d["cue"]))


def claimbuster() -> None:
    dev = devparts.claimbuster()
    print("ClaimBuster CFS F1 (tune: rows 0-4,000, held-out: rows 4,000-12,000)")
    for part, docs in zip(devparts.PARTS, (dev.tune, dev.held), strict=True):
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
