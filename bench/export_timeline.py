"""The export's critical path: when each phase of the main process starts and ends (wall and
the main process's CPU), and the CPU rate of its workers every 0.25 s, so that the times the
workers wait for the main process show (before their first chunk, split assignment).

    python -m bench.export_timeline --inputs DIR [--workers 0]

DIR holds sentences.jsonl and prelabels.jsonl (``python -m bench.export_scale --inputs DIR``
makes them). The export runs in this process, as `builder export --silver` does, with the
phases wrapped; the machine may be shared: the load average is printed with the figures.
"""

from __future__ import annotations

import argparse
import os
import resource
import tempfile
import threading
import time
from collections.abc import Callable
from itertools import pairwise
from pathlib import Path
from typing import Any

T0 = time.perf_counter()
MARKS: list[tuple[str, float, float]] = []


def mark(name: str) -> None:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    MARKS.append((name, time.perf_counter() - T0, usage.ru_utime + usage.ru_stime))


def _wrapped(name: str, func: Callable[..., Any]) -> Callable[..., Any]:
    def timed(*args: Any, **kwargs: Any) -> Any:
        mark(f"{name} starts")
        result = func(*args, **kwargs)
        mark(f"{name} ends")
        return result

    return timed


def _workers_cpu(samples: list[tuple[float, float]], stop: threading.Event) -> None:
    import psutil

    me = psutil.Process()
    while not stop.is_set():
        total = 0.0
        for child in me.children(recursive=True):
            try:
                times = child.cpu_times()
            except psutil.Error:
                continue
            total += times.user + times.system
        samples.append((time.perf_counter() - T0, total))
        stop.wait(0.25)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--inputs", type=Path, required=True, help="sentences and prelabels")
    ap.add_argument("--workers", type=int, default=0)
    args = ap.parse_args()
    load = os.getloadavg()[0]
    mark("start")
    from builder.cli import app

    mark("cli imported")
    import builder.export.build as build
    from builder.export.splits import Collector

    for name in ("_setup", "write_rows", "write_parquet", "build_manifest"):
        if hasattr(build, name):  # _setup: made while the workers start
            setattr(build, name, _wrapped(name, getattr(build, name)))
    Collector.assignment = _wrapped("assignment", Collector.assignment)  # type: ignore[method-assign]
    samples: list[tuple[float, float]] = []
    stop = threading.Event()
    threading.Thread(target=_workers_cpu, args=(samples, stop), daemon=True).start()
    with tempfile.TemporaryDirectory() as tmp:
        command = ["export", "--silver", "--name", "bbc", "-o", tmp, "--workers"]
        command += [str(args.workers), "--sentences", str(args.inputs / "sentences.jsonl")]
        command += ["--prelabels", str(args.inputs / "prelabels.jsonl")]
        try:
            app(command)
        except SystemExit as exc:
            if exc.code:
                raise
    mark("end")
    stop.set()
    print(f"load average {load:.1f} -> {os.getloadavg()[0]:.1f}")
    for name, wall, cpu in MARKS:
        print(f"{wall:7.2f} s wall  {cpu:6.2f} s main CPU  {name}")
    rates = [
        f"{t:.1f}:{(c - c0) / (t - t0):.1f}" for (t0, c0), (t, c) in pairwise(samples) if t > t0
    ]
    print("workers' CPU rate (time: cores busy):", " ".join(rates))


if __name__ == "__main__":
    main()
