"""Does the heuristics' silver help the class layers' linear models? (issue 13: "sentiment and
check-worthiness as linear scikit-learn models" over silver and human gold)

    python -m bench.learn_silver                  # both layers
    python -m bench.learn_silver --silver 20000   # more silver sentences

`builder learn`'s classifier (``builder/learn/models.py``: TF-IDF words and characters, the
heuristics' answer as a token, logistic regression), scored out of fold over five folds of the
human labels grouped by document, as `builder learn` scores it, trained on:

- the human labels alone (what `builder learn` does);
- the human labels and ``--silver`` corpus/bbc sentences labelled by the heuristics' aggregated
  class, each silver sentence weighted 0.2 or 1;
- a few human labels (``--few`` drawn from each fold's training part), with and without the
  silver: where silver should help most, if it helps.

Human labels: NewsMTSC sentence sentiment (its articles the documents), and ClaimBuster's
first 4,000 rows for check-worthiness (each row its own document).
"""

from __future__ import annotations

import argparse
import random
from collections.abc import Sequence
from itertools import groupby

import numpy as np

from bench import devparts
from bench.common import bbc_sentence_docs
from bench.learn_lift import load
from builder.learn.models import _classifier, _inputs, folds, macro_f1
from builder.model import Sentence
from builder.prelabel.apply import Prelabeler
from builder.prelabel.registry import registry


def _answers(layer: str, docs: Sequence[Sequence[Sentence]]) -> list[tuple[str, str]]:
    """Each sentence's text and the heuristics' aggregated class."""
    labeler = Prelabeler([lf for lf in registry() if lf.layer == layer])
    return [
        (item.sentence.text, item.prediction[layer]["label"])
        for doc in docs
        for item in labeler.label_document(doc)
    ]


def _human(layer: str) -> tuple[list[Sentence], list[str]]:
    if layer == "sentiment":
        pairs = load()
        return [s for s, _ in pairs], [label for _, label in pairs]
    sentences, labels = [], []
    for n, doc in enumerate(devparts.claimbuster().tune):
        sentences.append(Sentence(f"cb{n}", doc.id, 0, 0, len(doc.text), doc.text))
        labels.append(str(doc.check_worthy))
    return sentences, labels


def out_of_fold(
    texts: list[str],
    heuristic: list[str],
    gold: list[str],
    groups: list[str],
    silver: Sequence[tuple[str, str]],
    weight: float,
    few: int,
) -> float:
    assigned = folds(groups)
    predicted = list(heuristic)
    rng = random.Random(0)
    for fold in range(5):
        train = [i for i, f in enumerate(assigned) if f != fold]
        if few:
            train = sorted(rng.sample(train, min(few, len(train))))
        test = [i for i, f in enumerate(assigned) if f == fold]
        x = _inputs([texts[i] for i in train], [heuristic[i] for i in train])
        x += _inputs([t for t, _ in silver], [h for _, h in silver])
        y = [gold[i] for i in train] + [h for _, h in silver]
        w = np.array([1.0] * len(train) + [weight] * len(silver))
        model = _classifier().fit(x, y, model__sample_weight=w)
        got = model.predict(_inputs([texts[i] for i in test], [heuristic[i] for i in test]))
        for i, label in zip(test, got, strict=True):
            predicted[i] = str(label)
    return macro_f1(gold, predicted)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--silver", type=int, default=10_000, help="corpus/bbc sentences (>= 1)")
    ap.add_argument("--few", type=int, default=500, help="human labels in the small setting")
    args = ap.parse_args()
    bbc = bbc_sentence_docs(0)
    for layer in ("sentiment", "check_worthy"):
        sentences, gold = _human(layer)
        by_doc = [list(g) for _, g in groupby(sentences, key=lambda s: s.doc_id)]
        heuristic = [h for _, h in _answers(layer, by_doc)]
        silver_all = _answers(layer, bbc)
        random.Random(0).shuffle(silver_all)
        silver = silver_all[: args.silver]
        texts, groups = [s.text for s in sentences], [s.doc_id for s in sentences]
        print(f"{layer}: {len(gold)} human labels, heuristics {macro_f1(gold, heuristic)}")
        for few in (0, args.few):
            who = "all human labels" if not few else f"{few} human labels a fold"
            for n, weight in ((0, 1.0), (len(silver), 0.2), (len(silver), 1.0)):
                f1 = out_of_fold(texts, heuristic, gold, groups, silver[:n], weight, few)
                what = "no silver" if not n else f"{n} silver at weight {weight}"
                print(f"  {who:26} {what:28} macro-F1 {f1:.4f}", flush=True)


if __name__ == "__main__":
    main()
