"""`builder prelabel --workers 1`: machine instructions a sentence, counted by valgrind.

    python -m bench.prelabel_instructions                   # 200 and 2,000 corpus/bbc sentences
    python -m bench.prelabel_instructions --small 200 --large 4000
    python -m bench.prelabel_instructions --workers 2 --large 12000   # the main process only
    python -m bench.prelabel_instructions --model model.crf --large 1000   # the learned layer on

Time on a shared machine says little (2 cores, load 4-7 from other work, 2026-12-05: the same
code measured 1.5x apart within minutes); the number of instructions executed does not depend
on the load. The command runs twice under ``valgrind --tool=cachegrind`` on the first
``small`` and ``large`` sentences of corpus/bbc: the difference, divided by the difference in
sentences, is the cost of a sentence without the start-up, which the small run gives. Each run
takes 30-100 s (valgrind runs Python some 30 times slower). Needs valgrind on PATH.

With ``--workers 2`` valgrind follows the main process only (the workers are new programs it
does not trace). Since 2026-12-06 the main process labels about half the units itself (the
pool's ``share``), so that figure is its labelling plus reading, sending, receiving and
writing; before, it was the latter alone.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from bench.common import bbc_sentences, need_valgrind, valgrind_instructions
from builder.jsonl import write_records


def instructions(sentences: Path, work: Path, workers: int = 1, model: Path | None = None) -> int:
    """Instructions executed by one `builder prelabel --workers N [--model M]` over
    ``sentences`` (its main process only)."""
    command = [
        *(sys.executable, "-c", "from builder.cli import app; app()"),
        *("prelabel", str(sentences), "-o", str(work / "p.jsonl"), "--workers", str(workers)),
        *(("--model", str(model)) if model is not None else ()),
    ]
    return valgrind_instructions(command, str(work / "cachegrind.out"))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--small", type=int, default=200, help="sentences of the start-up run")
    ap.add_argument("--large", type=int, default=2000, help="sentences of the second run")
    ap.add_argument(
        "--workers", type=int, default=1, help="2: the main process (it labels too) of two"
    )
    ap.add_argument("--model", type=Path, help="a learned model (`builder learn --model-out`)")
    args = ap.parse_args()
    need_valgrind()
    sentences = bbc_sentences(args.large)
    counts = []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for n in (args.small, args.large):
            path = work / f"s{n}.jsonl"
            write_records(path, (s.to_dict() for s in sentences[:n]))
            counts.append(instructions(path, work, args.workers, args.model))
            print(f"{n:6} sentences  {counts[-1] / 1e9:7.3f} G instructions")
    per = (counts[1] - counts[0]) / (args.large - args.small)
    print(f"a sentence        {per / 1e6:7.3f} M instructions (start-up excluded)")
    print(f"start-up          {(counts[0] - per * args.small) / 1e9:7.3f} G instructions")


if __name__ == "__main__":
    main()
