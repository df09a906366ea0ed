"""The --model option (its own module, as workers_option.py: prelabel must not import what
the other shared options import)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

# The learned entity model (`builder learn --model-out`), one more voter after the heuristics.
ModelOption = Annotated[
    Path | None,
    typer.Option(
        "--model",
        help="A learned entity model (`builder learn --model-out`): one more voter after the "
        "heuristics, scored like them; its hash enters the model_version.",
    ),
]
