"""`builder export` of the built samples, from the tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from builder.cli import app


def export_cli(built: Path, out: Path, *extra: str) -> Any:
    """Run `builder export` on ``built``'s sentences and pre-labels as dataset "news"."""
    args = ["export", "--sentences", str(built / "sentences.jsonl")]
    args += ["--prelabels", str(built / "prelabels.jsonl"), "--name", "news", "-o", str(out)]
    return CliRunner().invoke(app, [*args, *extra])
