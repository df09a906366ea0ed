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
