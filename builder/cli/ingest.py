"""`builder ingest`: raw documents -> documents.jsonl."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from builder.cli.console import handles_errors, hooks, info
from builder.cli.engine_option import Address, EngineOption
from builder.cli.workers_option import Workers
from builder.engine import Engine, running_on
from builder.pipeline.ingest import ingest as run_ingest

Inputs = Annotated[
    list[Path], typer.Argument(help="Files or folders (.txt .md .html .htm .jsonl).")
]
Patterns = Annotated[
    Path | None,
    typer.Option("--patterns", help="Extra boilerplate rules (YAML) merged over the defaults."),
]
Strict = Annotated[
    bool, typer.Option("--strict", help="Fail on the first bad input instead of skipping it.")
]
Report = Annotated[
    Path | None, typer.Option("--report", help="Write the skipped inputs as JSONL here.")
]


@handles_errors
def command(
    inputs: Inputs,
    output: Annotated[
        Path,
        typer.Option("-o", "--output", help="documents.jsonl to write (`-`: standard output)."),
    ],
    patterns: Patterns = None,
    strict: Strict = False,
    report: Report = None,
    workers: Workers = 0,
    engine: EngineOption = Engine.local,
    address: Address = None,
) -> None:
    """Read raw documents, normalise them, remove boilerplate, write documents.jsonl."""
    with running_on(engine, address or None, workers) as engine_workers:  # a file a task
        done = run_ingest(
            inputs,
            output,
            patterns=patterns,
            strict=strict,
            report=report,
            hooks=hooks(),
            workers=engine_workers,
        )
    skipped = f", {len(done.skipped)} skipped (see warnings)" if done.skipped else ""
    info(f"ingested {done.documents} documents{skipped} -> {output}")
