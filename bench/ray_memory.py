"""Memory of a local Ray cluster's worker processes and of this driver, per stage.

A thread reads ``/proc/PID/status`` of this process and of every Ray worker under it every
0.2 s and keeps, per stage and process, the peaks of:
- ``rss``: the resident set, as ``ps`` and ``top`` show it;
- ``anon``: its anonymous pages (``RssAnon``: the Python heap, numpy and Arrow buffers), the
  memory the process itself allocated;
- ``shm``: its shared-memory pages (``RssShmem``): the pages of Ray's object store (a file
  of ``/dev/shm`` that every worker maps) that it touched, reading its inputs or writing
  its outputs. They belong to the object store, whose size Ray caps
  (``object_store_memory``), not to the worker: counted once per machine, not per worker.
``rss = anon + shm + file`` (file: the mapped code and libraries, about the same in every
worker). Linux only.

The per-worker figure is ``anon``: what the worker allocated, which is what grows with its
work. RSS counts the store's pages in every worker that touched them. A proportional set size
without the store's pages (``Pss - Pss_Shmem``) shares the library pages with every process of
the machine that maps them, other sessions' Python too: two runs with the same anon (208 /
207 MB) gave 226 and 240 MB. USS counts as a worker's own the store's pages that no other
process happens to map (docs/benchmarks.md, "What grew: Arrow's allocator").
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass, field

import psutil

FIELDS = ("VmRSS", "RssAnon", "RssShmem")


@dataclass
class Peak:
    rss: float = 0.0
    anon: float = 0.0
    shm: float = 0.0
    name: str = ""  # the process's title at its highest RSS (``ray::IDLE``, ``ray::Map...``)

    def take(self, rss: float, anon: float, shm: float, name: str = "") -> None:
        if rss > self.rss:
            self.rss, self.name = rss, name or self.name
        self.anon, self.shm = max(self.anon, anon), max(self.shm, shm)


def status_mb(pid: int) -> tuple[float, float, float] | None:
    """(rss, anon, shm) of ``pid`` in MB, or None when it is gone."""
    found: dict[str, float] = {}
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as fh:
            for line in fh:
                name, _, value = line.partition(":")
                if name in FIELDS:
                    found[name] = int(value.split()[0]) / 1024  # kB
    except OSError:
        return None
    if len(found) < len(FIELDS):
        return None
    return found["VmRSS"], found["RssAnon"], found["RssShmem"]


def _ray_workers(me: psutil.Process) -> list[int]:
    found = []
    for proc in me.children(recursive=True):
        try:
            name = proc.name()
        except psutil.Error:
            continue
        if name.startswith("ray::") or "default_worker" in name:
            found.append(proc.pid)
    return found


def _title(pid: int) -> str | None:
    """The command line of ``pid`` as ``ps`` shows it, cut at 40 characters (``comm`` is cut
    at 15); None when it is gone."""
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as fh:
            raw = fh.read()
    except OSError:
        return None
    return raw.replace(b"\0", b" ").decode(errors="replace").strip()[:40]


@dataclass
class ClusterMemory:
    """Peaks per stage of the Ray workers under this process and of this process itself."""

    stage: str = "start"
    workers: dict[str, dict[int, Peak]] = field(default_factory=dict)
    driver: dict[str, Peak] = field(default_factory=dict)
    _stop: threading.Event = field(default_factory=threading.Event)
    _thread: threading.Thread | None = None

    def _sample(self) -> None:
        """Every 0.2 s the status of this process and of the Ray workers; the list of workers
        every 2 s only: walking every process of the machine for its parent (``psutil``'s
        ``children``) each time took 2.3% of a core from the cores the workers run on."""
        me = psutil.Process()
        workers: list[int] = []
        tick = 0
        while not self._stop.wait(0.2):
            if tick % 10 == 0:
                workers = _ray_workers(me)
            tick += 1
            stage = self.stage
            got = status_mb(os.getpid())
            if got is not None:
                self.driver.setdefault(stage, Peak()).take(*got)
            for pid in workers:
                got, title = status_mb(pid), _title(pid)
                if got is not None and title is not None:
                    peaks = self.workers.setdefault(stage, {})
                    peaks.setdefault(pid, Peak()).take(*got, title)

    def __enter__(self) -> ClusterMemory:
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()

    def busiest(self, count: int, stage: str | None = None) -> list[Peak]:
        """The ``count`` workers of the highest RSS (in ``stage``, or over the whole run: each
        worker's peak over every stage), highest first; idle workers stay small."""
        per_pid: dict[int, Peak] = {}
        for name, peaks in self.workers.items():
            if stage is not None and name != stage:
                continue
            for pid, peak in peaks.items():
                per_pid.setdefault(pid, Peak()).take(peak.rss, peak.anon, peak.shm, peak.name)
        return sorted(per_pid.values(), key=lambda p: -p.rss)[:count]

    def driver_peak(self, stage: str | None = None) -> Peak:
        out = Peak()
        for name, peak in self.driver.items():
            if stage is None or name == stage:
                out.take(peak.rss, peak.anon, peak.shm)
        return out
