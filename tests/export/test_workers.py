"""Worker processes of the export: a dead worker fails the export cleanly, never hangs it."""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import cast

import orjson
import psutil
import pytest

from builder.errors import BuilderError
from builder.export.build import export
from builder.export.params import ExportParams
from tests.export.helpers import write_inputs
from tests.worker_processes import kill_a_worker

WORDS = [
    "harbour",
    "storm",
    "council",
    "vote",
    "rail",
    "strike",
    "fire",
    "river",
    "budget",
    "court",
    "minister",
    "port",
]
WORDS += [f"w{k}" for k in range(500)]


def _inputs(folder: Path, n: int) -> tuple[Path, Path]:
    texts = (
        f"{i} " + " ".join(WORDS[(i * 7919 + k * 104729) % len(WORDS)] for k in range(8)) + "."
        for i in range(n)
    )
    return write_inputs(folder, texts)


@pytest.mark.parametrize("busy_for", [0.0, 0.5])  # CPU seconds before the kill
def test_a_killed_worker_never_hangs_the_export_nor_loses_rows(
    tmp_path: Path, busy_for: float
) -> None:
    sentences, prelabels = _inputs(tmp_path, 60_000)
    out = tmp_path / "out"
    raised: list[BaseException] = []

    def run() -> None:
        try:
            export(sentences, prelabels, out, ExportParams("news", None, silver=True, workers=2))
        except BaseException as exc:
            raised.append(exc)

    job = threading.Thread(target=run, daemon=True)  # a hang must not outlive the test
    job.start()
    killed = kill_a_worker(psutil.Process(), job.is_alive, busy_for)
    job.join(timeout=120)
    assert killed, "no worker process seen"
    assert not job.is_alive(), "the export hangs after a worker died"
    if raised:  # the worker died holding a chunk: a clear error, nothing left behind
        assert isinstance(raised[0], BuilderError) and raised[0].code == "E509", raised
        assert not out.exists() or not any(out.rglob("*"))
    else:  # it died before taking any: its replacement did the work, and all of it
        manifest = orjson.loads((out / "news" / "0.1.0" / "manifest.json").read_bytes())
        assert sum(manifest["rows"]["ner"].values()) == 60_000


def _workers() -> list[psutil.Process]:
    found = []
    for child in psutil.Process().children(recursive=True):
        try:
            if "spawn_main" in " ".join(child.cmdline()):
                found.append(child)
        except psutil.ZombieProcess:
            found.append(child)  # dead but never joined: left behind all the same
        except psutil.NoSuchProcess:
            continue
    return found


@pytest.mark.parametrize("fails", [False, True])
def test_no_worker_is_left_running(tmp_path: Path, fails: bool) -> None:
    """After an export with two workers, whether it succeeded or failed in a worker."""
    sentences, prelabels = _inputs(tmp_path, 2_000)
    if fails:  # a pre-label record the workers refuse: the export fails half-way
        lines = prelabels.read_bytes().splitlines(keepends=True)
        lines[1_500] = lines[1_500].replace(b'"entities":[]', b'"entities":[{"start":0}]')
        prelabels.write_bytes(b"".join(lines))
    seen: set[int] = set()
    done = threading.Event()

    def watch() -> None:
        while not done.is_set():
            seen.update(w.pid for w in _workers())
            time.sleep(0.01)

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    try:
        export(sentences, prelabels, tmp_path / "out", ExportParams("news", None, True, workers=2))
    except BuilderError:
        assert fails
    else:
        assert not fails
    finally:
        done.set()
        watcher.join()
    assert len(seen) >= 2, "the export ran without worker processes: nothing was tested"
    assert _workers() == []


def test_a_bug_in_a_worker_is_reported_as_what_it_was() -> None:
    from builder.export.workers import RowsJob, Setup, rows
    from builder.workers.serve import Crashed, call, unwrap

    crashed = call(rows, cast(Setup, None), cast(RowsJob, None))  # the task itself fails
    assert isinstance(crashed, Crashed) and crashed.error.startswith("AttributeError")
    with pytest.raises(BuilderError) as exc:
        unwrap(Crashed("KeyError: 'text'"))
    assert exc.value.code == "E509" and "KeyError: 'text'" in exc.value.message
