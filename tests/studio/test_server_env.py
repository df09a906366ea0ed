"""`builder studio up` without the Label Studio server package: E701 (exit 3) before anything
is written or announced. No real server: the executable lookup (``server_env.label_studio``:
beside this Python, else on the PATH) is made to find nothing, or nothing runnable."""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from builder.cli import app
from builder.studio.server_env import label_studio


def _without_server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A Python whose folder holds no `label-studio`, and a PATH without one."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    monkeypatch.setattr(sys, "executable", str(bin_dir / "python"))
    monkeypatch.setenv("PATH", str(bin_dir))
    return bin_dir


def _up(state: Path) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["studio", "up", "--state", str(state)])
    return result.exit_code, result.stderr


def test_a_first_up_without_the_server_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _without_server(tmp_path, monkeypatch)
    state = tmp_path / "project" / ".studio"
    code, said = _up(state)
    assert code == 3, said
    assert said.startswith("error: E701 ") and "pip install" in said, said
    assert "initialising" not in said, "no migrations were announced"
    # No credentials for a server that never ran, no init.pending, init.log or data folder
    assert not state.exists()


def test_a_state_folder_that_was_there_is_left_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _without_server(tmp_path, monkeypatch)
    state = tmp_path / ".studio"
    state.mkdir()
    (state / "notes.txt").write_text("mine\n", encoding="utf-8")
    code, said = _up(state)
    assert code == 3 and "E701" in said, said
    assert sorted(p.name for p in state.iterdir()) == ["notes.txt"]


def test_a_label_studio_file_that_cannot_run_is_no_server(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A `label-studio` beside this Python without its execute bit (left by a broken install)
    is not taken for the server: E701, not a start that fails after the credentials exist."""
    bin_dir = _without_server(tmp_path, monkeypatch)
    (bin_dir / "label-studio").write_text("#!/bin/sh\nexit 0\n", encoding="utf-8")
    state = tmp_path / ".studio"
    code, said = _up(state)
    assert code == 3 and "E701" in said, said
    assert not state.exists()


def test_the_script_of_this_environment_without_its_package_is_no_server(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`label-studio` beside this Python runs this Python: with the package not importable
    (an uninstall that left the script), E701 before anything is written, not a failed init
    (E702) that leaves credentials behind."""
    bin_dir = _without_server(tmp_path, monkeypatch)
    script = bin_dir / "label-studio"
    script.write_text("#!/bin/sh\nexit 0\n", encoding="utf-8")
    script.chmod(0o755)
    monkeypatch.setitem(sys.modules, "label_studio", None)  # find_spec: not importable
    state = tmp_path / ".studio"
    code, said = _up(state)
    assert code == 3 and "E701" in said, said
    assert not state.exists()


def _executable(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    script = folder / "label-studio"
    script.write_text("#!/bin/sh\nexit 0\n", encoding="utf-8")
    script.chmod(0o755)
    return script


@pytest.mark.parametrize("on_path_too", [False, True])
def test_the_script_of_this_environment_without_its_package_yields_to_the_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, on_path_too: bool
) -> None:
    """With the package not importable here, a `label-studio` on the PATH (another
    environment's) is the server, as it is when the one beside this Python cannot run; the
    broken script is passed over even when its folder is on the PATH too."""
    bin_dir = _without_server(tmp_path, monkeypatch)
    _executable(bin_dir)
    other = _executable(tmp_path / "other" / "bin")
    folders = [bin_dir, other.parent] if on_path_too else [other.parent]
    monkeypatch.setenv("PATH", os.pathsep.join(map(str, folders)))
    monkeypatch.setitem(sys.modules, "label_studio", None)  # find_spec: not importable
    assert label_studio() == str(other)


def test_the_script_of_this_environment_with_its_package_comes_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    beside = _executable(_without_server(tmp_path, monkeypatch))
    other = _executable(tmp_path / "other" / "bin")
    monkeypatch.setenv("PATH", str(other.parent))
    monkeypatch.setattr(importlib.util, "find_spec", lambda name: object())  # importable
    assert label_studio() == str(beside)
