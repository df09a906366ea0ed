"""Segmentation quality and speed on the shared development sets.

    python -m bench.segmentation            # all three figures
    python -m bench.segmentation --errors   # also print the EWT boundary errors

Golden rules: cases whose sentence list matches exactly (markers kept, as the rules write
them). EWT: F1 over the set of sentence end offsets. Throughput: segmentation alone (spans,
ids and Sentence records) over the text of corpus/bbc, streamed one document at a time.
"""

from __future__ import annotations

import argparse
import json
import time

from bench.common import at_least, bbc_documents, f1, peak_rss_mb, shared_path
from builder.segment import Segmenter, segment_document


def golden_rules(show: bool) -> tuple[int, int]:
    seg = Segmenter(keep_list_markers=True)
    ok = total = 0
    with shared_path("eval", "segmentation", "golden_rules.jsonl").open() as fh:
        for line in fh:
            case = json.loads(line)
            got = [case["text"][s:e] for s, e in seg.spans(case["text"])]
            total += 1
            if got == [s.strip() for s in case["sentences"]]:
                ok += 1
            elif show:
                print(f"golden {case['id']} {case['rule']}: {got}")
    return ok, total


def ewt(show: bool) -> tuple[float, float, float]:
    seg = Segmenter()
    tp = n_pred = n_gold = 0
    with shared_path("eval", "segmentation", "ud_ewt_test_docs.jsonl").open() as fh:
        for line in fh:
            doc = json.loads(line)
            text = doc["text"]
            gold = {
                e - (len(text[s:e]) - len(text[s:e].rstrip())) for s, e in doc["sentence_spans"]
            }
            pred = {e for _, e in seg.spans(text)}
            tp += len(gold & pred)
            n_pred += len(pred)
            n_gold += len(gold)
            if show:
                for e in sorted(pred ^ gold):
                    kind = "FP" if e in pred else "FN"
                    before, after = text[max(0, e - 50) : e], text[e : e + 30]
                    print(f"{kind} {doc['doc_id'][:30]}: {before!r} | {after!r}")
    return f1(tp, n_pred, n_gold)


def throughput(repeat: int) -> list[tuple[float, int, float]]:
    """(MB/s, sentences, seconds) of each pass over corpus/bbc with one segmenter. The first
    pass is the figure: the segmenter remembers words and token cuts, so later passes over
    the same text measure warm memos a corpus of new text does not have."""
    seg = Segmenter()
    passes = []
    for _ in range(repeat):
        n_chars = n_sents = 0
        t0 = time.perf_counter()
        for doc in bbc_documents():
            n_chars += len(doc.text.encode())
            for _s in segment_document(doc, seg):
                n_sents += 1
        secs = time.perf_counter() - t0
        passes.append((n_chars / secs / 1e6, n_sents, secs))
    return passes


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--errors", action="store_true", help="print every error")
    ap.add_argument(
        "--repeat", type=at_least(1), default=3, help="passes (the first is the figure)"
    )
    args = ap.parse_args()
    ok, total = golden_rules(args.errors)
    p, r, f = ewt(args.errors)
    passes = throughput(args.repeat)
    mbs, n_sents, secs = passes[0]
    warm = max(speed for speed, _, _ in passes)
    print(f"golden rules        {ok}/{total}")
    print(f"EWT boundary        P {p:.3f}  R {r:.3f}  F1 {f:.3f}")
    print(f"bbc throughput      {mbs:.2f} MB/s  ({n_sents} sentences in {secs:.2f} s, first pass)")
    print(f"  warm memos        {warm:.2f} MB/s  (best of {len(passes)} passes, same text)")
    print(f"peak memory         {peak_rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
