"""Speed of the learned layer: `builder prelabel --model` and `builder learn --model-out`.

    python -m bench.learned_speed --model model.crf            # pre-labelling, with and without
    python -m bench.learned_speed --model model.crf --learn S  # also time `builder learn` on S

Pre-labelling: every layer's heuristics over the first ``--sentences`` sentences of corpus/bbc,
in one process, with and without the model as a voter (runs interleaved, best of ``--repeat``;
segmentation excluded), and CPU time beside wall time: the machine is shared. Then the model
alone on the heuristics' stored votes, CPU per sentence: in all, and CRFsuite's share of it
(tagging and marginals, the rows built beforehand); the rest is Python (tokens, features).
The claim model alone, the same way, where the file holds one.
"""

from __future__ import annotations

import argparse
import resource
import time
from collections.abc import Mapping, Sequence
from pathlib import Path

from bench.common import bbc_sentence_docs, run_cli
from builder.model import Vote
from builder.prelabel.apply import Prelabeler
from builder.prelabel.entities import gazetteer
from builder.prelabel.learned.tagger import EntityTagger
from builder.prelabel.learned.voter import load_voter
from builder.segment.tokenizer import split_tokens


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def model_alone(
    tagger: EntityTagger, stored: list[tuple[str, Mapping[str, Sequence[Vote]]]], repeat: int
) -> tuple[float, float]:
    """CPU ms a sentence of the model's votes on stored heuristic votes, and of CRFsuite's
    share (best of ``repeat``)."""
    rows = [tagger.features(text, votes) for text, votes in stored]
    whole = crf = float("inf")
    for _ in range(repeat):
        c0 = _cpu()
        for text, votes in stored:
            tagger.votes(text, votes)
        c1 = _cpu()
        for ends, tokens, row in rows:
            if row:
                tagger.tagged(ends, tokens, row)
        whole, crf = min(whole, c1 - c0), min(crf, _cpu() - c1)
    return 1000 * whole / len(stored), 1000 * crf / len(stored)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", type=Path, required=True)
    ap.add_argument("--sentences", type=int, default=10_000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--learn", type=Path, help="sentences.jsonl to time `builder learn` on")
    args = ap.parse_args()
    gazetteer.warm_up()
    docs = bbc_sentence_docs(args.sentences)
    n = sum(map(len, docs))
    voter = load_voter(args.model)
    labelers = {"heuristics": Prelabeler(), "heuristics + model": Prelabeler(voter=voter)}
    best: dict[str, tuple[float, float]] = {}
    for _ in range(args.repeat):
        for name, labeler in labelers.items():
            t0, c0 = time.perf_counter(), _cpu()
            for doc in docs:
                for _ in labeler.label_document(doc):
                    pass
            wall, cpu = time.perf_counter() - t0, _cpu() - c0
            best[name] = min(best.get(name, (wall, cpu)), (wall, cpu))
    for name, (wall, cpu) in best.items():
        print(
            f"{name:20} {n / wall:7,.0f} sentences/s wall, {n / cpu:7,.0f}/s of CPU "
            f"({n} BBC sentences)"
        )
    stored: list[tuple[str, Mapping[str, Sequence[Vote]]]] = [
        (done.sentence.text, done.votes)
        for doc in docs
        for done in labelers["heuristics"].label_document(doc)
    ]
    whole, crf = model_alone(voter.tagger, stored, args.repeat)
    print(f"the model alone: {whole:.3f} ms a sentence of CPU, CRFsuite {crf:.3f} of it")
    if voter.claims is not None:
        tagger = voter.claims.tagger
        gated = sum(
            not tagger.cue_words.isdisjoint([t.lower() for t in split_tokens(text)[1]])
            for text, _ in stored
        )
        cpu = float("inf")
        for _ in range(args.repeat):
            c0 = _cpu()
            for text, votes in stored:
                tagger.votes(text, votes)
            cpu = min(cpu, _cpu() - c0)
        print(
            f"the claim model alone: {1000 * cpu / len(stored):.3f} ms a sentence of CPU "
            f"({gated / len(stored):.1%} of the sentences hold a word it learned as a cue)"
        )
    if args.learn is not None:
        out = args.learn.with_name("model.bench.crf")
        secs, peak, stderr = run_cli(["learn", str(args.learn), "--model-out", str(out)])
        print(f"builder learn --model-out: {secs:.0f} s wall, peak {peak:.0f} MB")
        print(stderr.strip().splitlines()[-2] if stderr.strip() else "")


if __name__ == "__main__":
    main()
