"""Long commands killed half-way: SIGINT (Ctrl-C, sent to the whole process group as a terminal
does), SIGTERM and SIGKILL (to the command alone, as ``kill`` does).

Real processes, real signals. After each: no process of the command survives it (its workers
and multiprocessing's resource tracker, found by PID while it ran), no partial output is left
(for SIGKILL, which nothing can catch: the next run removes it), stderr has no traceback, and
the next run succeeds with the same bytes as a run never interrupted (issue 16, defect 2).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import orjson
import psutil
import pytest

from tests.conftest import REPO
from tests.export.helpers import write_inputs

pytestmark = pytest.mark.adversarial

# Inputs that keep each command busy for a few seconds after its workers have started.
SENTENCES = 16_000  # export
DOCUMENTS = 3_000  # segment (135,000 sentences)
RAW = 1_500  # ingest
EXIT_TIMEOUT = 60.0  # seconds a signalled command may take to end
ORPHAN_TIMEOUT = 10.0  # seconds its processes may take to follow it
INTERRUPTS = [
    pytest.param(signal.SIGINT, True, id="SIGINT-to-the-group"),
    pytest.param(signal.SIGTERM, False, id="SIGTERM"),
    pytest.param(signal.SIGKILL, False, id="SIGKILL"),
]


def _words(rng: random.Random, n: int) -> str:
    return " ".join(f"w{rng.randrange(10**6)}" for _ in range(n))


def _export_inputs(folder: Path, n: int) -> tuple[Path, Path]:
    """``n`` sentences of random words (no duplicates: the export's rows dominate its time),
    20 to a document, with empty pre-labels."""
    rng = random.Random(16)
    return write_inputs(folder, (_words(rng, 10).capitalize() + "." for _ in range(n)))


def _texts(rng: random.Random, n: int) -> list[str]:
    """``n`` documents of five paragraphs of six sentences."""

    def paragraph() -> str:
        return " ".join(_words(rng, rng.randrange(6, 16)).capitalize() + "." for _ in range(6))

    return ["\n\n".join(paragraph() for _ in range(5)) for _ in range(n)]


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("signal-inputs")
    _export_inputs(folder, SENTENCES)
    rng = random.Random(8)
    with (folder / "documents.jsonl").open("wb") as fh:  # as `builder ingest` writes them
        for i, text in enumerate(_texts(rng, DOCUMENTS)):
            sha = hashlib.sha256(text.encode()).hexdigest()
            record = {"id": f"doc{i:05d}", "doc_sha": sha, "text": text, "source": "gen"}
            fh.write(orjson.dumps({**record, "format": "text", "meta": {}, "removed": []}))
            fh.write(b"\n")
    (folder / "raw").mkdir()
    with (folder / "raw" / "news.jsonl").open("wb") as fh:
        for i, text in enumerate(_texts(rng, RAW)):
            fh.write(orjson.dumps({"id": f"doc{i:05d}", "text": text}) + b"\n")
    return folder


def _builder(*args: str | Path) -> list[str]:
    return [sys.executable, "-m", "builder.cli", *map(str, args)]


def _env() -> dict[str, str]:
    path = os.pathsep.join(p for p in (str(REPO), os.environ.get("PYTHONPATH")) if p)
    return {**os.environ, "PYTHONPATH": path, "HF_HUB_OFFLINE": "1", "HF_DATASETS_OFFLINE": "1"}


def _run(args: list[str]) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(args, env=_env(), capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return done


def _files(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
    }


def _interrupt(
    args: list[str], signum: int, to_group: bool, mid_run: Callable[[psutil.Process], bool]
) -> tuple[int, str, list[psutil.Process]]:
    """Start ``args``, send ``signum`` once ``mid_run(its process)`` holds, wait for the end: the exit
    code, stderr and every process the command started."""
    err = Path(os.environ.get("TMPDIR", "/tmp")) / f"signals-{os.getpid()}-{time.time_ns()}.err"
    with err.open("w+") as stderr:
        job = subprocess.Popen(
            args, env=_env(), stdout=subprocess.DEVNULL, stderr=stderr, start_new_session=True
        )
        root = psutil.Process(job.pid)
        seen: dict[int, psutil.Process] = {}
        deadline = time.monotonic() + 120
        try:
            while not mid_run(root):
                assert job.poll() is None, "the command ended before the signal: grow its input"
                assert time.monotonic() < deadline, "the command never got to mid-run"
                for child in root.children(recursive=True):
                    seen.setdefault(child.pid, child)
                time.sleep(0.02)
            for child in root.children(recursive=True):
                seen.setdefault(child.pid, child)
            assert job.poll() is None, "the command ended before the signal: grow its input"
            if to_group:
                os.killpg(job.pid, signum)
            else:
                job.send_signal(signum)
            code = job.wait(timeout=EXIT_TIMEOUT)
        finally:
            if job.poll() is None:
                job.kill()
                job.wait()
        stderr.seek(0)
        text = stderr.read()
    err.unlink()
    return code, text, list(seen.values())


def _survivors(processes: list[psutil.Process]) -> list[str]:
    """The processes still running after ORPHAN_TIMEOUT (a zombie runs nothing); killed, so
    that a failing test leaves none behind either."""
    deadline = time.monotonic() + ORPHAN_TIMEOUT
    while True:
        alive = []
        for proc in processes:
            try:  # is_running() also tells a reused PID from the process we saw
                if proc.is_running() and proc.status() != psutil.STATUS_ZOMBIE:
                    alive.append(proc)
            except psutil.NoSuchProcess:
                continue
        if not alive or time.monotonic() > deadline:
            break
        time.sleep(0.1)
    found = []
    for proc in alive:
        try:
            found.append(f"{proc.pid} {' '.join(proc.cmdline())[:120]}")
            proc.kill()
        except psutil.Error:
            continue
    return found


def _check_interrupted(code: int, stderr: str, signum: int) -> None:
    assert "Traceback" not in stderr, stderr
    if signum == signal.SIGKILL:
        assert code == -signal.SIGKILL
        return
    assert code == 128 + signum, stderr
    lines = stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("interrupted"), stderr


@pytest.fixture(scope="module")
def exported(inputs: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """The version an uninterrupted export writes."""
    out = tmp_path_factory.mktemp("export-reference")
    _run(_export(inputs, out))
    return _files(out / "news" / "0.1.0")


def _export(inputs: Path, out: Path) -> list[str]:
    sentences, prelabels = inputs / "sentences.jsonl", inputs / "prelabels.jsonl"
    return _builder(
        "export", "--sentences", sentences, "--prelabels", prelabels, "--silver",
        "--name", "news", "-o", out, "--workers", "2",
    )  # fmt: skip


def _starting(root: psutil.Process) -> bool:
    """Both workers exist (they may still be importing what they need)."""
    found = 0
    for child in root.children():
        with contextlib.suppress(psutil.Error):
            found += "spawn_main" in " ".join(child.cmdline())
    return found >= 2


@pytest.mark.parametrize(
    ("signum", "to_group", "moment"),
    [
        pytest.param(signal.SIGINT, True, "rows", id="SIGINT-to-the-group-writing-rows"),
        pytest.param(signal.SIGINT, True, "start", id="SIGINT-to-the-group-as-workers-start"),
        pytest.param(signal.SIGTERM, False, "rows", id="SIGTERM-writing-rows"),
        pytest.param(signal.SIGKILL, False, "rows", id="SIGKILL-writing-rows"),
        pytest.param(signal.SIGKILL, False, "start", id="SIGKILL-as-workers-start"),
    ],
)
def test_an_interrupted_export_leaves_no_process_and_no_staging_folder(
    inputs: Path,
    exported: dict[str, bytes],
    tmp_path: Path,
    signum: int,
    to_group: bool,
    moment: str,
) -> None:
    out = tmp_path / "out"
    dataset = out / "news"

    def writing_rows(root: psutil.Process) -> bool:  # the second pass's rows half-written
        return any(dataset.glob(".export.*/.parts/*.arrow"))

    mid_run = writing_rows if moment == "rows" else _starting
    code, stderr, processes = _interrupt(_export(inputs, out), signum, to_group, mid_run)
    assert len(processes) >= 2, "the export ran no workers"
    _check_interrupted(code, stderr, signum)
    assert _survivors(processes) == []
    staged = list(dataset.glob(".export.*")) if dataset.exists() else []
    if signum == signal.SIGKILL:
        assert staged, "SIGKILL: nothing could clean up (the next run must)"
    else:
        assert staged == [] and not out.joinpath("news", "0.1.0").exists()
    _run(_export(inputs, out))
    assert list(dataset.glob(".export.*")) == [], "the next run removes a dead export's folder"
    assert _files(dataset / "0.1.0") == exported


@pytest.fixture(scope="module")
def segmented(inputs: Path, tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """The sentences an uninterrupted segment writes (in one process)."""
    output = tmp_path_factory.mktemp("segment-reference") / "sentences.jsonl"
    _run(_builder("segment", inputs / "documents.jsonl", "-o", output))
    return output.read_bytes()


@pytest.fixture(scope="module")
def ingested(inputs: Path, tmp_path_factory: pytest.TempPathFactory) -> bytes:
    output = tmp_path_factory.mktemp("ingest-reference") / "documents.jsonl"
    _run(_builder("ingest", inputs / "raw", "-o", output))
    return output.read_bytes()


@pytest.mark.parametrize(("signum", "to_group"), INTERRUPTS)
def test_an_interrupted_segment_leaves_no_process(
    inputs: Path, segmented: bytes, tmp_path: Path, signum: int, to_group: bool
) -> None:
    output = tmp_path / "sentences.jsonl"
    segment = _builder("segment", inputs / "documents.jsonl", "-o", output, "--workers", "2")

    def writing(root: psutil.Process) -> bool:
        return any(p.stat().st_size for p in tmp_path.glob(".sentences.jsonl.*.tmp"))

    code, stderr, processes = _interrupt(segment, signum, to_group, writing)
    assert len(processes) >= 2, "segment ran no workers"
    _check_interrupted(code, stderr, signum)
    assert _survivors(processes) == []
    assert not output.exists()
    if signum != signal.SIGKILL:  # SIGKILL leaves the temporary file (jsonl.atomic_output)
        assert list(tmp_path.iterdir()) == []
    _run(segment)
    assert output.read_bytes() == segmented


@pytest.mark.parametrize(("signum", "to_group"), INTERRUPTS[:2])
def test_an_interrupted_ingest_leaves_no_temporary_file(
    inputs: Path, ingested: bytes, tmp_path: Path, signum: int, to_group: bool
) -> None:
    output = tmp_path / "documents.jsonl"
    ingest = _builder("ingest", inputs / "raw", "-o", output)

    def writing(root: psutil.Process) -> bool:
        return any(p.stat().st_size for p in tmp_path.glob(".documents.jsonl.*.tmp"))

    code, stderr, _ = _interrupt(ingest, signum, to_group, writing)
    _check_interrupted(code, stderr, signum)
    assert list(tmp_path.iterdir()) == []
    _run(ingest)
    assert output.read_bytes() == ingested
