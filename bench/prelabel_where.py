"""Where the labeling loop's time goes: µs a sentence per layer and per heuristic, in the loop.

    python -m bench.prelabel_where                  # first 3,000 corpus/bbc sentences, twice
    python -m bench.prelabel_where --sentences 10000 --top 30

``bench.prelabel_speed`` times each heuristic alone, which charges every heuristic with the
work its family shares (the entity analysis, the check-worthiness rules' one pass, the
claims' attributions). Here every heuristic runs where the labeler runs it, in order, with
the others: the shared work is charged to the first heuristic that asks for it (`cap_run`
for the entity analysis, the first `cw_` rule for the rules' patterns, `claim_according_to`
for the attributions; a family the labeler answers in one call, together.py: the check-worthiness
rules, the numeric patterns, sentiment, to its first member), and the aggregation of the
votes is a row of its own. The clock's
own cost (some 0.1 µs a call, 62 a sentence) is included: compare runs of this script, not
its rows with other benchmarks. The clock is the wall's (the process's CPU clock is a system
call a reading, which cost more than most heuristics): run it on a quiet machine.
"""

from __future__ import annotations

import argparse
from collections import defaultdict
from collections.abc import Sequence
from time import perf_counter_ns

from bench.common import bbc_sentence_docs
from builder.model import Sentence, Vote
from builder.prelabel.apply import Prelabeler
from builder.prelabel.entities.memory import remember
from builder.prelabel.lf import DocContext
from builder.prelabel.together import cast


def charged(labeler: Prelabeler, docs: Sequence[list[Sentence]]) -> dict[str, int]:
    """Nanoseconds per heuristic (and ``aggregate``) over ``docs``, as ``label_document`` runs."""
    spent: dict[str, int] = defaultdict(int)
    for doc in docs:
        ctx = DocContext(doc[0].doc_id) if doc else None
        for sentence in doc:
            assert ctx is not None
            votes: dict[str, Sequence[Vote]] = {}
            ctx.votes = votes
            for step in labeler._steps:
                t0 = perf_counter_ns()
                cast((step,), sentence, ctx, votes)
                spent[step[0]] += perf_counter_ns() - t0
            t0 = perf_counter_ns()
            prediction = labeler.aggregate(sentence, votes)
            spent["aggregate"] += perf_counter_ns() - t0
            remember(ctx, prediction["entities"])
            ctx.previous.append(sentence)
    return spent


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sentences", type=int, default=3000)
    ap.add_argument("--repeat", type=int, default=2, help="passes over the sentences, summed")
    ap.add_argument("--top", type=int, default=20, help="heuristics listed")
    args = ap.parse_args()
    docs = bbc_sentence_docs(args.sentences)
    labeler = Prelabeler()
    charged(labeler, docs[:20])  # tables, caches and lexicons loaded before the clock
    spent: dict[str, int] = defaultdict(int)
    for _ in range(args.repeat):
        for name, ns in charged(labeler, docs).items():
            spent[name] += ns
    n = sum(map(len, docs)) * args.repeat
    layers = {lf.name: lf.layer for lf in labeler.lfs} | {"aggregate": "aggregation"}
    by_layer: dict[str, int] = defaultdict(int)
    for name, ns in spent.items():
        by_layer[layers[name]] += ns
    print(f"{n // args.repeat} sentences, {sum(spent.values()) / n / 1000:.1f} µs a sentence")
    for layer, ns in sorted(by_layer.items(), key=lambda kv: -kv[1]):
        print(f"  {layer:<14} {ns / n / 1000:7.1f} µs")
    print("heuristics (shared work charged to the first that asks):")
    for name, ns in sorted(spent.items(), key=lambda kv: -kv[1])[: args.top]:
        print(f"  {layers[name]:<14} {name:<30} {ns / n / 1000:7.1f} µs")


if __name__ == "__main__":
    main()
