"""Issue 16, defects 9 and 10 and `builder versions` of a missing dataset: a dataset name is one
safe folder name and a version strict SemVer, both checked before any work (exit 2); version
folders follow the umask like every other output.

``--name ../../x`` wrote outside ``-o``, an absolute name ignored it, ``--name ""`` wrote into
OUT itself, ``--version $'0.1.0\\n'`` made a folder with a newline, ``01.0.0`` was accepted
beside ``1.0.0``; version folders were 0700 (from ``mkdtemp``).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from typer.testing import CliRunner

from builder.cli import app
from tests.conftest import SAMPLES
from tests.export.helpers import export_cli

pytestmark = pytest.mark.adversarial
runner = CliRunner()

BAD_NAMES = ["../../x", "..", ".", "", "a/b", "a\\b", "news\n", " news", "-news", "/abs", "x" * 101]
BAD_VERSIONS = [
    "0.1.0\n",
    "01.0.0",
    "1.00.0",
    "1.0.07",
    "1.0",
    "1.0.0.0",
    "v1.0.0",
    "1.0.0-rc1",
    " 1.0.0",
    "\u0661.0.0",  # an Arabic-Indic digit: \d matches it
    "../1.0.0",
]


def _files(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*"))


def _export(tmp_path: Path, *extra: str) -> tuple[int, str]:
    """An export whose inputs do not even exist: the options are refused first."""
    out = tmp_path / "a" / "b" / "out"
    args = ["export", "--sentences", str(tmp_path / "s.jsonl"), "--prelabels", "p.jsonl"]
    result = runner.invoke(app, [*args, "-o", str(out), "--silver", *extra])
    return result.exit_code, result.stderr


@pytest.mark.parametrize("name", BAD_NAMES)
def test_export_refuses_a_name_that_is_not_one_safe_folder_name(tmp_path: Path, name: str) -> None:
    if name == "/abs":
        name = str(tmp_path / "abs")
    code, err = _export(tmp_path, "--name", name)
    assert code == 2, err
    assert "E510" in err and "Traceback" not in err
    assert _files(tmp_path) == [], "nothing written anywhere"


@pytest.mark.parametrize("version", BAD_VERSIONS)
def test_export_refuses_a_version_that_is_not_strict_semver(tmp_path: Path, version: str) -> None:
    code, err = _export(tmp_path, "--name", "news", "--version", version)
    assert code == 2, err
    assert "E506" in err and "X.Y.Z" in err
    assert _files(tmp_path) == []


@pytest.mark.parametrize(
    ("option", "value", "code"),
    [("--name", "../x", "E510"), ("--name", "", "E510"), ("--dataset-version", "01.0.0", "E506")],
)
def test_build_refuses_them_before_ingesting(
    tmp_path: Path, option: str, value: str, code: str
) -> None:
    result = runner.invoke(app, ["build", str(SAMPLES), "-o", str(tmp_path / "out"), option, value])
    assert result.exit_code == 2, result.output
    assert code in result.stderr
    assert _files(tmp_path) == []


def test_diff_refuses_a_version_that_climbs_out(tmp_path: Path) -> None:
    for folder in ("news/0.1.0", "x"):  # a manifest in each: only the name is wrong
        (tmp_path / folder).mkdir(parents=True)
        (tmp_path / folder / "manifest.json").write_text("{}")
    result = runner.invoke(app, ["diff", str(tmp_path / "news"), "0.1.0", "../x"])
    assert result.exit_code == 1 and "E506" in result.stderr and "X.Y.Z" in result.stderr


@pytest.mark.parametrize("umask", [0o022, 0o027], ids=oct)
def test_a_version_folder_follows_the_umask(built: Path, tmp_path: Path, umask: int) -> None:
    old = os.umask(umask)
    try:
        result = export_cli(built, tmp_path, "--silver")
    finally:
        os.umask(old)
    assert result.exit_code == 0, result.output
    version = tmp_path / "news" / "0.1.0"
    modes = {p: stat.S_IMODE(p.stat().st_mode) for p in [version, *version.rglob("*")]}
    for path, mode in modes.items():
        expected = (0o777 if path.is_dir() else 0o666) & ~umask
        assert mode == expected, f"{path}: {oct(mode)}"


def test_versions_of_a_missing_dataset_is_an_error(tmp_path: Path) -> None:
    for folder in (tmp_path / "nope", tmp_path):
        result = runner.invoke(app, ["versions", str(folder)])
        assert result.exit_code == 1, result.output
        assert "E511" in result.stderr and str(folder) in result.stderr
    (tmp_path / "file").write_text("x")
    result = runner.invoke(app, ["versions", str(tmp_path / "file"), "--json"])
    assert result.exit_code == 1 and "E511" in result.stderr and result.stdout == ""
