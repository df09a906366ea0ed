"""The folders a run makes for its output, and what it leaves of them when it fails: nothing.

A name too long part-way down a new path used to leave the levels made above it (they were
made by one ``mkdir -p`` outside any clean-up); ``q1/../q2`` left ``q1`` (the list of what was
made held ``q1/..``, which cannot be removed, and the removal stopped there); an export whose
staging folder could not be made left the dataset folders made just before. A folder another
run is writing into is never removed under it.
"""

from __future__ import annotations

import errno
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from builder.cli import app
from builder.folders import make_folder, remove_made

pytestmark = pytest.mark.adversarial
runner = CliRunner()


@pytest.fixture
def inputs(built: Path, tmp_path: Path) -> tuple[Path, Path]:
    """Valid sentences, and the same with a last line that is no sentence (E203)."""
    good = built / "sentences.jsonl"
    bad = tmp_path / "in" / "bad.jsonl"
    bad.parent.mkdir()
    bad.write_bytes(good.read_bytes() + b'{"id": "x"}\n')
    return good, bad


def _prelabel(source: Path, out: Path) -> Any:
    return runner.invoke(app, ["prelabel", str(source), "-o", str(out)])


def _left(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_a_name_too_long_part_way_takes_back_the_levels_made_above_it(
    inputs: tuple[Path, Path], tmp_path: Path
) -> None:
    out = tmp_path / "nl1" / "nl2" / ("x" * 300) / "p.jsonl"
    result = _prelabel(inputs[0], out)
    assert result.exit_code == 1, result.output
    assert "error: E112" in result.stderr and "File name too long" in result.stderr
    assert _left(tmp_path) == ["in"]


def test_dot_dot_in_a_new_path_leaves_no_folder_when_the_run_fails(
    inputs: tuple[Path, Path], tmp_path: Path
) -> None:
    result = _prelabel(inputs[1], tmp_path / "q1" / ".." / "q2" / "p.jsonl")
    assert result.exit_code == 1, result.output
    assert "error: E203" in result.stderr and "bad.jsonl:" in result.stderr
    assert _left(tmp_path) == ["in"]


def test_dot_dot_goes_where_the_kernel_goes_through_a_link(tmp_path: Path) -> None:
    """``link/..`` is the parent of the link's target: made and taken back there."""
    (tmp_path / "far" / "sub").mkdir(parents=True)
    (tmp_path / "near").mkdir()
    (tmp_path / "near" / "link").symlink_to(tmp_path / "far" / "sub")
    made = make_folder(tmp_path / "near" / "link" / ".." / "new")
    assert (tmp_path / "far" / "new").is_dir() and not (tmp_path / "near" / "new").exists()
    remove_made(made)
    assert _left(tmp_path / "far") == ["sub"] and _left(tmp_path / "near") == ["link"]


def test_a_folder_another_run_writes_into_is_not_removed(tmp_path: Path) -> None:
    made = make_folder(tmp_path / "a" / "b")
    (tmp_path / "a" / "b" / "theirs.tmp").write_bytes(b"")
    remove_made(made)
    assert (tmp_path / "a" / "b" / "theirs.tmp").exists()


def test_the_run_whose_folder_vanished_says_e112(
    inputs: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another run took back the (empty) folder both were to write into, between this run's
    check that it is there and the creation of its temporary file: a coded E112, no trace."""
    real: Callable[..., tuple[int, str]] = tempfile.mkstemp

    def racing(*args: Any, dir: Path, **kwargs: Any) -> tuple[int, str]:
        parent = Path(dir)
        if parent.name == "race" and parent.is_dir():
            parent.rmdir()
        return real(*args, dir=dir, **kwargs)

    monkeypatch.setattr(tempfile, "mkstemp", racing)
    result = _prelabel(inputs[0], tmp_path / "race" / "p.jsonl")
    assert result.exit_code == 1, result.output
    assert f"error: E112 {tmp_path / 'race'}/" in result.stderr, result.stderr
    assert "No such file or directory" in result.stderr
    assert _left(tmp_path) == ["in"]


@pytest.mark.parametrize("target", ["flink", "dangling"])
def test_a_link_where_a_folder_goes_says_what_it_leads_to(
    inputs: tuple[Path, Path], tmp_path: Path, target: str
) -> None:
    link = tmp_path / target
    link.symlink_to(inputs[0] if target == "flink" else tmp_path / "nowhere")
    result = _prelabel(inputs[0], link / "p.jsonl")
    assert result.exit_code == 1, result.output
    kind = "a link to a regular file" if target == "flink" else "a link to nothing (dangling)"
    assert f"error: E112 {link}: exists and is {kind}, where a folder" in result.stderr
    assert _left(tmp_path) == sorted(["in", target])


def test_an_export_whose_staging_folder_fails_leaves_no_folder_it_made(
    built: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(dataset: Path) -> Path:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(dataset))

    monkeypatch.setattr("builder.export.build.staging_folder", full)
    args = ["export", "--sentences", str(built / "sentences.jsonl")]
    args += ["--prelabels", str(built / "prelabels.jsonl"), "--silver", "--name", "news"]
    result = runner.invoke(app, [*args, "-o", str(tmp_path / "new" / "datasets")])
    assert result.exit_code == 1, result.output
    assert "error: E112" in result.stderr and "No space left on device" in result.stderr
    assert _left(tmp_path) == []
