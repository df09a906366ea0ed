"""Shared helpers for the benchmark scripts: where the shared data lives, memory, output."""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from builder.model import Document, Sentence
from builder.segment import segment_document

SHARED = Path(
    os.environ.get("BUILDER_SHARED", Path(__file__).resolve().parents[1].parent / "shared")
)


def shared_path(*parts: str) -> Path:
    path = SHARED.joinpath(*parts)
    if not path.exists():
        sys.exit(f"{path} not found: the benchmarks need ../shared (set BUILDER_SHARED)")
    return path


def at_least(low: int) -> Callable[[str], int]:
    """An argparse ``type``: an integer no smaller than ``low``, refused with a usage error
    that names the option (``argument --repeat: must be 1 or more, not 0``)."""

    def parse(text: str) -> int:
        value = int(text)  # ValueError: argparse says "invalid int value: 'x'"
        if value < low:
            raise argparse.ArgumentTypeError(f"must be {low} or more, not {value}")
        return value

    parse.__name__ = "int"
    return parse


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far, in MB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def f1(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def bbc_documents() -> Iterator[Document]:
    """The BBC throughput corpus, one Document per article, streamed."""
    with shared_path("corpus", "bbc", "bbc_news_2225.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            yield Document(row["id"], "", row["text"], "", "jsonl")


def bbc_sentence_docs(limit: int) -> list[list[Sentence]]:
    """The sentences of the first articles, per article, ``limit`` sentences in all (0: all)."""
    docs: list[list[Sentence]] = []
    n = 0
    for doc in bbc_documents():
        sentences = list(segment_document(doc))
        if limit:
            sentences = sentences[: limit - n]
        docs.append(sentences)
        n += len(sentences)
        if limit and n >= limit:
            break
    return docs


def bbc_sentences(limit: int) -> list[Sentence]:
    """The first ``limit`` sentences of the corpus (0: all), in document order."""
    return [s for doc in bbc_sentence_docs(limit) for s in doc]


# Runs the CLI in a fresh process and prints its own peak RSS (KiB; workers counted apart).
_CHILD = """
import json, resource, sys
from builder.cli import app
try:
    app(json.loads(sys.argv[1]))
except SystemExit as exc:
    if exc.code:
        raise
self = resource.getrusage(resource.RUSAGE_SELF)
print(self.ru_utime + self.ru_stime, self.ru_maxrss)
"""
# The CPU time (user + system) of the command's own process in the last run_cli_tree, its
# workers left out: what the process that reads the inputs and gathers the results costs.
MAIN_CPU = [0.0]


def run_cli(args: list[str]) -> tuple[float, float, str]:
    """Run `builder ARGS` in a fresh process: (seconds, peak RSS in MB, its stderr)."""
    secs, peak_mb, _, stderr = run_cli_tree(args)
    return secs, peak_mb, stderr


def run_cli_tree(args: list[str]) -> tuple[float, float, float, str]:
    """As :func:`run_cli`, plus the peak memory of the whole process tree (the command and
    its worker processes, RSS summed, sampled every 20 ms with psutil)."""
    import psutil

    t0 = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-c", _CHILD, json.dumps(args)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    tree_peak = 0
    stop = threading.Event()

    def sample() -> None:
        nonlocal tree_peak
        proc = psutil.Process(child.pid)
        while not stop.is_set():
            with contextlib.suppress(psutil.Error):
                procs = [proc, *proc.children(recursive=True)]
                total = 0
                for p in procs:
                    with contextlib.suppress(psutil.Error):
                        total += p.memory_info().rss
                tree_peak = max(tree_peak, total)
            stop.wait(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    stdout, stderr = child.communicate()
    stop.set()
    sampler.join()
    if child.returncode:
        raise subprocess.CalledProcessError(child.returncode, child.args, stdout, stderr)
    secs = time.perf_counter() - t0
    MAIN_CPU[0] = float(stdout.split()[-2])
    return secs, int(stdout.split()[-1]) / 1024, tree_peak / 2**20, stderr


@contextlib.contextmanager
def bench_server(state: Path | None, work: Path) -> Iterator[Path]:
    """A local Label Studio server for a studio benchmark: the one in ``state`` when given
    (left running), else a new one in ``work``/state, stopped at the end. Yields its state
    folder."""
    from builder.studio import server

    folder = state or work / "state"
    started = time.perf_counter()
    own = server.running(folder) is None
    running = server.up(folder)
    print(f"server up {time.perf_counter() - started:.1f} s at {running.url}")
    try:
        yield folder
    finally:
        if own and state is None:
            server.down(folder)


_REFS = re.compile(r"I\s+refs:\s+([\d,]+)")


def need_valgrind() -> None:
    """Stop with a clear message where valgrind is not installed (before any work)."""
    if shutil.which("valgrind") is None:
        sys.exit("valgrind not found: apt-get install valgrind")


def valgrind_instructions(command: list[str], out_file: str = "/dev/null") -> int:
    """Instructions ``command`` executes (its first process), counted by valgrind's cachegrind
    without the cache simulation; the run's own output goes nowhere."""
    valgrind = ("valgrind", "--tool=cachegrind", "--cache-sim=no")
    done = subprocess.run(
        [*valgrind, f"--cachegrind-out-file={out_file}", *command],
        capture_output=True,
        text=True,
        check=True,
    )
    found = _REFS.search(done.stderr)
    if found is None:
        sys.exit(f"no instruction count in valgrind's output:\n{done.stderr[-2000:]}")
    return int(found.group(1).replace(",", ""))
