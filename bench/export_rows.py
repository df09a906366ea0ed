"""The export's row work alone, in this process: CPU µs a sentence of ``workers.rows`` (parse,
check, tokenize, align, keys, the Arrow table and its staging file) over chunks of inputs made
by ``bench.export_scale --inputs DIR``, in the steady state of a worker: the chunks are done
once first (their MinHash signatures then count as sent, as in a long export), then timed.

    python -m bench.export_rows DIR [--skip 40] [--chunks 10]
    python -m bench.export_rows DIR --distinct --skip 5 --chunks 5

Prints the best of 4 passes: CPU time, so that A/B runs on a shared machine compare
(``PYTHONPATH`` at the other code for the other side). The bench's inputs repeat corpus/bbc,
and the passes repeat their chunks: a gain there may come from repetition alone (a memo of
texts). ``--distinct`` times texts seen once: the ``--skip`` chunks before are done first (the
caches of words and cuts warm, as in a long export), then each pass runs once in a process
forked from that state, over chunks it has not seen (with the 100,000-sentence inputs, the
first 10 chunks are one copy of corpus/bbc).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from itertools import islice
from pathlib import Path

from bench.common import at_least
from builder.export.build import CHUNK, NUM_PERM
from builder.export.features import CONFIGS, Encoder, features_for
from builder.export.inputs import Chunk, Sources, read_chunks
from builder.export.records import wide_schema
from builder.export.splits import SplitParams
from builder.export.workers import RowsJob, Setup, rows
from builder.labels import labels
from builder.minhash import Permutations


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("inputs", type=Path, help="a folder of sentences.jsonl and prelabels.jsonl")
    ap.add_argument("--skip", type=at_least(0), default=40, help="chunks skipped first")
    ap.add_argument("--chunks", type=at_least(1), default=10, help="chunks timed")
    ap.add_argument("--distinct", action="store_true", help="texts seen once (see above)")
    args = ap.parse_args()
    schema = labels()
    schemas = {c: features_for(c, schema).arrow_schema for c in CONFIGS}
    splits = SplitParams()
    sentences, prelabels = args.inputs / "sentences.jsonl", args.inputs / "prelabels.jsonl"
    setup = Setup(
        Sources(str(sentences), str(prelabels)),
        splits,
        Encoder(schema),
        wide_schema(schemas),
        schemas,
        Permutations.datasketch(splits.near_duplicate_threshold, NUM_PERM),
    )
    read = list(islice(read_chunks(sentences, prelabels, CHUNK), args.skip + args.chunks))
    chunks = read[args.skip :]
    n = sum(c.sentences.lines for c in chunks)
    if n == 0:  # --chunks is 1 or more: the input holds no sentence, or --skip took them all
        sys.exit(
            f"{args.inputs}: no sentence to time"
            if not read
            else f"{args.inputs}: {len(read)} chunks of {CHUNK} sentences, all skipped (--skip"
            f" {args.skip}): nothing left to time; give a larger input or a smaller --skip"
        )
    with tempfile.TemporaryDirectory() as tmp:

        def one_pass(rep: int, chunks: list[Chunk]) -> float:
            start = time.process_time()
            for k, chunk in enumerate(chunks):
                rows(setup, RowsJob(chunk, 100 * rep + k, f"{tmp}/.parts/{k:06d}.arrow"))
            return time.process_time() - start

        if args.distinct:
            one_pass(0, read[: args.skip])
            best = min(_forked(lambda: one_pass(1, chunks)) for _ in range(4))
        else:
            one_pass(0, chunks)  # sends the signatures: not timed
            best = min(one_pass(rep, chunks) for rep in range(1, 5))
    print(f"rows: {n} sentences, best of 4: {best:.2f} s CPU, {best / n * 1e6:.1f} µs a sentence")


def _forked(timed: Callable[[], float]) -> float:
    """``timed()`` in a child process forked from this one's state; what it returns."""
    read, write = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover (the child)
        os.write(write, repr(timed()).encode())
        os._exit(0)
    os.close(write)
    with os.fdopen(read) as answer:
        took = float(answer.read())
    os.waitpid(child, 0)
    return took


if __name__ == "__main__":
    main()
