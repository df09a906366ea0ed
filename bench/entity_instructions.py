"""The entity heuristics alone: machine instructions a sentence, counted by valgrind.

    builder prelabel S -o P --workers 1                       # the document memory's input
    python -m bench.entity_instructions S P                   # sentences 200 to 2,000 of S
    python -m bench.entity_instructions S P --small 2000 --large 4000

``bench.prelabel_instructions`` counts the whole command; this counts the entity family (the
steps the labeler makes for it, ``together.steps``) apart from the other layers. Each run
labels the first ``small`` or ``large`` sentences of S with the entity heuristics, and feeds
the document memory with the entities of the pre-labels P (what aggregation chose), as the
labeler does; a second pair of runs only reads them. The family's cost a sentence is the
difference of the differences, without the start-up (tables and patterns made on first use
fall in both runs of a pair). Each run takes 10-30 s under valgrind.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from itertools import groupby
from pathlib import Path

from bench.common import need_valgrind, valgrind_instructions
from builder.model import Sentence, Vote
from builder.prelabel.entities.memory import remember
from builder.prelabel.lf import DocContext
from builder.prelabel.registry import registry
from builder.prelabel.together import cast, steps


def label(sentences: Path, prelabels: Path, n: int, run: bool) -> None:
    """The entity heuristics over the first ``n`` sentences (``run``), or only the reading."""
    rows = []
    with sentences.open(encoding="utf-8") as fs, prelabels.open(encoding="utf-8") as fp:
        for _, a, b in zip(range(n), fs, fp, strict=False):
            rows.append((Sentence.from_dict(json.loads(a)), json.loads(b)["entities"]))
    lfs = [lf for lf in registry() if lf.layer == "entities"]
    plan = steps([(lf.name, lf.fn) for lf in lfs])
    for _, doc in groupby(rows, key=lambda row: row[0].doc_id):
        ctx: DocContext | None = None
        for sentence, entities in doc:
            ctx = ctx or DocContext(sentence.doc_id)
            votes: dict[str, Sequence[Vote]] = {}
            ctx.votes = votes
            cast(plan if run else (), sentence, ctx, votes)
            remember(ctx, entities)
            ctx.previous.append(sentence)


def instructions(args: argparse.Namespace, n: int, run: bool) -> int:
    return valgrind_instructions(
        [
            *(sys.executable, "-m", "bench.entity_instructions", str(args.sentences)),
            *(str(args.prelabels), "--child", str(n), *(("--run",) if run else ())),
        ]
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("sentences", type=Path, help="segmented sentences (JSONL), in document order")
    ap.add_argument("prelabels", type=Path, help="their pre-labels (`builder prelabel`)")
    ap.add_argument("--small", type=int, default=200)
    ap.add_argument("--large", type=int, default=2000)
    ap.add_argument("--child", type=int, help=argparse.SUPPRESS)
    ap.add_argument("--run", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child is not None:
        label(args.sentences, args.prelabels, args.child, args.run)
        return
    need_valgrind()
    span = args.large - args.small
    ran = instructions(args, args.large, True) - instructions(args, args.small, True)
    read = instructions(args, args.large, False) - instructions(args, args.small, False)
    print(f"labelling and reading   {ran / span / 1e3:8.1f} k instructions a sentence")
    print(f"reading alone           {read / span / 1e3:8.1f} k")
    print(f"the entity family       {(ran - read) / span / 1e3:8.1f} k")


if __name__ == "__main__":
    main()
