"""Shared fixtures. Tests that read ../shared skip cleanly when it is absent."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

# No network at run time: datasets must never try to reach the Hub from the tests.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("HF_DATASETS_OFFLINE", "1")

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "samples" / "corpus"
SHARED = Path(os.environ.get("BUILDER_SHARED", REPO.parent / "shared"))


def shared_file(*parts: str) -> Path:
    """A file under ../shared, or skip the test when the folder is not there."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} not available (../shared is not shipped with the repo)")
    return path


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
