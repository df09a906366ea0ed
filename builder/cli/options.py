"""Options shared by several commands (their own module: a command that imports them must
not pull in another command's code)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from builder.gold.resolve import Policy

AnnotationsOption = Annotated[
    Path | None,
    typer.Option(
        "--annotations", help="Snapshots of human annotations (`builder studio pull`): gold."
    ),
]
# A choice typer checks while parsing: `builder build --policy typo` fails before any stage.
PolicyOption = Annotated[
    Policy, typer.Option(help="How several annotations of a sentence resolve into gold.")
]
