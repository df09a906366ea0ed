"""The export's row work alone, in this process: CPU µs a sentence of ``workers.rows`` (parse,
check, tokenize, align, keys, the Arrow table and its staging file) over chunks of inputs made
by ``bench.export_scale --inputs DIR``, in the steady state of a worker: the chunks are done
once first (their MinHash signatures then count as sent, as in a long export), then timed.

    python -m bench.export_rows DIR [--skip 40] [--chunks 10]

Prints the best of 4 passes: CPU time, so that A/B runs on a shared machine compare
(``PYTHONPATH`` at the other code for the other side).
"""

from __future__ import annotations

import argparse
import tempfile
import time
from itertools import islice
from pathlib import Path

from builder.export.build import CHUNK, NUM_PERM
from builder.export.features import CONFIGS, Encoder, features_for
from builder.export.inputs import Sources, read_chunks
from builder.export.records import wide_schema
from builder.export.splits import SplitParams
from builder.export.workers import RowsJob, Setup, rows
from builder.labels import labels
from builder.minhash import Permutations


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("inputs", type=Path, help="a folder of sentences.jsonl and prelabels.jsonl")
    ap.add_argument("--skip", type=int, default=40, help="chunks skipped first")
    ap.add_argument("--chunks", type=int, default=10, help="chunks timed")
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
    chunks = list(
        islice(read_chunks(sentences, prelabels, CHUNK), args.skip, args.skip + args.chunks)
    )
    n = sum(len(c.sentences) for c in chunks)
    with tempfile.TemporaryDirectory() as tmp:
        best = float("inf")
        for rep in range(5):  # the first pass sends the signatures: not timed
            start = time.process_time()
            for k, chunk in enumerate(chunks):
                rows(setup, RowsJob(chunk, 100 * rep + k, f"{tmp}/.parts/{k:06d}.arrow"))
            if rep:
                best = min(best, time.process_time() - start)
    print(f"rows: {n} sentences, best of 4: {best:.2f} s CPU, {best / n * 1e6:.1f} µs a sentence")


if __name__ == "__main__":
    main()
