"""Why PolNeAR's train split scores lower than dev (issue 13): the claims figures of the two TUNE
parts (dev, train-A) by stratum of document, and how far dev's own figure moves by chance.

    python -m bench.claims_gap                  # strata and bootstrap intervals
    python -m bench.claims_gap --rounds 2000    # more bootstrap rounds

Strata: attributions per sentence in the gold (how much the annotator marked), the annotator,
document length. Each cell is the micro F1 of cue / source / content over its documents, as
``bench.prelabel_claims`` scores them. The bootstrap resamples documents with replacement.
Only tune parts are read: train-B is held out (``bench/devparts.py``) and not looked at here.
"""

from __future__ import annotations

import argparse
import json
import random
from collections import defaultdict
from collections.abc import Callable, Sequence

from bench import devparts
from bench.common import shared_path
from builder.metrics.prf import PRF
from builder.prelabel.apply import Prelabeler
from builder.prelabel.registry import registry
from builder.quality.heuristics import GoldScorer, label_gold

PARTS = ("cue", "source", "content")
Counts = dict[str, tuple[int, int, int]]  # part -> (tp, predicted, gold)
Doc = tuple[str, str, int, Counts]  # (part, annotator, sentences, counts)


def _annotators() -> dict[str, str]:
    found: dict[str, str] = {}
    for split in ("dev", "train"):
        with open(shared_path("eval", "claims", f"polnear_{split}.jsonl"), encoding="utf-8") as f:
            for line in f:
                record = json.loads(line)
                found[record["doc_id"]] = record["annotator"]
    return found


def documents() -> list[Doc]:
    """Every tune document's claims counts, with its part, annotator and sentences."""
    labeler = Prelabeler([lf for lf in registry() if lf.layer == "claims"])
    who = _annotators()
    parts = {"dev": devparts.polnear().tune, "train-A": devparts.polnear_train_halves()[0]}
    out: list[Doc] = []
    for part, docs in parts.items():
        for doc, labelled in label_gold(docs, labeler):
            scorer = GoldScorer(None)
            scorer.add(doc, labelled)
            tp, pred = scorer.claims.get("(aggregated)", [0, 0])
            counts = {"cue": (tp, pred, scorer.claims_gold)}
            counts |= {k: (v[0], v[1], v[2]) for k, v in scorer.parts.items()}
            out.append((part, who.get(doc.id, "?"), len(labelled), counts))
    return out


def f1_values(docs: Sequence[Doc]) -> tuple[float, ...]:
    """Cue, source and content F1 over ``docs``, their counts summed."""
    return tuple(PRF(*(sum(d[3][k][i] for d in docs) for i in range(3))).f1 for k in PARTS)


def f1s(docs: Sequence[Doc]) -> str:
    return " / ".join(f"{c:.3f}" for c in f1_values(docs))


def _density(d: Doc) -> str:
    per = d[3]["cue"][2] / max(1, d[2])
    return "<0.4" if per < 0.4 else "0.4-0.8" if per < 0.8 else ">=0.8"


def _length(d: Doc) -> str:
    return "<20" if d[2] < 20 else "20-39" if d[2] < 40 else ">=40"


STRATA: dict[str, Callable[[Doc], str]] = {
    "gold attributions a sentence": _density,
    "annotator": lambda d: d[1],
    "sentences": _length,
}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--rounds", type=int, default=1000, help="bootstrap rounds")
    args = ap.parse_args()
    docs = documents()
    by_part = {p: [d for d in docs if d[0] == p] for p in ("dev", "train-A")}
    print("cue / source / content F1 (documents, gold attributions)")
    for part, ds in by_part.items():
        print(f"  {part:8} {f1s(ds)}  ({len(ds)}, {sum(d[3]['cue'][2] for d in ds)})")
    for name, key in STRATA.items():
        print(f"by {name}:")
        groups: dict[str, dict[str, list[Doc]]] = defaultdict(lambda: defaultdict(list))
        for d in docs:
            groups[key(d)][d[0]].append(d)
        for value in sorted(groups):
            row = "  ".join(
                f"{part} {f1s(groups[value][part])} ({len(groups[value][part])}, "
                f"{sum(d[3]['cue'][2] for d in groups[value][part])})"
                for part in by_part
            )
            print(f"  {value:8} {row}")
    rng = random.Random(0)
    print(f"bootstrap over documents, {args.rounds} rounds: 95% interval of each F1")
    for part, ds in by_part.items():
        draws = [f1_values([rng.choice(ds) for _ in ds]) for _ in range(args.rounds)]
        cells = []
        for i, k in enumerate(PARTS):
            values = sorted(t[i] for t in draws)
            lo, hi = values[int(0.025 * len(values))], values[int(0.975 * len(values)) - 1]
            cells.append(f"{k} {lo:.3f}-{hi:.3f}")
        print(f"  {part:8} " + ", ".join(cells))


if __name__ == "__main__":
    main()
