"""The Ray engine on one machine: segment, prelabel and export on 1 vs 2 Ray workers, and the
peak memory of each Ray worker as the input grows.

    python -m bench.ray_scaling                          # BBC x5 (~210,000 sentences), 1 and 2 CPUs
    python -m bench.ray_scaling --times 1 5 --cpus 2     # memory per worker, input x1 and x5

Each run starts a local Ray cluster of ``--cpus`` CPUs in this process (``ray.init``), then
runs the stages from documents.jsonl (corpus/bbc repeated with distinct ids, as
bench/segment_scale.py builds it) through the Ray engine, as `builder build --engine ray`
does. Times include starting Ray's worker processes (a few seconds); memory is the peak
resident set of each Ray worker process (sampled every 0.2 s), and of this driver.
"""

from __future__ import annotations

import argparse
import tempfile
import threading
import time
from pathlib import Path

import psutil

from bench.common import peak_rss_mb
from bench.segment_scale import make_documents
from builder.engine import Engine, running_on
from builder.export.params import ExportParams
from builder.pipeline.export import export
from builder.pipeline.prelabel import prelabel
from builder.pipeline.segment import segment


class WorkerMemory:
    """The peak RSS of every Ray worker process under this one, sampled in a thread."""

    def __init__(self) -> None:
        self.peaks: dict[int, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        me = psutil.Process()
        while not self._stop.wait(0.2):
            for proc in me.children(recursive=True):
                try:
                    if proc.name().startswith("ray::") or "default_worker" in proc.name():
                        rss = proc.memory_info().rss / 2**20
                        self.peaks[proc.pid] = max(self.peaks.get(proc.pid, 0.0), rss)
                except psutil.Error:
                    continue

    def __enter__(self) -> WorkerMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def busiest(self, count: int) -> list[float]:
        """The ``count`` highest peaks (the workers that did the work; idle ones stay small)."""
        return sorted(self.peaks.values(), reverse=True)[:count]


def run(times: int, cpus: int) -> None:
    import ray

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        docs, sents, pre = root / "documents.jsonl", root / "sentences.jsonl", root / "pre.jsonl"
        make_documents(docs, times)
        ray.init(num_cpus=cpus, include_dashboard=False, log_to_driver=False)
        try:
            with WorkerMemory() as memory, running_on(Engine.ray, None, cpus) as workers:
                start = time.perf_counter()
                n = segment(docs, sents, workers=workers)
                seg = time.perf_counter()
                prelabel(sents, pre, workers=workers)
                lab = time.perf_counter()
                export(sents, pre, root / "datasets", ExportParams("news", None, silver=True))
                end = time.perf_counter()
        finally:
            ray.shutdown()
    peaks = " / ".join(f"{mb:.0f}" for mb in memory.busiest(cpus))
    print(
        f"| x{times} | {n:,} | {cpus} | {seg - start:.1f} | {lab - seg:.1f} | {end - lab:.1f} "
        f"| **{end - start:.1f}** | {n / (end - start):,.0f} | {peaks} | {peak_rss_mb():.0f} |",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--times", type=int, nargs="+", default=[5], help="corpus/bbc copies")
    parser.add_argument("--cpus", type=int, nargs="+", default=[1, 2], help="Ray CPUs per run")
    args = parser.parse_args()
    print(
        "| input | sentences | Ray CPUs | segment s | prelabel s | export s | total s "
        "| sentences/s | peak MB per busy worker | driver peak MB |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    for times in args.times:
        for cpus in args.cpus:
            run(times, cpus)


if __name__ == "__main__":
    main()
