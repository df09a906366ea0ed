"""Issue 16, defects 1 and 8 in a real process: ingest never waits on a FIFO, a signal leaves
no temporary file behind (SIGKILL's leftover is removed by the next run), and standard
output that closes or fills up is a coded error, not a traceback."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import orjson
import pytest

from builder.jsonl import write_records
from tests.conftest import REPO

pytestmark = pytest.mark.adversarial
BUILDER = [sys.executable, "-m", "builder.cli"]
ENV = {**os.environ, "PYTHONPATH": str(REPO)}


def _run(*args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*BUILDER, *args], capture_output=True, text=True, env=ENV, timeout=timeout
    )


def test_a_fifo_among_the_inputs_is_skipped_without_waiting(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "good.txt").write_text("A good story.")
    os.mkfifo(docs / "pipe.txt")
    out = tmp_path / "documents.jsonl"
    result = _run("ingest", str(docs), "-o", str(out))  # hung forever before
    assert result.returncode == 0, result.stderr
    assert "warning: E101" in result.stderr and "pipe.txt" in result.stderr
    strict = _run("ingest", str(docs), "-o", str(out), "--strict")
    assert strict.returncode == 1 and "error: E101" in strict.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["docs", "documents.jsonl"]


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Enough documents that ingest runs a few seconds: time to signal it mid-write."""
    path = tmp_path_factory.mktemp("big") / "big.jsonl"
    with path.open("wb") as fh:
        for i in range(20000):
            text = f"Story {i}. The minister said on Tuesday that the town of {i} would vote."
            fh.write(orjson.dumps({"id": f"d{i}", "text": text}) + b"\n")
    return path


def _temporaries(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def _signal_mid_write(big: Path, folder: Path, signum: int) -> subprocess.Popen[bytes]:
    """Start ingest, wait for its temporary output file, send ``signum``."""
    out = folder / "documents.jsonl"
    child = subprocess.Popen(
        [*BUILDER, "ingest", str(big), "-o", str(out)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=ENV,
    )
    deadline = time.monotonic() + 60
    while not _temporaries(folder):
        assert child.poll() is None, "ingest ended before it was signalled"
        assert time.monotonic() < deadline, "no temporary file appeared"
        time.sleep(0.01)
    child.send_signal(signum)
    child.wait(timeout=60)
    return child


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_a_signalled_ingest_removes_its_temporary_file(
    tmp_path: Path, big: Path, signum: signal.Signals
) -> None:
    child = _signal_mid_write(big, tmp_path, signum)
    assert child.returncode != 0
    assert child.stderr is not None and b"Traceback" not in child.stderr.read()
    assert _temporaries(tmp_path) == [] and not (tmp_path / "documents.jsonl").exists()


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_a_signal_just_after_the_temporary_file_is_made_removes_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, signum: signal.Signals
) -> None:
    """The polling test above sends its signal as soon as the file appears: sometimes
    before ``mkstemp`` returned its name. This one always does."""
    real = tempfile.mkstemp

    def mkstemp_then_signalled(*args: Any, **kwargs: Any) -> tuple[int, str]:
        made = real(*args, **kwargs)
        os.kill(os.getpid(), signum)
        return made

    monkeypatch.setattr(tempfile, "mkstemp", mkstemp_then_signalled)
    before = signal.getsignal(signal.SIGTERM)  # SIG_DFL, or what an earlier test left (Ray's)
    with pytest.raises((KeyboardInterrupt, SystemExit)):
        write_records(tmp_path / "out.jsonl", [{"a": 1}])
    assert list(tmp_path.iterdir()) == []
    assert signal.getsignal(signal.SIGTERM) is before  # given back


def test_the_next_run_removes_what_a_killed_ingest_left(tmp_path: Path, big: Path) -> None:
    child = _signal_mid_write(big, tmp_path, signal.SIGKILL)
    assert child.returncode == -signal.SIGKILL
    left = _temporaries(tmp_path)
    assert len(left) == 1  # nothing can run on SIGKILL
    # A temporary file of a live process is not touched.
    live = tmp_path / f".documents.jsonl.{os.getpid()}@{left[0].split('@')[1]}"
    live.write_text("")
    result = _run("ingest", str(big), "-o", str(tmp_path / "documents.jsonl"))
    assert result.returncode == 0, result.stderr
    assert _temporaries(tmp_path) == [live.name]


def test_closed_or_full_stdout_is_a_coded_error(tmp_path: Path, big: Path) -> None:
    child = subprocess.Popen(
        [*BUILDER, "ingest", str(big), "-o", "-"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=ENV,
        cwd=tmp_path,
    )
    assert child.stdout is not None and child.stderr is not None
    assert child.stdout.read(100).startswith(b'{"doc_sha":')
    child.stdout.close()  # `| head -c 100`
    err = child.stderr.read().decode()
    assert child.wait(timeout=60) == 1
    assert "E112" in err and "standard output" in err and "Traceback" not in err
    assert "Exception ignored" not in err
    with open("/dev/full", "wb") as full:
        result = subprocess.run(
            [*BUILDER, "ingest", str(big), "-o", "-"],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            env=ENV,
            cwd=tmp_path,
            timeout=60,
        )
    assert result.returncode == 1 and "E112" in result.stderr and "No space" in result.stderr
    assert list(tmp_path.iterdir()) == []
