"""`builder segment`: documents.jsonl -> sentences.jsonl."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from builder.cli.console import handles_errors, hooks, info
from builder.cli.workers_option import Workers
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
) -> None:
    """Split documents into sentences with exact character offsets and stable ids."""
    n = run_segment(
        documents,
        output,
        workers=workers,
        keep_list_markers=keep_list_markers,
        rules=rules,
        hooks=hooks(),
    )
    info(f"segmented {n} sentences -> {output}")
