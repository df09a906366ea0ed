"""The Ray engine on one machine: segment, prelabel and export on 1 vs 2 Ray workers, and the
peak memory of each Ray worker as the input grows.

    python -m bench.ray_scaling                          # BBC x5 (~210,000 sentences), 1 and 2 CPUs
    python -m bench.ray_scaling --times 1 5 --cpus 2     # memory per worker, input x1 and x5

Each run starts a local Ray cluster of ``--cpus`` CPUs in this process (``ray.init``), then
runs the stages from documents.jsonl (corpus/bbc repeated with distinct ids, as
bench/segment_scale.py builds it) through the Ray engine, as `builder build --engine ray`
does. Times include starting Ray's worker processes (a few seconds). The driver's CPU (user +
sys of this process, its threads included; not the Ray workers') by stage: what the driver
takes from the cores the workers run on. Memory
(``ray_memory.py``, sampled every 0.2 s): the peaks of each Ray worker process and of the
driver, over the run and per stage: the resident set (RSS), and its two parts that move, the
process's own anonymous memory (anon) and the pages of Ray's shared object store it touched
(shm: the store's, capped by Ray, not the worker's; ``--store-mb`` sets that cap). anon is
the per-worker figure (``ray_memory.py`` says why). ``--distinct``: a corpus whose copies
do not repeat each other's texts. Each run is a process of its own.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from itertools import pairwise
from pathlib import Path

from bench.common import peak_rss_mb
from bench.ray_memory import ClusterMemory, Peak
from bench.segment_scale import make_documents
from builder.engine import Engine, running_on
from builder.export.params import ExportParams
from builder.pipeline.export import export
from builder.pipeline.prelabel import prelabel
from builder.pipeline.segment import segment


def run(
    times: int, cpus: int, store_mb: int | None = None, distinct: bool = False
) -> tuple[str, list[str]]:
    """One run; its row of the summary table, and its rows of the table by stage."""
    import ray

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        docs, sents, pre = root / "documents.jsonl", root / "sentences.jsonl", root / "pre.jsonl"
        make_documents(docs, times, distinct)
        store = None if store_mb is None else store_mb << 20
        ray.init(
            num_cpus=cpus,
            object_store_memory=store,
            include_dashboard=False,
            log_to_driver=False,
        )
        try:
            with ClusterMemory() as memory, running_on(Engine.ray, None, cpus) as workers:
                memory.stage = "segment"
                cpu = [time.process_time()]  # the driver's (this process's) CPU, by stage
                start = time.perf_counter()
                n = segment(docs, sents, workers=workers)
                seg = time.perf_counter()
                cpu.append(time.process_time())
                memory.stage = "prelabel"
                prelabel(sents, pre, workers=workers)
                lab = time.perf_counter()
                cpu.append(time.process_time())
                memory.stage = "export"
                export(sents, pre, root / "datasets", ExportParams("news", None, silver=True))
                end = time.perf_counter()
                cpu.append(time.process_time())
        finally:
            ray.shutdown()
    busiest = memory.busiest(cpus)
    driver = memory.driver_peak()
    summary = (
        f"| x{times} | {n:,} | {cpus} | {seg - start:.1f} | {lab - seg:.1f} | {end - lab:.1f} "
        f"| **{end - start:.1f}** | {_mb(busiest, 'rss')} | {_mb(busiest, 'anon')} "
        f"| {_mb(busiest, 'shm')} "
        f"| {driver.rss:.0f} | {driver.anon:.0f} | {peak_rss_mb():.0f} "
        f"| {' / '.join(f'{b - a:.1f}' for a, b in pairwise(cpu))} |"
    )
    stages = []
    for stage in ("segment", "prelabel", "export"):
        top = memory.busiest(cpus, stage)
        names = " / ".join(p.name.split()[0] for p in top)
        d = memory.driver_peak(stage)
        stages.append(
            f"| x{times} | {cpus} | {stage} | {_mb(top, 'rss')} | {_mb(top, 'anon')} "
            f"| {_mb(top, 'shm')} | {d.rss:.0f} | {d.anon:.0f} | {names} |"
        )
    return summary, stages


def _mb(peaks: list[Peak], what: str) -> str:
    return " / ".join(f"{getattr(p, what):.0f}" for p in peaks)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--times", type=int, nargs="+", default=[5], help="corpus/bbc copies")
    parser.add_argument("--cpus", type=int, nargs="+", default=[1, 2], help="Ray CPUs per run")
    parser.add_argument(
        "--store-mb", type=int, default=None, help="Ray's object store in MB (default: Ray's)"
    )
    parser.add_argument(
        "--distinct", action="store_true", help="each copy's texts made distinct (no repeats)"
    )
    parser.add_argument("--one", action="store_true", help=argparse.SUPPRESS)  # a child run
    args = parser.parse_args()
    if args.one:  # one run in this fresh process: its rows, for the parent to print
        summary, stages = run(args.times[0], args.cpus[0], args.store_mb, args.distinct)
        print("\n".join([summary, *stages]), flush=True)
        return
    print(
        "| input | sentences | Ray CPUs | segment s | prelabel s | export s | total s "
        "| worker peak RSS MB | worker peak anon MB | worker peak shm MB "
        "| driver peak RSS MB | driver peak anon MB | driver maxrss MB "
        "| driver CPU s (segment / prelabel / export) |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|", flush=True)
    by_stage: list[str] = []
    for times in args.times:
        for cpus in args.cpus:
            # Each run in a process of its own: the driver's figures are its own, not those of
            # an earlier run's heap.
            command = [sys.executable, "-m", "bench.ray_scaling", "--one"]
            command += ["--times", str(times), "--cpus", str(cpus)]
            if args.store_mb is not None:
                command += ["--store-mb", str(args.store_mb)]
            if args.distinct:
                command.append("--distinct")
            lines = subprocess.run(command, check=True, capture_output=True, text=True).stdout
            rows = [line for line in lines.splitlines() if line.startswith("| x")]
            print(rows[0], flush=True)
            by_stage += rows[1:]
    print()
    print(
        "| input | Ray CPUs | stage | worker peak RSS MB | anon MB | shm MB "
        "| driver RSS MB | driver anon MB | busiest workers |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    print("\n".join(by_stage))


if __name__ == "__main__":
    main()
