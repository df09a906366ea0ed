"""The learned layer over the heuristics, on CoNLL-2003 dev: does it add anything?

    python -m bench.learned_layer                  # the table (TUNE and HELD-OUT)
    python -m bench.learned_layer --silver bbc     # silver from corpus/bbc only (default: both)

The dev documents are split as ``bench.devparts`` splits them for every CoNLL figure: TUNE
(the rules were tuned there; choices here are made there) and HELD-OUT (a third, only
reported). Rows, each scored by exact-span micro F1 and ORG F1 after the CoNLL
label mapping of bench/prelabel_entities.py:

- heuristics alone (the entity heuristics and their aggregation, as `builder prelabel`);
- the CRF (``builder/learn/sequence.py``) trained on the heuristics' silver over the unlabeled
  text (corpus/bbc and/or the dev set's own text without its labels: the user's corpus), used
  as `builder prelabel --model` uses it: advisory, deciding, or voting at the prior chosen on
  TUNE;
- the CRF trained on the silver and TUNE's gold (standing for human corrections), deciding:
  its HELD-OUT figure is the one that counts;
- the label model (``builder/learn/label_model.py``): heuristic priors estimated from their
  agreements over the unlabeled corpus, used in aggregation.
"""

from __future__ import annotations

import argparse
import dataclasses
import time
from collections.abc import Iterable, Sequence

from bench.common import bbc_sentence_docs
from bench.devparts import held_by_hash
from bench.prelabel_entities import CONLL, conll_docs
from builder.learn.label_model import fit_priors
from builder.learn.sequence import Example, train
from builder.metrics.matching import Match
from builder.metrics.prf import SpanKey, span_prf
from builder.model import Document
from builder.prelabel.apply import Labelled, Prelabeler
from builder.prelabel.learned.artefact import Artefact
from builder.prelabel.learned.casing import casing_table
from builder.prelabel.learned.voter import LearnedVoter, voter_of
from builder.prelabel.lf import DocContext, LabelingFunction
from builder.prelabel.registry import registry
from builder.segment import segment_document

PRIORS = (0.3, 0.5, 0.7, 0.9)
ONTONOTES = {
    "PER": "PERSON",
    "ORG": "ORG",
    "LOC": "GPE",
    "MISC": "NORP",
}  # back from CONLL  # the CRF voter's prior, chosen on TUNE


def part(doc_id: str) -> str:
    """TUNE or HELD-OUT as every CoNLL figure splits the dev set (``bench.devparts``: a third
    held out, the part the rules were never tuned on)."""
    return "HELD" if held_by_hash(doc_id) else "TUNE"


def dev_set(labeler: Prelabeler) -> tuple[list[list[Labelled]], dict[str, list[SpanKey]]]:
    docs: list[list[Labelled]] = []
    gold: dict[str, list[SpanKey]] = {"TUNE": [], "HELD": []}
    for doc in conll_docs():
        doc_id, text = str(doc["doc_id"]), str(doc["text"])
        gold[part(doc_id)] += [(doc_id, e["start"], e["end"], e["type"]) for e in doc["entities"]]  # type: ignore[attr-defined]
        sentences = segment_document(Document(doc_id, "", text, "", ""))
        docs.append(list(labeler.label_document(sentences)))
    return docs, gold


def gold_examples(docs: Sequence[list[Labelled]]) -> list[Example]:
    """TUNE's sentences with their gold entities (as human corrections would be), the
    heuristics' other types (dates, numbers: CoNLL has none) kept where no gold span is."""
    spans: dict[str, list[tuple[int, int, str]]] = {}
    for record in conll_docs():
        spans[str(record["doc_id"])] = [
            (e["start"], e["end"], e["type"])
            for e in record["entities"]  # type: ignore[attr-defined]
        ]
    out = []
    for doc in docs:
        for item in doc:
            s = item.sentence
            if part(s.doc_id) != "TUNE":
                continue
            gold = [
                {"start": a - s.start, "end": b - s.start, "label": ONTONOTES[t]}
                for a, b, t in spans[s.doc_id]
                if s.start <= a and b <= s.end
            ]
            rest = [
                e
                for e in item.prediction["entities"]
                if e["label"] not in CONLL
                and not any(e["start"] < g["end"] and g["start"] < e["end"] for g in gold)
            ]
            out.append(Example(s, item.votes, item.prediction["entities"], gold + rest))
    return out


def score(docs: Iterable[list[Labelled]], gold: dict[str, list[SpanKey]]) -> dict[str, str]:
    pred: dict[str, list[SpanKey]] = {"TUNE": [], "HELD": []}
    for doc in docs:
        for item in doc:
            s = item.sentence
            for e in item.prediction["entities"]:
                if e["label"] in CONLL:
                    key = (s.doc_id, s.start + e["start"], s.start + e["end"], CONLL[e["label"]])
                    pred[part(s.doc_id)].append(key)
    out = {}
    for name in ("TUNE", "HELD"):
        scores = span_prf(gold[name], pred[name], Match.exact)
        out[name] = f"{scores['micro'].f1:.3f} / {scores['ORG'].f1:.3f}"
    return out


def relabel(
    docs: Sequence[list[Labelled]], labeler: Prelabeler, voter: LearnedVoter | None
) -> list[list[Labelled]]:
    """The same votes, with the learned voter's added, aggregated by ``labeler``."""
    out = []
    for doc in docs:
        new = []
        for item in doc:
            votes = dict(item.votes)
            if voter is not None:
                ctx = DocContext(item.sentence.doc_id, votes=item.votes)
                votes[voter.lf.name] = voter.lf(item.sentence, ctx)
            new.append(Labelled(item.sentence, votes, labeler.aggregate(item.sentence, votes)))
        out.append(new)
    return out


def as_voter(crf: bytes, casing: dict[str, str], use: str, prior: float = 0.5) -> LearnedVoter:
    return voter_of(Artefact({"use": use, "prior": prior}, casing, crf))


def trained(
    silver: Sequence[list[Labelled]], gold: Sequence[Example], casing: dict[str, str]
) -> bytes:
    t0 = time.perf_counter()
    with_gold = {e.sentence.id for e in gold}
    examples = [
        Example(i.sentence, i.votes, i.prediction["entities"])
        for d in silver
        for i in d
        if i.sentence.id not in with_gold
    ] + list(gold)
    crf, n = train(examples, casing)
    took = time.perf_counter() - t0
    print(f"CRF: {n} sentences ({len(gold)} gold), {len(crf) / 1e6:.1f} MB, {took:.0f} s")
    return crf


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--silver", choices=("bbc", "dev", "both"), default="both")
    ap.add_argument("--bbc-sentences", type=int, default=0, help="0: all of corpus/bbc")
    args = ap.parse_args()
    lfs = [lf for lf in registry() if lf.layer == "entities"]
    labeler = Prelabeler(lfs)
    docs, gold = dev_set(labeler)
    rows = {"heuristics alone": score(docs, gold)}
    t0 = time.perf_counter()
    bbc = [] if args.silver == "dev" else bbc_sentence_docs(args.bbc_sentences)
    silver = [list(labeler.label_document(d)) for d in bbc]
    if args.silver != "bbc":
        silver += docs
    took = time.perf_counter() - t0
    print(f"silver: {sum(map(len, silver))} sentences, heuristics run in {took:.0f} s")
    casing = casing_table(i.sentence.text for d in silver for i in d)
    crf = trained(silver, [], casing)
    name = f"silver ({args.silver})"
    rows[f"+ CRF on {name}, advisory (no human labels)"] = score(
        relabel(docs, Prelabeler(lfs, as_voter(crf, casing, "advisory")), None), gold
    )
    rows[f"+ CRF on {name}, decides"] = score(
        relabel(docs, *_with(lfs, as_voter(crf, casing, "decides"))), gold
    )
    best = max(
        PRIORS,
        key=lambda p: score(relabel(docs, *_with(lfs, as_voter(crf, casing, "votes", p))), gold)[
            "TUNE"
        ],
    )
    rows[f"+ CRF on {name}, votes at prior {best} (best on TUNE)"] = score(
        relabel(docs, *_with(lfs, as_voter(crf, casing, "votes", best))), gold
    )
    crf = trained(silver, gold_examples(docs), casing)
    rows[f"+ CRF on {name} + TUNE gold, decides (TUNE in-sample)"] = score(
        relabel(docs, *_with(lfs, as_voter(crf, casing, "decides"))), gold
    )
    declared = {lf.name: lf.prior for lf in lfs}
    fitted = fit_priors((i.votes for d in silver for i in d), declared)
    learned = [dataclasses.replace(lf, prior=fitted.get(lf.name, lf.prior)) for lf in lfs]
    rows["label model: priors fitted on the silver corpus"] = score(
        relabel(docs, Prelabeler(learned), None), gold
    )
    print("\n| entities, CoNLL-2003 dev (micro F1 / ORG F1) | TUNE | HELD-OUT |\n|---|---|---|")
    for what, got in rows.items():
        print(f"| {what} | {got['TUNE']} | {got['HELD']} |")


def _with(lfs: Sequence[LabelingFunction], voter: LearnedVoter) -> tuple[Prelabeler, LearnedVoter]:
    return Prelabeler(lfs, voter), voter


if __name__ == "__main__":
    main()
