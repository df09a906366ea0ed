"""Issue 16, defect 1: an output that exists and is not a regular file (a FIFO, a device, a
link to one, a folder) is refused with E114 and left as it was; `-o -` streams to stdout.

Every write used to rename a temporary file over its target, which replaced the full device
or a FIFO with a regular file, exit 0. The cases run in this process (CliRunner) with
``os.replace``/``os.rename`` guarded, so that a regression can never replace a device node
of the machine running the suite.

A failed run leaves no folder it made: an export's `-o` (E101, E105, E203, E504 left it, empty),
or a stage's output folder.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from builder.cli import app
from tests.conftest import SAMPLES

pytestmark = pytest.mark.adversarial
runner = CliRunner()


@pytest.fixture(autouse=True)
def _never_replace_devices(monkeypatch: pytest.MonkeyPatch) -> None:
    """A regression must fail the test, not replace /dev/null of this machine."""
    for name in ("replace", "rename"):
        real: Callable[..., Any] = getattr(os, name)

        def guarded(src: Any, dst: Any, *a: Any, _real: Any = real, **k: Any) -> Any:
            if str(dst).startswith("/dev/"):
                raise AssertionError(f"would replace {dst}")
            return _real(src, dst, *a, **k)

        monkeypatch.setattr(os, name, guarded)


@pytest.fixture(scope="module")
def stages(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """documents.jsonl and sentences.jsonl of the samples, as inputs of segment and prelabel."""
    out = tmp_path_factory.mktemp("stages")
    for args in (
        ["ingest", str(SAMPLES), "-o", str(out / "documents.jsonl")],
        ["segment", str(out / "documents.jsonl"), "-o", str(out / "sentences.jsonl")],
        ["prelabel", str(out / "sentences.jsonl"), "-o", str(out / "prelabels.jsonl")],
    ):
        assert runner.invoke(app, args).exit_code == 0
    return out


def _fifo(folder: Path) -> Path:
    os.mkfifo(folder / "fifo")
    return folder / "fifo"


def _link_to_null(folder: Path) -> Path:
    (folder / "null").symlink_to("/dev/null")
    return folder / "null"


def _link_to_full(folder: Path) -> Path:
    (folder / "full").symlink_to("/dev/full")
    return folder / "full"


def _folder(folder: Path) -> Path:
    (folder / "dir").mkdir()
    return folder / "dir"


TARGETS: dict[str, Callable[[Path], Path]] = {
    "fifo": _fifo,
    "link to /dev/null": _link_to_null,
    "link to /dev/full": _link_to_full,
    "folder": _folder,
    "/dev/null": lambda _: Path("/dev/null"),
    "/dev/full": lambda _: Path("/dev/full"),
}


def _args(command: str, stages: Path, target: Path) -> list[str]:
    """Each command that writes a file, with ``target`` as that file."""
    docs, sents = stages / "documents.jsonl", stages / "sentences.jsonl"
    prel = stages / "prelabels.jsonl"
    return {
        "ingest -o": ["ingest", str(SAMPLES), "-o", str(target)],
        "ingest --report": ["ingest", str(SAMPLES), "-o", str(stages / "x"), "--report", str(target)],
        "segment -o": ["segment", str(docs), "-o", str(target)],
        "prelabel -o": ["prelabel", str(sents), "-o", str(target)],
        "heuristics --json": ["heuristics", "report", "--sentences", str(sents), "--json", str(target)],
        "export --metrics": [
            "export", "--sentences", str(sents), "--prelabels", str(prel), "--name", "news",
            "-o", str(stages / "datasets"), "--silver", "--metrics", str(target),
        ],
        "export --plot": [
            "export", "--sentences", str(sents), "--prelabels", str(prel), "--name", "news",
            "-o", str(stages / "datasets"), "--silver", "--plot", str(target),
        ],
    }[command]  # fmt: skip


COMMANDS = [
    "ingest -o",
    "ingest --report",
    "segment -o",
    "prelabel -o",
    "heuristics --json",
    "export --metrics",
    "export --plot",
]


def _kind(path: Path) -> tuple[bool, int, int]:
    st = path.lstat()
    return stat.S_ISLNK(st.st_mode), stat.S_IFMT(st.st_mode), st.st_rdev


@pytest.mark.parametrize("target", sorted(TARGETS))
@pytest.mark.parametrize("command", COMMANDS)
def test_an_output_that_is_not_a_regular_file_is_refused(
    tmp_path: Path, stages: Path, command: str, target: str
) -> None:
    path = TARGETS[target](tmp_path)
    before = _kind(path)
    result = runner.invoke(app, _args(command, stages, path))
    assert result.exit_code == 1, result.output
    assert "E114" in result.stderr and str(path) in result.stderr
    assert "Traceback" not in result.output
    assert _kind(path) == before, "the target was replaced"
    assert not list(tmp_path.glob(".*.tmp")) and not list(stages.glob(".*.tmp"))
    # Refused before any work: no dataset version was made for a refused --metrics.
    assert not (stages / "datasets").exists()


@pytest.mark.parametrize("command", ["ingest", "segment", "prelabel"])
def test_dash_streams_the_same_bytes_to_stdout(
    tmp_path: Path, stages: Path, command: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    source = {"ingest": SAMPLES, "segment": stages / "documents.jsonl"}.get(
        command, stages / "sentences.jsonl"
    )
    result = runner.invoke(app, [command, str(source), "-o", "-"])
    assert result.exit_code == 0, result.output
    written = {"ingest": "documents", "segment": "sentences", "prelabel": "prelabels"}[command]
    assert result.stdout_bytes == (stages / f"{written}.jsonl").read_bytes()
    assert not list(tmp_path.iterdir()), "no file named '-'"


def _export_inputs(built: Path, folder: Path, case: str) -> tuple[Path, Path]:
    """The sentences and pre-labels of an export that fails with ``case``'s code."""
    sentences, prelabels = built / "sentences.jsonl", built / "prelabels.jsonl"
    folder.mkdir()
    if case == "E101":
        return folder / "missing.jsonl", prelabels
    if case == "E504":
        (folder / "empty.jsonl").write_bytes(b"")
        return folder / "empty.jsonl", folder / "empty.jsonl"
    if case == "E105":
        (folder / "s.jsonl").write_bytes(sentences.read_bytes() + b'{"id": \n')
        return folder / "s.jsonl", prelabels
    # E203: the first sentence given again, with its pre-labels
    for name, path in (("s.jsonl", sentences), ("p.jsonl", prelabels)):
        data = path.read_bytes()
        (folder / name).write_bytes(data + data.splitlines(keepends=True)[0])
    return folder / "s.jsonl", folder / "p.jsonl"


@pytest.mark.parametrize("existed", [False, True])
@pytest.mark.parametrize("code", ["E101", "E105", "E203", "E504"])
def test_a_failed_export_leaves_nothing_that_was_not_there(
    built: Path, tmp_path: Path, code: str, existed: bool
) -> None:
    """No `-o` folder (nor its missing parents, nor the dataset's) after a failed export; a
    folder that was there stays, as it was."""
    sentences, prelabels = _export_inputs(built, tmp_path / "in", code)
    out = tmp_path / "new" / "datasets"
    if existed:
        out.mkdir(parents=True)
    args = ["export", "--sentences", str(sentences), "--prelabels", str(prelabels)]
    result = runner.invoke(app, [*args, "--silver", "--name", "news", "-o", str(out)])
    assert result.exit_code == 1, result.output
    assert f"error: {code}" in result.stderr
    if existed:
        assert list(out.iterdir()) == []
    else:
        assert not (tmp_path / "new").exists()


@pytest.mark.parametrize("command", ["segment", "prelabel"])
def test_a_failed_stage_leaves_no_folder_it_made(tmp_path: Path, command: str) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_bytes(b'{"id": \n')
    result = runner.invoke(app, [command, str(bad), "-o", str(tmp_path / "new" / "out.jsonl")])
    assert result.exit_code == 1 and "error: E105" in result.stderr, result.output
    assert not (tmp_path / "new").exists()


@pytest.mark.parametrize("command", ["build", "build-below", "export", "ingest"])
def test_a_file_where_a_folder_goes_is_e112_saying_so(
    built: Path, tmp_path: Path, command: str
) -> None:
    """`-o afile` where a folder is needed: E112 naming the file and what it is (mkdir's
    "File exists" said neither), before any work, the file as it was."""
    afile = tmp_path / "afile"
    afile.write_bytes(b"mine\n")
    args = {
        "build": ["build", str(SAMPLES), "-o", str(afile)],
        "build-below": ["build", str(SAMPLES), "-o", str(afile / "out")],
        "export": [
            *("export", "--sentences", str(built / "sentences.jsonl")),
            *("--prelabels", str(built / "prelabels.jsonl"), "--silver", "--name", "news"),
            *("-o", str(afile)),
        ],
        "ingest": ["ingest", str(SAMPLES), "-o", str(afile / "documents.jsonl")],
    }[command]
    result = runner.invoke(app, args)
    assert result.exit_code == 1, result.output
    said = f"error: E112 {afile}: exists and is a regular file, where a folder is needed"
    assert said in result.stderr, result.stderr
    assert afile.read_bytes() == b"mine\n"
    assert [p.name for p in tmp_path.iterdir()] == ["afile"]
