"""`builder build`: the whole pipeline, raw documents -> OUT/ (one file per stage)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from builder.cli.console import handles_errors, hooks
from builder.cli.engine_option import Address, EngineOption
from builder.cli.ingest import Inputs, Patterns, Strict
from builder.cli.model_option import ModelOption
from builder.cli.options import AnnotationsOption, PolicyOption
from builder.cli.workers_option import Workers
from builder.engine import Engine, running_on
from builder.gold.resolve import Policy
from builder.pipeline.build import build as run_build


@handles_errors
def command(
    inputs: Inputs,
    output: Annotated[Path, typer.Option("-o", "--output", help="Output folder.")],
    patterns: Patterns = None,
    strict: Strict = False,
    workers: Workers = 0,
    name: Annotated[str, typer.Option("--name", help="Dataset name.")] = "news",
    dataset_version: Annotated[
        str | None, typer.Option("--dataset-version", help="Dataset version (default: the next).")
    ] = None,
    annotations: AnnotationsOption = None,
    policy: PolicyOption = Policy.latest,
    model: ModelOption = None,
    engine: EngineOption = Engine.local,
    address: Address = None,
) -> None:
    """Run every stage: ingest -> segment -> prelabel -> export (gold where humans annotated,
    silver pre-labels elsewhere). JSONL per stage in OUT/, the dataset in
    OUT/datasets/NAME/VERSION/."""
    from builder.export.params import ExportParams

    params = ExportParams(
        name, dataset_version, silver=True, annotations=annotations, policy=policy
    )
    with running_on(engine, address or None, workers) as engine_workers:
        run_build(
            inputs,
            output,
            params,
            patterns=patterns,
            strict=strict,
            workers=engine_workers,
            hooks=hooks(),
            model=model,
        )
