"""Shared fixtures. Tests that read ../shared skip cleanly when it is absent, except under CI
(``CI`` set, as CI services do): there a missing ../shared fails them, so that a CI that lost
the data does not stay green by skipping every test that needs it."""

from __future__ import annotations

import os
from pathlib import Path
from typing import NoReturn

import pytest
from hypothesis import settings

# No network at run time: datasets must never try to reach the Hub from the tests.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("HF_DATASETS_OFFLINE", "1")

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "samples" / "corpus"
SHARED = Path(os.environ.get("BUILDER_SHARED", REPO.parent / "shared"))


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def shared_missing(path: Path) -> NoReturn:
    """Skip the test, or fail it under CI."""
    reason = f"{path} not available (../shared is not shipped with the repo)"
    if in_ci():
        pytest.fail(f"{reason}; CI is set: the shared data must be there (BUILDER_SHARED)")
    pytest.skip(reason)


def shared_file(*parts: str) -> Path:
    """A file under ../shared; when it is not there, the test skips (fails under CI)."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        shared_missing(path)
    return path


def pytest_runtest_setup(item: pytest.Item) -> None:
    """Tests marked ``shared`` need the folder: skipped without it (failed under CI)."""
    if item.get_closest_marker("shared") is not None and not SHARED.is_dir():
        shared_missing(SHARED)


@pytest.fixture
def samples() -> Path:
    return SAMPLES


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`builder build` of the shipped samples, once per run. Read-only for the tests."""
    from typer.testing import CliRunner

    from builder.cli import app

    out = tmp_path_factory.mktemp("built")
    result = CliRunner().invoke(app, ["build", str(SAMPLES), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out


# Reproducible property tests in CI: the same examples on every run.
settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")
