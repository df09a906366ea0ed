"""The compiled build against the interpreted code: `builder prelabel` whole process, one
worker, on corpus/bbc's sentences (41,726), in alternated pairs, and the same bytes checked.

    python -m bench.compiled_speed                      # builds the compiled package first
    python -m bench.compiled_speed --site OUT/site      # one made by bench.compiled_build
    python -m bench.compiled_speed --model M --pairs 3  # with a learned model

Each run is a fresh process (start-up included, as a user runs it); wall and CPU (user +
system) are given per run and as medians, the compiled side's first in each pair on odd
pairs, second on even ones, so that a machine getting busier favours neither."""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.common import bbc_sentences
from bench.compiled_build import build_compiled, command, missing
from builder.jsonl import write_records


def _cli(args: list[str], site: Path | None) -> tuple[float, float]:
    """`builder ARGS` in a fresh process (from ``site``, or the checkout): wall, CPU seconds."""
    cmd, env = command(args, site)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    subprocess.run(cmd, env=env, check=True, capture_output=True)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return wall, cpu


def _sentences(work: Path) -> Path:
    """corpus/bbc's sentences as the README's other prelabel figures count them (41,726:
    ``bench.common.bbc_sentences``, every article kept; `builder ingest` would drop the 133
    articles the corpus holds twice and leave 39,252)."""
    sentences = work / "sentences.jsonl"
    write_records(sentences, (s.to_dict() for s in bbc_sentences(0)))
    return sentences


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--site", type=Path, help="the compiled package (else built first)")
    ap.add_argument("--sentences", type=Path, help="sentences.jsonl (default: corpus/bbc)")
    ap.add_argument("--model", type=Path, help="a learned model for --model")
    ap.add_argument("--pairs", type=int, default=5)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        site = args.site
        if site is None:
            if (why := missing()) is not None:
                sys.exit(why)
            t0 = time.perf_counter()
            site = build_compiled(work / "build")
            print(f"compiled build made in {time.perf_counter() - t0:.0f} s")
        sentences = args.sentences or _sentences(work)
        count = len(sentences.read_bytes().splitlines())
        extra = ["--model", str(args.model)] if args.model else []
        times: dict[str, list[tuple[float, float]]] = {"interpreted": [], "compiled": []}
        outputs: dict[str, tuple[bytes, bytes]] = {}
        for pair in range(args.pairs):
            sides = [("compiled", site), ("interpreted", None)]
            for side, where in sides if pair % 2 == 0 else sides[::-1]:
                out = work / f"{side}.jsonl"
                cmd = ["prelabel", str(sentences), "-o", str(out), "--workers", "1", *extra]
                times[side].append(_cli(cmd, where))
                got = (out.read_bytes(), out.with_suffix(".votes.parquet").read_bytes())
                if outputs.setdefault(side, got) != got:
                    sys.exit(f"{side}: two runs wrote different bytes")
        same = outputs["compiled"] == outputs["interpreted"]
        print(f"{count} sentences, --workers 1{' --model' if extra else ''}, {args.pairs} pairs")
        for side, runs in times.items():
            walls, cpus = [w for w, _ in runs], [c for _, c in runs]
            wall, cpu = statistics.median(walls), statistics.median(cpus)
            print(
                f"  {side:<12} wall {' '.join(f'{w:.2f}' for w in walls)} s"
                f" (median {wall:.2f} s, {count / wall:,.0f} sentences/s);"
                f" CPU median {cpu:.2f} s ({count / cpu:,.0f} sentences/s)"
            )
        print(f"  same pre-labels and votes: {'yes' if same else 'NO'}")
        if not same:
            sys.exit(1)


if __name__ == "__main__":
    main()
