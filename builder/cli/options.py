"""Options shared by several commands (their own module: a command that imports them must
not pull in another command's code)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

AnnotationsOption = Annotated[
    Path | None,
    typer.Option(
        "--annotations", help="Snapshots of human annotations (`builder studio pull`): gold."
    ),
]
PolicyOption = Annotated[
    str,
    typer.Option(
        help="How several annotations of a sentence resolve: latest, majority, "
        "ground_truth, strict or adjudicated."
    ),
]
