"""``--workers``, shared by the commands that work in processes (a module of its own: the
options of options.py pull in gold/, which segment and prelabel do not depend on)."""

from __future__ import annotations

from typing import Annotated

import typer

Workers = Annotated[
    int,
    typer.Option(
        "--workers",
        min=0,
        help="Processes that do the work (prelabel counts its own among them); 0: every core "
        "for an input large enough to gain from them (the output is the same bytes whatever "
        "the number).",
    ),
]
