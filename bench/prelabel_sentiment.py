"""Sentence sentiment pre-labels: quality on NewsMTSC and speed on BBC news.

    python -m bench.prelabel_sentiment              # figures
    python -m bench.prelabel_sentiment --errors 40  # also print 40 held-out errors (stdout only)

Gold: NewsMTSC train (sentiment towards people in US news, 1-7 scale). A sentence-level label is
derived when all targets agree (< 4 negative, 4 neutral, > 4 positive); mixed sentences are
skipped. Every 5th labelled sentence is held out (not looked at while tuning); the rest is the
tuning part. Prediction: the aggregated sentiment of Prelabeler over the sentiment LFs, each
sentence its own one-sentence document. Baseline: VADER's analyzer, compound >= 0.05 positive,
<= -0.05 negative. Speed: the sentiment LFs plus aggregation over the first N BBC sentences.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable, Iterator

from bench.baselines import vader_class
from bench.common import bbc_sentences, shared_path
from builder.metrics.prf import class_prf, macro_f1
from builder.model import Sentence
from builder.prelabel.apply import Prelabeler
from builder.prelabel.registry import registry

CLASSES = ("negative", "neutral", "positive")
Gold = dict[str, tuple[str, str]]  # id -> (text, label)


def _label(polarity: float) -> str:
    return "negative" if polarity < 4 else "neutral" if polarity == 4 else "positive"


def labelled() -> Iterator[tuple[str, str, str]]:
    """(gid, text, label) of every NewsMTSC sentence whose targets all agree, in file order."""
    with shared_path("eval", "sentiment", "newsmtsc_train.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            labels = {_label(t["polarity"]) for t in rec["targets"]}
            if len(labels) == 1:
                yield rec["primary_gid"], rec["sentence_normalized"], labels.pop()


def load_gold() -> tuple[Gold, Gold]:
    """(tuning part, held-out part): every 5th labelled sentence is held out."""
    tune: Gold = {}
    held: Gold = {}
    for n, (gid, text, label) in enumerate(labelled()):
        (held if n % 5 == 4 else tune)[gid] = (text, label)
    return tune, held


def sentence(sid: str, text: str) -> Sentence:
    return Sentence(sid, sid, 0, 0, len(text), text)


def ours() -> Callable[[str, str], str]:
    pre = Prelabeler([lf for lf in registry() if lf.layer == "sentiment"])

    def predict(sid: str, text: str) -> str:
        (out,) = pre.label_document([sentence(sid, text)])
        return str(out.prediction["sentiment"]["label"])

    return predict


def vader() -> Callable[[str, str], str]:
    """The one-line baseline (``bench.baselines``): VADER compound, +-0.05 thresholds."""
    return lambda sid, text: vader_class(text)


def evaluate(gold: Gold, predict: Callable[[str, str], str]) -> tuple[float, str, dict[str, str]]:
    pred = {sid: predict(sid, text) for sid, (text, _) in gold.items()}
    scores = class_prf({sid: label for sid, (_, label) in gold.items()}, pred)
    rows = "  ".join(
        f"{c[:3]} P {scores[c].precision:.3f} R {scores[c].recall:.3f} F1 {scores[c].f1:.3f}"
        for c in CLASSES
        if c in scores
    )
    return macro_f1(scores, CLASSES), rows, pred


def speed(limit: int, repeat: int) -> tuple[float, int]:
    sentences = list(bbc_sentences(limit))
    best = float("inf")
    for _ in range(repeat):
        # A fresh pre-labeler and an empty analysis cache: no run profits from the one before.
        from builder.prelabel.sentiment.scorer import analyse

        analyse.cache_clear()
        pre = Prelabeler([lf for lf in registry() if lf.layer == "sentiment"])
        t0 = time.perf_counter()
        for _ in pre.label(sentences):
            pass
        best = min(best, time.perf_counter() - t0)
    return len(sentences) / best, len(sentences)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--errors", type=int, default=0, help="print N held-out errors (stdout)")
    ap.add_argument("--tune-errors", type=int, default=0, help="print N tuning-part errors")
    ap.add_argument("--speed-sentences", type=int, default=10_000, help="BBC sentences timed")
    ap.add_argument("--repeat", type=int, default=3, help="speed runs (best is kept)")
    ap.add_argument("--no-vader", action="store_true", help="skip the (slow) VADER baseline")
    args = ap.parse_args()
    tune, held = load_gold()
    print(f"NewsMTSC sentences  tuning {len(tune)}  held-out {len(held)}")
    systems = [("ours", ours())] + ([] if args.no_vader else [("vader", vader())])
    for name, predict in systems:
        for part, gold, n_err in (("tuning", tune, args.tune_errors), ("held-out", held, 0)):
            n_err = args.errors if part == "held-out" and name == "ours" else n_err
            f1, rows, pred = evaluate(gold, predict)
            print(f"{name:5} {part:8}  macro-F1 {f1:.3f}  {rows}")
            if name == "ours" and n_err:
                wrong = [(sid, t, g) for sid, (t, g) in gold.items() if pred[sid] != g]
                for sid, text, g in wrong[:n_err]:
                    print(f"  gold {g[:3]} pred {pred[sid][:3]}: {text}")
    rate, n = speed(args.speed_sentences, args.repeat)
    print(f"speed (sentiment LFs + aggregation)  {rate:,.0f} sentences/s over {n} BBC sentences")


if __name__ == "__main__":
    main()
