"""`builder segment`: documents.jsonl -> sentences.jsonl."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from builder.cli.console import handles_errors, hooks, info
from builder.cli.engine_option import Address, EngineOption
from builder.cli.workers_option import Workers
from builder.engine import Engine, running_on
from builder.pipeline.segment import segment as run_segment

KeepMarkers = Annotated[
    bool,
    typer.Option("--keep-list-markers", help="Keep bullets and list numbers in the sentence."),
]
Rules = Annotated[
    Path | None, typer.Option("--rules", help="Segmentation rules (YAML) instead of the defaults.")
]


@handles_errors
def command(
    documents: Annotated[Path, typer.Argument(help="documents.jsonl written by `builder ingest`.")],
    output: Annotated[
        Path,
        typer.Option("-o", "--output", help="sentences.jsonl to write (`-`: standard output)."),
    ],
    workers: Workers = 0,
    keep_list_markers: KeepMarkers = False,
    rules: Rules = None,
    engine: EngineOption = Engine.local,
    address: Address = None,
) -> None:
    """Split documents into sentences with exact character offsets and stable ids."""
    with running_on(engine, address or None, workers) as engine_workers:
        n = run_segment(
            documents,
            output,
            workers=engine_workers,
            keep_list_markers=keep_list_markers,
            rules=rules,
            hooks=hooks(),
        )
    info(f"segmented {n} sentences -> {output}")
