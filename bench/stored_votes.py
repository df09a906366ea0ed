"""`builder eval`, `learn` and `heuristics report` with the stored votes and without them.

    python -m bench.stored_votes                     # 3,000 annotated BBC sentences
    python -m bench.stored_votes --annotated 1000 --repeat 3

The BBC corpus goes through the CLI (ingest -> segment -> prelabel, which writes
prelabels.votes.parquet beside prelabels.jsonl) into a temporary folder. The human labels are
synthesised: the pre-labels of a seeded sample of sentences, some perturbed (an entity dropped or
relabelled, the sentiment or check-worthiness flipped) so that the scores and `learn` have
something to measure. Each command then runs as a whole process twice: with the votes file,
and with it moved aside (the heuristics re-run, as before votes were stored). Both runs must
write the same bytes; the table gives the wall times (best of --repeat) and the speed-up.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
from pathlib import Path
from typing import Any

from bench.common import SHARED, run_cli
from builder.jsonl import read_records, write_records
from builder.labels import labels


def _other(value: str, choices: tuple[str, ...], rnd: random.Random) -> str:
    return rnd.choice([c for c in choices if c != value])


def _record(
    n: int, sentence: dict[str, Any], pre: dict[str, Any], rnd: random.Random
) -> dict[str, Any]:
    schema = labels()
    entities = [{k: e[k] for k in ("start", "end", "label")} for e in pre["entities"]]
    if entities and rnd.random() < 0.15:
        entities.pop(rnd.randrange(len(entities)))
    if entities and rnd.random() < 0.10:
        i = rnd.randrange(len(entities))
        entities[i] = {
            **entities[i],
            "label": _other(entities[i]["label"], schema.entity_types, rnd),
        }
    sentiment = pre["sentiment"]["label"]
    if rnd.random() < 0.20:
        sentiment = _other(sentiment, schema.sentiment_classes, rnd)
    check = pre["check_worthy"]["label"]
    if rnd.random() < 0.10:
        check = _other(check, schema.check_worthy_classes, rnd)
    claims = [{k: c[k] for k in ("claim", "source", "cue", "direct")} for c in pre["claims"]]
    for claim in claims:
        for part in ("claim", "source", "cue"):
            if claim[part]:
                claim[part] = {"start": claim[part]["start"], "end": claim[part]["end"]}
    return {
        "sentence_id": sentence["id"],
        "doc_id": sentence["doc_id"],
        "text": sentence["text"],
        "task_id": n,
        "annotation_id": n,
        "annotator": "bench@example.com",
        "created": "2026-01-01T00:00:00Z",
        "updated": "2026-01-01T00:00:00Z",
        "lead_time": 1.0,
        "was_cancelled": False,
        "ground_truth": False,
        "entities": sorted(entities, key=lambda e: (e["start"], e["end"], e["label"])),
        "claims": claims,
        "check_worthy": check,
        "sentiment": sentiment,
    }


def annotate(folder: Path, n: int, seed: int) -> int:
    """A pulled snapshot (annotations/bench/) labelling ``n`` sampled sentences."""
    sentences = list(read_records(folder / "sentences.jsonl"))
    prelabels = {p["sentence_id"]: p for p in read_records(folder / "prelabels.jsonl")}
    rnd = random.Random(seed)
    chosen = sorted(rnd.sample(range(len(sentences)), min(n, len(sentences))))
    snapshot = folder / "annotations" / "bench"
    records = (
        _record(k, sentences[i], prelabels[sentences[i]["id"]], rnd)
        for k, i in enumerate(chosen, 1)
    )
    write_records(snapshot / "snap.jsonl", records)
    (snapshot / "latest.json").write_text('{"records": "snap.jsonl"}\n')
    return len(chosen)


def timed(args: list[str], repeat: int) -> tuple[float, float, str]:
    """Best wall time of ``repeat`` fresh processes, the peak memory of that run, its stderr."""
    runs = [run_cli(args) for _ in range(repeat)]
    return min(runs, key=lambda r: r[0])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--annotated", type=int, default=3000, help="sentences given human labels")
    ap.add_argument("--repeat", type=int, default=1, help="runs per figure (best is shown)")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    corpus = SHARED / "corpus" / "bbc"
    if not corpus.exists():
        print(f"skipped: {corpus} not found (the benchmark needs ../shared; set BUILDER_SHARED)")
        return
    with tempfile.TemporaryDirectory() as tmp:
        f = Path(tmp)
        s, p, a = str(f / "sentences.jsonl"), str(f / "prelabels.jsonl"), str(f / "annotations")
        run_cli(["ingest", str(corpus), "-o", str(f / "documents.jsonl")])
        run_cli(["segment", str(f / "documents.jsonl"), "-o", s])
        secs, _, _ = run_cli(["prelabel", s, "-o", p])
        votes = f / "prelabels.votes.parquet"
        n_sentences = sum(1 for _ in read_records(f / "sentences.jsonl"))
        size = votes.stat().st_size / 2**20
        print(f"BBC: {n_sentences} sentences; prelabel {secs:.1f} s, votes file {size:.1f} MB")
        print(f"annotated: {annotate(f, args.annotated, args.seed)} sentences (synthesised)")
        commands = {
            "eval": (["eval", s, "--prelabels", p, "--annotations", a, "-o"], "eval.json"),
            "learn": (["learn", s, "--annotations", a, "-o"], "learned.jsonl"),
            "heuristics report": (["heuristics", "report", "--sentences", s, "--json"], "h.json"),
        }
        rows = []
        for name, (cmd, out) in commands.items():
            fast = timed([*cmd, str(f / f"stored-{out}")], args.repeat)
            votes.rename(f / "aside.parquet")
            slow = timed([*cmd, str(f / f"rerun-{out}")], args.repeat)
            (f / "aside.parquet").rename(votes)
            assert "re-run" not in fast[2], fast[2]  # the votes were read
            # eval and learn warn when they re-run; the report only when a votes file was there
            assert "re-run" in slow[2] or name == "heuristics report", slow[2]
            print(f"  {name}: {fast[0]:.1f} s with the stored votes, {slow[0]:.1f} s re-running")
            same = (f / f"stored-{out}").read_bytes() == (f / f"rerun-{out}").read_bytes()
            rows.append((name, fast, slow, same))
        print(
            "| command | stored votes (s) | re-run (s) | speed-up "
            "| peak MB (stored / re-run) | same bytes |"
        )
        print("|---|---|---|---|---|---|")
        for name, fast, slow, same in rows:
            print(
                f"| {name} | {fast[0]:.1f} | {slow[0]:.1f} | {slow[0] / fast[0]:.1f}x "
                f"| {fast[1]:.0f} / {slow[1]:.0f} | {same} |"
            )
        if not all(same for *_, same in rows):
            sys.exit("outputs differ with and without the stored votes")


if __name__ == "__main__":
    main()
