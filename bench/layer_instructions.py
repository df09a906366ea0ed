"""One layer's heuristics alone: machine instructions a sentence, counted by valgrind.

    python -m bench.layer_instructions                      # claims, bbc sentences 300-1,300
    python -m bench.layer_instructions --layer sentiment --small 300 --large 2300

``bench.prelabel_instructions`` counts the whole command, where a family's change is a share of
2.2 M a sentence. Here a child process labels the first ``small`` and then ``large`` corpus/bbc
sentences with the heuristics of one layer only, in the labeler's steps (a family answered
together by its one call), document by document (so the state a family keeps across sentences
is kept); the sentence's lower-case words are found first, as the labeler's earlier families
find them (``sentence_words``). Each count is taken with and without the heuristics: the
difference of the differences, divided by the sentences between, is the layer's cost a sentence
(the start-up, the reading of the sentences and the loop taken out). Four valgrind runs of some
15-40 s each. Needs valgrind on PATH. The entity family, whose document memory reads what the
aggregation chose, has its own count: ``bench.entity_instructions``.
"""

from __future__ import annotations

import argparse
import pickle
import sys
import tempfile
from pathlib import Path

from bench.common import bbc_sentence_docs, need_valgrind, valgrind_instructions

_CHILD = """
import pickle, sys
from builder.prelabel.apply import Prelabeler
from builder.prelabel.lf import DocContext
from builder.prelabel.sentence_words import lower_words
from builder.prelabel.together import cast, steps
docs = pickle.loads(open(sys.argv[1], "rb").read())
layer = sys.argv[2]
plan = steps([(lf.name, lf.fn) for lf in Prelabeler().lfs if lf.layer == layer]) if layer else []
for doc in docs:
    ctx = DocContext(doc[0].doc_id)
    for sentence in doc:
        lower_words(sentence.text)
        ctx.votes = {}
        cast(plan, sentence, ctx, ctx.votes)
        ctx.previous.append(sentence)
"""


def count(docs: Path, layer: str) -> int:
    """Instructions of the child over the pickled ``docs`` (``layer`` "": the loop alone)."""
    return valgrind_instructions([sys.executable, "-c", _CHILD, str(docs), layer])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--layer", default="claims", help="the heuristics' layer (claims, ...)")
    ap.add_argument("--small", type=int, default=300, help="sentences of the first run")
    ap.add_argument("--large", type=int, default=1300, help="sentences of the second run")
    args = ap.parse_args()
    need_valgrind()
    counts: dict[tuple[int, str], int] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for n in (args.small, args.large):
            path = Path(tmp) / f"docs{n}.pickle"
            path.write_bytes(pickle.dumps(bbc_sentence_docs(n)))
            for layer in (args.layer, ""):
                counts[n, layer] = count(path, layer)
    loop = counts[args.large, ""] - counts[args.small, ""]
    spent = counts[args.large, args.layer] - counts[args.small, args.layer] - loop
    per = spent / (args.large - args.small)
    between = f"corpus/bbc sentences {args.small}-{args.large}"
    print(f"{args.layer}: {per / 1e3:.1f} k instructions a sentence ({between})")
    print(f"the loop and the lower-case words: {loop / 1e3 / (args.large - args.small):.1f} k")


if __name__ == "__main__":
    main()
