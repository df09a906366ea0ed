"""Pre-labelling speed over corpus/bbc sentences: all layers, each layer, each LF.

    python -m bench.prelabel_speed                  # first 10,000 sentences
    python -m bench.prelabel_speed --sentences 0    # all of them (~42k)

Segmentation happens first and is not timed. The per-LF table runs each LF alone over the
same sentences (with an empty document context), to show where the time goes.
"""

from __future__ import annotations

import argparse
import time

from bench.common import bbc_sentences, peak_rss_mb
from builder.model import Sentence
from builder.prelabel.apply import Prelabeler
from builder.prelabel.lf import LAYERS, DocContext
from builder.prelabel.registry import registry


def rate(prelabeler: Prelabeler, sentences: list[Sentence], repeat: int = 3) -> float:
    """Sentences per second, best of ``repeat`` runs (the machine is shared and noisy)."""
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        for _ in prelabeler.label(sentences):
            pass
        best = min(best, time.perf_counter() - t0)
    return len(sentences) / best


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sentences", type=int, default=10_000, help="0 for all")
    args = ap.parse_args()
    sentences = bbc_sentences(args.sentences)
    lfs = registry()
    print(f"{len(sentences)} sentences, {len(lfs)} heuristics")
    print(f"all layers          {rate(Prelabeler(lfs), sentences):8.0f} sentences/s")
    for layer in LAYERS:
        subset = [lf for lf in lfs if lf.layer == layer]
        if subset:
            print(f"  {layer:<17} {rate(Prelabeler(subset), sentences):8.0f} sentences/s alone")
    print("per heuristic (alone, empty context):")
    ctx = DocContext("bench")
    for lf in lfs:
        t0 = time.perf_counter()
        for s in sentences:
            lf(s, ctx)
        per = (time.perf_counter() - t0) / len(sentences) * 1e6
        print(f"  {lf.layer:<13} {lf.name:<32} {per:7.1f} µs/sentence")
    # One pathological line (no sentence ends for 100 kB) must not stall a run: the claims
    # family used to re-read the whole prefix for every cue.
    line = "Officials said the bridge was safe and engineers reported no damage today " * 1300
    t0 = time.perf_counter()
    list(Prelabeler(lfs).label([Sentence("long", "long", 0, 0, len(line), line)]))
    print(f"one {len(line) // 1000} kB line    {time.perf_counter() - t0:8.2f} s")
    print(f"peak memory         {peak_rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
