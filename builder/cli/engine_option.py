"""``--engine`` and ``--address``, shared by ``build`` and the commands of the stages it runs
(``params.yaml``'s ``engine`` selects them in the DVC pipeline)."""

from __future__ import annotations

from typing import Annotated

import typer

from builder.engine import Engine

EngineOption = Annotated[
    Engine,
    typer.Option(
        "--engine",
        help="Where the work runs: local processes (--workers) or a Ray cluster (pip install "
        "'.\\[ray]'). The output is the same bytes.",
    ),
]
Address = Annotated[
    str | None,
    typer.Option(
        "--address",
        envvar="RAY_ADDRESS",
        help="The Ray cluster to run on (host:port of `ray start --head`); none: Ray starts a "
        "local one for the run. Only with --engine ray.",
    ),
]
