"""End-to-end `builder segment` (or `prelabel`) over growing corpora: speed and peak memory.

    python -m bench.segment_scale            # BBC corpus x1 and x4
    python -m bench.segment_scale --times 1 8
    python -m bench.segment_scale --stage prelabel --times 1 4

Each size runs `builder segment` in a fresh process on a documents.jsonl built from
corpus/bbc repeated with distinct ids, so the peak memory of that process is measured alone.
Flat memory across sizes shows the stage streams instead of holding the corpus.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import tempfile
from pathlib import Path

from bench.common import run_cli, shared_path
from builder.ingest import build_document
from builder.ingest.readers import InputFormat, RawDoc
from builder.jsonl import dumps

_MARKED = re.compile(r"\b(the|of|to|and|in)\b")


def make_documents(path: Path, times: int, distinct: bool = False) -> int:
    """documents.jsonl with the BBC corpus repeated ``times`` times; returns its text bytes.
    ``distinct``: each copy's common words marked with its number (``the`` -> ``the3``), so
    that most sentences of a copy are texts no other copy has, as in a corpus that does not
    repeat itself (what grows with distinct texts shows)."""
    n_bytes = 0
    with shared_path("corpus", "bbc", "bbc_news_2225.jsonl").open() as src:
        rows = [json.loads(line) for line in src]
    with path.open("wb") as out:
        for copy in range(times):
            for row in rows:
                text = _MARKED.sub(rf"\g<1>{copy}", row["text"]) if distinct else row["text"]
                raw = RawDoc(f"{row['id']}#{copy}", text, "bbc", InputFormat.jsonl)
                doc = build_document(raw)
                n_bytes += len(doc.text.encode())
                out.write(dumps(doc.to_dict()))
    return n_bytes


def run(times: int, workers: int, stage: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        docs, sents = Path(tmp) / "documents.jsonl", Path(tmp) / "sentences.jsonl"
        n_bytes = make_documents(docs, times)
        args = ["segment", str(docs), "-o", str(sents), "--workers", str(workers)]
        if stage == "prelabel":
            run_cli(args)
            args = ["prelabel", str(sents), "-o", str(Path(tmp) / "prelabels.jsonl")]
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        secs, peak_mb, _ = run_cli(args)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        # CPU time (user + sys of the command and its workers): on a machine shared with other
        # work the wall time says more about the load than about the code.
        cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
        n_sents = sum(1 for _ in sents.open("rb"))
        print(
            f"{stage} x{times:<3} workers {workers}  {n_bytes / 1e6:7.1f} MB text"
            f"  {n_sents:8d} sentences"
            f"  {secs:6.2f} s  {n_bytes / secs / 1e6:5.2f} MB/s  peak RSS {peak_mb:.0f} MB"
            f"  (CPU {cpu:.2f} s, load {os.getloadavg()[0]:.1f})"
        )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--times", type=int, nargs="+", default=[1, 4])
    ap.add_argument("--workers", type=int, nargs="+", default=[1])
    ap.add_argument("--stage", choices=["segment", "prelabel"], default="segment")
    args = ap.parse_args()
    for times in args.times:
        for workers in args.workers:
            run(times, workers, args.stage)


if __name__ == "__main__":
    main()
