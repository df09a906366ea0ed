"""Instructions a sentence of the labeling loop on fresh sentences, past a warm start.

    python -m bench.fresh_instructions                      # sentences 2,000-4,000 of corpus/bbc
    python -m bench.fresh_instructions --warm 20000 --count 2000

``bench.prelabel_instructions`` counts the whole command over the first 200 and 2,000
sentences: its figure moves by some 5 k instructions a sentence between runs of the same code
(import order, the cache files, the temporary paths), and its sentences are the first the word
tables meet. Here one process labels the first ``warm`` sentences (the tables fill as in a long
run), a second one those and ``count`` more, none of them seen before: the difference of the
two valgrind counts over ``count`` is what a sentence costs the labeler (``label_document``
with the aggregation; no reading or writing) well into a corpus. Needs valgrind on PATH.
"""

from __future__ import annotations

import argparse
import sys

from bench.common import need_valgrind, valgrind_instructions


def _label(warm: int, count: int, fresh: int) -> None:
    """Segment ``warm + count`` sentences (both runs: the same work), label the first ``warm``,
    and the ``count`` after them if ``fresh``."""
    from bench.common import bbc_sentence_docs
    from builder.prelabel.apply import Prelabeler

    sentences = [s for doc in bbc_sentence_docs(warm + count) for s in doc]
    labeler = Prelabeler()
    for _ in labeler.label(sentences[: warm + count * fresh]):
        pass


def _count(warm: int, count: int, fresh: int) -> int:
    command = [sys.executable, "-m", "bench.fresh_instructions", "--run"]
    return valgrind_instructions([*command, str(warm), str(count), str(fresh)])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--warm", type=int, default=2000, help="sentences labelled first")
    ap.add_argument("--count", type=int, default=2000, help="fresh sentences counted")
    ap.add_argument("--run", type=int, nargs=3, help=argparse.SUPPRESS)  # under valgrind
    args = ap.parse_args()
    if args.run:
        _label(*args.run)
        return
    need_valgrind()
    before, after = _count(args.warm, args.count, 0), _count(args.warm, args.count, 1)
    print(f"a fresh sentence  {(after - before) / args.count / 1e6:7.3f} M instructions")


if __name__ == "__main__":
    main()
