"""The learned claim model over the heuristics, on PolNeAR: does it add anything?

    python -m bench.learned_claims                   # the table
    python -m bench.learned_claims --iterations 100  # more L-BFGS iterations

The corpus is PolNeAR's text (dev and train, their labels unread, as a user's corpus is);
human claims stand in for an annotation snapshot on train-A only (``bench.devparts``: the tune
half of the train split). The claim model (``builder/learn/claim_model.py``) is trained as
`builder learn --model-out` trains it, and the rows are scored as ``bench.prelabel_claims``
scores them (cue, source and content F1) on dev, train-A and train-B (held out: neither the
rules nor the model saw its labels):

- the heuristics alone;
- the model trained on silver alone (no human claims), voting at its prior: the claims the
  heuristics miss, added (why `builder learn` trains none without human claims);
- the model trained on the silver and train-A's human claims (why it learns from the human
  claims alone);
- the model trained on train-A's human claims alone, as `builder learn` trains it; the same
  without the cue-word gate (the tagger run on every sentence: what the gate costs); and the
  verdict `builder learn` reaches on those labels (whether the model would vote or stay
  advisory).
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Sequence
from typing import Any

from bench import devparts
from builder.learn.claim_model import (
    ITERATIONS,
    PRIOR,
    examples,
    human_claims,
    judge,
    train_claims,
)
from builder.model import Sentence
from builder.prelabel.apply import Labelled, Prelabeler
from builder.prelabel.learned.claim_tagger import ClaimTagger
from builder.prelabel.learned.voter import CLAIMS_NAME, claims_lf
from builder.prelabel.lf import LabelingFunction
from builder.prelabel.registry import registry
from builder.quality.devsets import GoldAttribution, GoldDoc
from builder.quality.heuristics import evaluate, label_gold
from builder.segment.tokenizer import split_tokens


def _clipped(spans: Sequence[tuple[int, int]], sentence: Sentence) -> dict[str, int] | None:
    """The first of a gold part's spans inside the sentence, in sentence offsets."""
    for start, end in spans:
        s, e = max(start, sentence.start), min(end, sentence.end)
        if s < e:
            return {"start": s - sentence.start, "end": e - sentence.start}
    return None


def human_records(sentence: Sentence, gold: Sequence[GoldAttribution]) -> list[dict[str, Any]]:
    """The gold attributions whose cue is in ``sentence``, as human claim records."""
    out = []
    for a in gold:
        cue = _clipped(a.cue, sentence)
        if cue is not None:
            out.append(
                {
                    "claim": _clipped(a.content, sentence),
                    "source": _clipped(a.source, sentence),
                    "cue": cue,
                }
            )
    return out


def corpus(
    lfs: Sequence[LabelingFunction], labelled_docs: Sequence[GoldDoc]
) -> tuple[list[Labelled], dict[str, dict[str, Any]]]:
    """Every PolNeAR sentence labelled by the heuristics, and human claims for
    ``labelled_docs``' sentences."""
    dev = devparts.polnear()
    human_ids = {d.id for d in labelled_docs}
    labelled: list[Labelled] = []
    gold: dict[str, dict[str, Any]] = {}
    for doc, items in label_gold([*dev.tune, *dev.held], Prelabeler(lfs)):
        labelled += items
        if doc.id in human_ids:
            for item in items:
                records = human_records(item.sentence, doc.attributions or ())
                gold[item.sentence.id] = {"claims": records}
    return labelled, gold


def scores(docs: Sequence[GoldDoc], labeler: Prelabeler) -> str:
    got = evaluate(docs, labeler)["claims"]
    return " / ".join(f"{got[k]['f1']:.3f}" for k in ("cue", "source", "content"))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--iterations", type=int, default=ITERATIONS)
    args = ap.parse_args()
    lfs = [lf for lf in registry() if lf.layer == "claims"]
    dev = devparts.polnear().tune
    train_a, train_b = devparts.polnear_train_halves()
    t0 = time.perf_counter()
    labelled, gold = corpus(lfs, train_a)
    took = time.perf_counter() - t0
    print(f"{len(labelled)} sentences, {len(gold)} with human claims ({took:.0f} s)")
    parts = (("dev", dev), ("train-A", train_a), ("train-B", train_b))
    print(f"{'cue / source / content F1':44}" + "".join(f"{p:>22}" for p, _ in parts))

    def row(name: str, labeler: Prelabeler) -> None:
        print(f"{name:44}" + "".join(f"{scores(d, labeler):>22}" for _, d in parts), flush=True)

    row("heuristics", Prelabeler(lfs))
    variants = (
        ("silver only", examples(labelled, gold, set())),
        ("silver + train-A human claims", examples(labelled, gold, set(gold))),
        ("train-A human claims (builder learn's)", examples(human_claims(labelled, gold), gold)),
    )
    for name, data in variants:
        t = time.perf_counter()
        crf, n, cue_words = train_claims(data, args.iterations)
        took = time.perf_counter() - t
        tagger = ClaimTagger(crf, CLAIMS_NAME, cue_words)
        header = {"sentences": n, "prior": PRIOR}
        row(f"model, {name} ({took:.0f} s)", Prelabeler([*lfs, claims_lf(tagger, header)]))
    words = {t.lower() for i in labelled for t in split_tokens(i.sentence.text)[1]}
    everywhere = ClaimTagger(crf, CLAIMS_NAME, words)
    row("  the same, tagging every sentence", Prelabeler([*lfs, claims_lf(everywhere, header)]))
    verdict = judge(labelled, gold, lfs, args.iterations)
    human = human_claims(labelled, gold)
    print(f"builder learn's verdict on the {len(human)} human sentences: {verdict}")


if __name__ == "__main__":
    main()
