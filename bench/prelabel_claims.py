"""Claim attribution and check-worthiness heuristics: quality and speed on the shared sets.

    python -m bench.prelabel_claims                 # all figures
    python -m bench.prelabel_claims --speed-only    # throughput only

PolNeAR dev: cue F1 (overlap), then source and content F1 on the cue-matched attributions, and
sentence-level attribution detection F1 (the scorer of ``builder.quality.heuristics``).
ClaimBuster: F1 of the CFS ("yes") class on the first rows, each text one sentence.
Speed: claims + check-worthiness LFs over the first sentences of corpus/bbc, segmented first
(segmentation is not timed).
"""

from __future__ import annotations

import argparse
import time

from bench.common import bbc_sentences, shared_path
from builder.prelabel.apply import Prelabeler
from builder.prelabel.lf import LabelingFunction
from builder.prelabel.registry import registry
from builder.quality.devsets import read_gold
from builder.quality.heuristics import evaluate


def _lfs(*layers: str) -> list[LabelingFunction]:
    return [lf for lf in registry() if lf.layer in layers]


def _row(name: str, d: dict[str, float]) -> str:
    return (
        f"{name:<28} P {d['precision']:.3f}  R {d['recall']:.3f}  F1 {d['f1']:.3f}"
        f"  (tp {d['tp']}, pred {d['n_pred']}, gold {d['n_gold']})"
    )


def polnear(split: str) -> None:
    path = shared_path("eval", "claims", f"polnear_{split}.jsonl")
    scores = evaluate(read_gold(path, "polnear"), Prelabeler(_lfs("claims")))["claims"]
    print(f"PolNeAR {split}")
    for part in ("cue", "source", "content", "sentence_detection"):
        print("  " + _row(part, scores[part]))
    for name, d in scores["per_lf"].items():
        print("  " + _row(f"  {name} (cue)", d["cue"]))


def claimbuster(rows: int) -> None:
    path = shared_path("eval", "claims", "claimbuster_crowdsourced.jsonl")
    scores = evaluate(read_gold(path, "claimbuster", limit=rows), Prelabeler(_lfs("check_worthy")))
    print(f"ClaimBuster, first {rows} rows")
    print("  " + _row("CFS (yes)", scores["check_worthy"]["per_class"]["yes"]))


def speed(limit: int) -> None:
    sentences = list(bbc_sentences(limit))
    prelabeler = Prelabeler(_lfs("claims", "check_worthy"))
    start = time.perf_counter()
    n = sum(1 for _ in prelabeler.label(sentences))
    elapsed = time.perf_counter() - start
    print(f"Speed: {n} BBC sentences in {elapsed:.2f}s = {n / elapsed:,.0f} sentences/s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="dev", choices=["dev", "train"], help="PolNeAR split")
    parser.add_argument("--claimbuster-rows", type=int, default=4000)
    parser.add_argument("--speed-sentences", type=int, default=10_000)
    parser.add_argument("--speed-only", action="store_true")
    args = parser.parse_args()
    if not args.speed_only:
        polnear(args.split)
        claimbuster(args.claimbuster_rows)
    speed(args.speed_sentences)


if __name__ == "__main__":
    main()
