"""What `builder learn` gains over the heuristics on real human labels, and that it refuses noise.

    python -m bench.learn_lift                 # NewsMTSC sentence sentiment as the annotations

Human labels: NewsMTSC train (sentence-level labels derived as in bench.prelabel_sentiment),
written as one pulled annotation snapshot (sentiment only; the other layers unlabelled), each
article a document (the first three parts of ``primary_gid``), so the cross-validation never
trains on the article it scores. Then `learn` as the CLI runs it: the out-of-fold macro-F1 of
the heuristics and of the classifier, the lift and its 5th percentile over resampled articles,
the chance level, and whether it is used. The control: the same sentences with their labels
shuffled, where nothing can be learned and the classifier must be refused.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.prelabel_sentiment import labelled
from builder.jsonl import write_records
from builder.learn.run import learn
from builder.model import Sentence
from builder.segment import sentence_id


def load() -> list[tuple[Sentence, str]]:
    out: list[tuple[Sentence, str]] = []
    for gid, raw, label in labelled():
        # 399 of NewsMTSC's sentences hold a line break (a photo credit before the sentence);
        # a sentence record is one line (E203), as the segmenter would have cut it. A space
        # keeps the length, so offsets and the heuristics' reading barely move.
        text = raw.replace("\n", " ")
        doc = "_".join(gid.split("_")[:3])
        sid = sentence_id(doc, text, len(out))
        out.append((Sentence(sid, doc, len(out), 0, len(text), text), label))
    out.sort(key=lambda pair: (pair[0].doc_id, pair[0].index))  # documents contiguous
    return out


def _record(sent: Sentence, label: str, n: int) -> dict[str, Any]:
    return {
        "sentence_id": sent.id,
        "doc_id": sent.doc_id,
        "text": sent.text,
        "task_id": n,
        "annotation_id": n,
        "annotator": "newsmtsc",
        "created": "2026-01-01T00:00:00Z",
        "updated": "2026-01-01T00:00:00Z",
        "lead_time": 1.0,
        "was_cancelled": False,
        "ground_truth": False,
        "entities": None,
        "claims": None,
        "check_worthy": None,
        "sentiment": label,
    }


def run(pairs: list[tuple[Sentence, str]], folder: Path) -> dict[str, Any]:
    sentences = [s for s, _ in pairs]
    write_records(folder / "sentences.jsonl", (s.to_dict() for s in sentences))
    snapshot = folder / "annotations" / "newsmtsc"
    write_records(
        snapshot / "snap.jsonl", (_record(s, label, n) for n, (s, label) in enumerate(pairs, 1))
    )
    (snapshot / "latest.json").write_text('{"records": "snap.jsonl"}\n')
    started = time.perf_counter()
    report = learn(folder / "sentences.jsonl", folder / "annotations", folder / "out.jsonl")
    seconds = round(time.perf_counter() - started, 1)
    return {"seconds": seconds, **report["classifiers"]["sentiment"]}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, default=0, help="of the shuffled control")
    args = ap.parse_args()
    pairs = load()
    docs = len({s.doc_id for s, _ in pairs})
    print(f"NewsMTSC: {len(pairs)} labelled sentences in {docs} articles")
    labels = [label for _, label in pairs]
    random.Random(args.seed).shuffle(labels)
    shuffled = [(s, label) for (s, _), label in zip(pairs, labels, strict=True)]
    with tempfile.TemporaryDirectory() as real, tempfile.TemporaryDirectory() as noise:
        results = {"human labels": run(pairs, Path(real)), "shuffled": run(shuffled, Path(noise))}
    keys = ("n", "heuristics_f1", "learned_f1", "lift", "lift_low", "chance_f1", "used", "seconds")
    print("| labels | " + " | ".join(keys) + " |")
    print("|---" * (len(keys) + 1) + "|")
    for name, row in results.items():
        print(f"| {name} | " + " | ".join(str(row.get(k)) for k in keys) + " |")


if __name__ == "__main__":
    main()
