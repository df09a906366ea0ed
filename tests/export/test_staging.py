"""Staging folders: an export removes those of dead exports, and only those."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from builder.export.staging import PREFIX, remove_stale, staging_folder, staging_prefix


def _dead_pid() -> int:
    code = "import os; print(os.getpid())"
    done = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    return int(done.stdout)


def test_only_the_folders_of_dead_exports_of_this_host_are_removed(tmp_path: Path) -> None:
    host = staging_prefix().split(".")[2]
    other_host = "0" * 8 if host != "0" * 8 else "1" * 8
    dead = _dead_pid()
    folders = {
        "dead": f"{PREFIX}{host}.{dead}.abc",
        "running": f"{staging_prefix()}def",  # this very process
        "other host": f"{PREFIX}{other_host}.{dead}.ghi",
        "older name": f"{PREFIX}x7k2m9q1",  # before names carried their owner: unprovable
        "a version": "0.1.0",
    }
    for name in folders.values():
        (tmp_path / name / "ner").mkdir(parents=True)
        (tmp_path / name / "ner" / "train.parquet").write_bytes(b"partial")
    (tmp_path / f"{PREFIX}{host}.{dead}.file").write_text("not a folder: left alone")
    assert remove_stale(tmp_path) == [tmp_path / folders["dead"]]
    left = {p.name for p in tmp_path.iterdir()}
    assert left == {*folders.values(), f"{PREFIX}{host}.{dead}.file"} - {folders["dead"]}


def test_a_new_staging_folder_is_named_after_its_process(tmp_path: Path) -> None:
    folder = staging_folder(tmp_path)
    assert folder.parent == tmp_path and folder.is_dir()
    assert folder.name.startswith(staging_prefix()) and f".{os.getpid()}." in folder.name
    assert remove_stale(tmp_path) == [], "its process runs"
