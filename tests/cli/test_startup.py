"""Every command starts light: the dataset stack loads only for the commands that need it."""

from __future__ import annotations

import subprocess
import sys

HEAVY = ("datasets", "pyarrow", "datasketch", "label_studio_sdk", "ray")


def test_importing_the_cli_does_not_load_the_dataset_stack() -> None:
    code = f"import sys, builder.cli; print(' '.join(m for m in {HEAVY!r} if m in sys.modules))"
    loaded = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert loaded.stdout.strip() == "", f"loaded at start-up: {loaded.stdout.strip()}"


def test_a_command_imports_its_own_stage_only() -> None:
    """`builder segment` does not pay for the heuristics, the export or Label Studio."""
    code = (
        "import sys; from builder.cli import app; from builder.cli.lazy import load;"
        "load('segment');"
        "print(' '.join(m for m in ('builder.prelabel.apply', 'builder.export.build',"
        " 'builder.studio.server', 'builder.pipeline.build') if m in sys.modules))"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert loaded.stdout.strip() == "", f"loaded for segment: {loaded.stdout.strip()}"
