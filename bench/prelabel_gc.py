"""`builder prelabel` in this process: time spent in the cyclic collector, by generation.

    python -m bench.prelabel_gc S -o P --workers 1 --model M   # any `builder prelabel` arguments

Prints the milliseconds and the number of collections of each generation, those of the full
collections after the labeler's ``gc.freeze`` (``parallel.settle``) apart, and how many tracked
objects the last full collection walked. Wall time inside the collector: it moves with the load,
so compare runs made one after the other (the counts do not move).
"""

from __future__ import annotations

import gc
import sys
import time
from typing import Any

from builder.cli import app


class Collections:
    def __init__(self) -> None:
        self.ms = [0.0, 0.0, 0.0]
        self.count = [0, 0, 0]
        self.settled_full: list[float] = []  # ms of each full collection after the freeze
        self.walked = 0  # tracked objects outside the frozen ones at the last full collection
        self._at = 0.0

    def __call__(self, phase: str, info: dict[str, Any]) -> None:
        generation = info["generation"]
        if phase == "start":
            if generation == 2 and gc.get_freeze_count():
                self.walked = len(gc.get_objects())
            self._at = time.perf_counter()
            return
        ms = (time.perf_counter() - self._at) * 1000
        self.ms[generation] += ms
        self.count[generation] += 1
        if generation == 2 and gc.get_freeze_count():
            self.settled_full.append(ms)


def main() -> None:
    seen = Collections()
    gc.callbacks.append(seen)
    try:
        app(["prelabel", *sys.argv[1:]])
    except SystemExit as exc:
        if exc.code:
            raise
    finally:
        gc.callbacks.remove(seen)
    for g in range(3):
        print(f"generation {g}: {seen.ms[g]:7.0f} ms in {seen.count[g]:4} collections")
    full = ", ".join(f"{ms:.1f}" for ms in seen.settled_full)
    print(f"full collections after the freeze: {full} ms; the last walked {seen.walked} objects")


if __name__ == "__main__":
    main()
