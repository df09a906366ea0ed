"""Entity pre-labelling quality on CoNLL-2003 dev and speed on BBC sentences.

    python -m bench.prelabel_entities              # micro/per-label P/R/F1 and speed
    python -m bench.prelabel_entities --lfs        # also per-LF coverage and precision
    python -m bench.prelabel_entities --errors 40  # also print some false positives/negatives

Quality: exact-span micro F1 after mapping our labels to CoNLL's (see ../shared/eval/README.md):
PERSON->PER, ORG->ORG, GPE/LOC/FAC->LOC, NORP/EVENT/WORK_OF_ART/LAW/LANGUAGE/PRODUCT->MISC,
other labels dropped. Speed: entity LFs and aggregation alone (segmentation excluded) over the
first 10,000 sentences of corpus/bbc.
"""

from __future__ import annotations

import argparse
import json
import time
from collections import defaultdict
from collections.abc import Iterator

from bench import devparts
from bench.common import bbc_sentence_docs, shared_path
from builder.metrics.matching import Match
from builder.metrics.prf import SpanKey, span_prf
from builder.model import Document, EntityVote
from builder.prelabel.apply import Prelabeler
from builder.prelabel.entities import gazetteer
from builder.prelabel.registry import registry
from builder.quality.heuristics import evaluate as score
from builder.segment import segment_document

CONLL = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC"}
CONLL |= dict.fromkeys(["NORP", "EVENT", "WORK_OF_ART", "LAW", "LANGUAGE", "PRODUCT"], "MISC")


def conll_docs() -> Iterator[dict[str, object]]:
    with shared_path("eval", "entities", "conll2003_dev_docs.jsonl").open() as fh:
        for line in fh:
            yield json.loads(line)


def evaluate(
    labeler: Prelabeler, show_lfs: bool, errors: int
) -> tuple[list[SpanKey], list[SpanKey]]:
    gold: list[SpanKey] = []
    pred: list[SpanKey] = []
    lf_votes: dict[str, list[SpanKey]] = defaultdict(list)
    texts: dict[str, str] = {}
    for doc in conll_docs():
        doc_id, text = str(doc["doc_id"]), str(doc["text"])
        texts[doc_id] = text
        gold += [(doc_id, e["start"], e["end"], e["type"]) for e in doc["entities"]]  # type: ignore[attr-defined]
        sentences = segment_document(Document(doc_id, "", text, "", ""))
        for item in labeler.label_document(sentences):
            off = item.sentence.start
            for ent in item.prediction["entities"]:
                if ent["label"] in CONLL:
                    pred.append((doc_id, off + ent["start"], off + ent["end"], CONLL[ent["label"]]))
            for name, lf_out in item.votes.items():
                for v in lf_out:
                    if isinstance(v, EntityVote) and v.label in CONLL:
                        lf_votes[name].append((doc_id, off + v.start, off + v.end, CONLL[v.label]))
    scores = span_prf(gold, pred, Match.exact)
    m = scores["micro"]
    print(f"CoNLL-2003 dev, exact spans: P {m.precision:.3f} R {m.recall:.3f} F1 {m.f1:.3f}")
    for label in ("PER", "ORG", "LOC", "MISC"):
        s = scores.get(label)
        if s:
            print(f"  {label:5} P {s.precision:.3f} R {s.recall:.3f} F1 {s.f1:.3f} gold {s.n_gold}")
    if show_lfs:
        gold_set = set(gold)
        gold_spans = {g[:3] for g in gold}
        print(f"  {'LF':24} {'votes':>6} {'prec':>6} {'span ok':>8}")
        for name, keys in sorted(lf_votes.items()):
            ok = sum(k in gold_set for k in keys) / len(keys)
            span_ok = sum(k[:3] in gold_spans for k in keys) / len(keys)
            print(f"  {name:24} {len(keys):6d} {ok:6.3f} {span_ok:8.3f}")
    if errors:
        fp, fn = sorted(set(pred) - set(gold)), sorted(set(gold) - set(pred))
        for kind, items in (("FP", fp), ("FN", fn)):
            for d, start, end, lab in items[:: max(1, len(items) // errors)][:errors]:
                ctx = texts[d][max(0, start - 30) : end + 30].replace("\n", " / ")
                print(f"{kind} {lab:4} {texts[d][start:end]!r:30} ... {ctx!r}")
    return gold, pred


def parts(labeler: Prelabeler) -> None:
    """Micro and ORG F1 on the tune and held-out parts (``bench/devparts.py``). No one-line
    baseline is asked of entities; the anchor is spaCy's small model (../shared/eval)."""
    dev = devparts.conll()
    for part, docs in zip(devparts.PARTS, (dev.tune, dev.held), strict=True):
        exact = score(docs, labeler, dev.entity_map)["entities"]["exact"]
        per = "  ".join(f"{k} {exact[k]['f1']:.3f}" for k in ("PER", "ORG", "LOC", "MISC"))
        print(f"  {part:8} ({len(docs)} docs) micro F1 {exact['micro']['f1']:.3f}  {per}")


def speed(labeler: Prelabeler, limit: int) -> None:
    t0 = time.perf_counter()
    gazetteer.warm_up()
    print(f"gazetteer build: {time.perf_counter() - t0:.2f} s")
    docs = bbc_sentence_docs(limit)
    n = sum(len(d) for d in docs)
    t0 = time.perf_counter()
    for doc in docs:
        for _ in labeler.label_document(doc):
            pass
    dt = time.perf_counter() - t0
    print(f"speed: {n} BBC sentences in {dt:.2f} s = {n / dt:,.0f} sentences/s")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--lfs", action="store_true", help="per-LF coverage and precision")
    ap.add_argument("--errors", type=int, default=0, help="print N false positives/negatives")
    ap.add_argument("--sentences", type=int, default=10_000, help="BBC sentences for speed")
    ap.add_argument("--no-speed", action="store_true", help="skip the speed measurement")
    args = ap.parse_args()
    labeler = Prelabeler([lf for lf in registry() if lf.layer == "entities"])
    if not args.no_speed:
        speed(labeler, args.sentences)
    evaluate(labeler, args.lfs, args.errors)
    parts(labeler)


if __name__ == "__main__":
    main()
