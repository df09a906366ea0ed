"""`builder prelabel`: sentences.jsonl -> prelabels.jsonl."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from builder.cli.console import handles_errors, hooks, info
from builder.cli.engine_option import Address, EngineOption
from builder.cli.model_option import ModelOption
from builder.cli.workers_option import Workers
from builder.engine import Engine, running_on
from builder.pipeline.prelabel import prelabel as run_prelabel


@handles_errors
def command(
    sentences: Annotated[
        Path, typer.Argument(help="sentences.jsonl written by `builder segment`.")
    ],
    output: Annotated[
        Path,
        typer.Option("-o", "--output", help="prelabels.jsonl to write (`-`: standard output)."),
    ],
    disable: Annotated[
        str,
        typer.Option(
            "--disable",
            help="Heuristics to switch off, comma-separated (the set's version changes).",
        ),
    ] = "",
    workers: Workers = 0,
    model: ModelOption = None,
    engine: EngineOption = Engine.local,
    address: Address = None,
) -> None:
    """Pre-label every sentence: entities, claims, check-worthiness and sentiment."""
    names = [n.strip() for n in disable.split(",") if n.strip()]
    with running_on(engine, address or None, workers) as engine_workers:
        done = run_prelabel(
            sentences, output, disable=names, workers=engine_workers, hooks=hooks(), model=model
        )
    info(f"pre-labelled {done.sentences} sentences with {done.model_version} -> {output}")
