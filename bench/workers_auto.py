"""Where more worker processes start to pay, per stage: the measure behind ``--workers 0``.

    python -m bench.workers_auto                      # segment and prelabel, a few sizes
    python -m bench.workers_auto --stage prelabel --docs 100 400 1600

Each size runs the whole command (start-up included) in a fresh process with ``--workers 1``
and with every core, on the first DOCS articles of corpus/bbc (repeated with distinct ids
past its 2,225), and prints both times beside the input's size. The smallest size where all
cores win is the stage's ``PARALLEL_FROM_BYTES``.
"""

from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path

from bench.common import run_cli, shared_path
from builder.ingest import build_document
from builder.ingest.readers import InputFormat, RawDoc
from builder.jsonl import dumps
from builder.workers import cores


def make_documents(path: Path, n_docs: int) -> None:
    """documents.jsonl with the first ``n_docs`` BBC articles (repeated with new ids)."""
    with shared_path("corpus", "bbc", "bbc_news_2225.jsonl").open() as src:
        rows = [json.loads(line) for line in src]
    with path.open("wb") as out:
        for i in range(n_docs):
            row = rows[i % len(rows)]
            raw = RawDoc(f"{row['id']}#{i // len(rows)}", row["text"], "bbc", InputFormat.jsonl)
            out.write(dumps(build_document(raw).to_dict()))


def run(stage: str, n_docs: int, many: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        docs, sents = Path(tmp) / "documents.jsonl", Path(tmp) / "sentences.jsonl"
        make_documents(docs, n_docs)
        source = docs
        if stage == "prelabel":
            run_cli(["segment", str(docs), "-o", str(sents), "--workers", "1"])
            source = sents
        out = Path(tmp) / "out.jsonl"
        times = []
        for workers in (1, many):
            secs, _, _ = run_cli([stage, str(source), "-o", str(out), "--workers", str(workers)])
            times.append(secs)
        print(
            f"{stage:<9} {n_docs:6d} docs  {source.stat().st_size / 2**20:7.2f} MiB in"
            f"   1 worker {times[0]:6.2f} s   {many} workers {times[1]:6.2f} s"
            f"   {times[0] / times[1]:4.2f}x"
        )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument(
        "--stage", choices=["segment", "prelabel"], nargs="+", default=["segment", "prelabel"]
    )
    ap.add_argument("--docs", type=int, nargs="+", default=[100, 400, 1600, 4000])
    args = ap.parse_args()
    many = max(2, cores())
    for stage in args.stage:
        for n_docs in args.docs:
            run(stage, n_docs, many)


if __name__ == "__main__":
    main()
