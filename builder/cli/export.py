"""`builder export`: sentences + labels -> a versioned Hugging Face dataset folder."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from builder.cli.console import handles_errors, hooks, info
from builder.cli.engine_option import Address, EngineOption
from builder.cli.options import AnnotationsOption, PolicyOption
from builder.engine import Engine, running_on
from builder.gold.resolve import Policy
from builder.pipeline.export import export as run_export


def _repo_id(value: str | None) -> str | None:
    """A repository id the Hub cannot take is refused while the options are read (exit 2),
    like an unknown --policy: not with E507 once the export is written."""
    if value is not None:
        from builder.export.hub import check_repo_id

        try:
            check_repo_id(value)
        except ValueError as exc:
            raise typer.BadParameter(str(exc)) from None
    return value


@handles_errors
def command(
    sentences: Annotated[Path, typer.Option("--sentences", help="sentences.jsonl.")],
    prelabels: Annotated[Path, typer.Option("--prelabels", help="prelabels.jsonl.")],
    output: Annotated[Path, typer.Option("-o", "--output", help="Folder that holds the datasets.")],
    name: Annotated[str, typer.Option("--name", help="Dataset name (a folder under OUT).")],
    version: Annotated[
        str | None,
        typer.Option(
            "--version",
            help="Version X.Y.Z. Default: the next one after the latest (label schema changed: "
            "major; annotations: minor; anything else: patch).",
        ),
    ] = None,
    annotations: AnnotationsOption = None,
    policy: PolicyOption = Policy.latest,
    silver: Annotated[
        bool, typer.Option("--silver", help="Export pre-labels where no human label exists.")
    ] = False,
    silver_skipped: Annotated[
        bool,
        typer.Option(
            "--silver-skipped",
            help="With --silver, pre-labels also for sentences every annotator skipped.",
        ),
    ] = False,
    train: Annotated[float, typer.Option(help="Share of documents in train.")] = 0.8,
    validation: Annotated[float, typer.Option(help="Share of documents in validation.")] = 0.1,
    test: Annotated[float, typer.Option(help="Share of documents in test.")] = 0.1,
    salt: Annotated[
        str, typer.Option(help="Split salt: change it to reshuffle on purpose.")
    ] = "v1",
    group_pattern: Annotated[
        str | None,
        typer.Option(
            help="Regular expression over doc ids whose first group is the split group "
            "(e.g. '^([^/]+)/' keeps a source together). Default: each document alone."
        ),
    ] = None,
    workers: Annotated[
        int, typer.Option(help="Worker processes; 0: one per core for large inputs.")
    ] = 0,
    quality: Annotated[
        Path | None,
        typer.Option("--quality", help="A `builder eval` report: heuristic quality in the card."),
    ] = None,
    push_to_hub: Annotated[
        str | None,
        typer.Option(
            "--push-to-hub",
            help="Also publish the version to this Hub dataset repo, NAME or NAMESPACE/NAME "
            "(branch = version); an invalid id is refused before the export.",
            callback=_repo_id,
        ),
    ] = None,
    metrics: Annotated[
        Path | None, typer.Option("--metrics", help="Also write dataset statistics (JSON) here.")
    ] = None,
    plot: Annotated[
        Path | None, typer.Option("--plot", help="Also write label counts as plot data (JSON).")
    ] = None,
    engine: EngineOption = Engine.local,
    address: Address = None,
) -> None:
    """Export parquet files per config and split, a dataset card and a manifest."""
    from builder.export.figures import write_label_plot, write_metrics
    from builder.export.params import ExportParams
    from builder.export.splits import SplitParams
    from builder.jsonl import check_output

    for path in (metrics, plot):  # refused before the export, not after it (E114)
        if path is not None:
            check_output(path)
    try:
        splits = SplitParams(
            train=train, validation=validation, test=test, salt=salt, group_pattern=group_pattern
        )
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None
    params = ExportParams(
        name,
        version,
        silver,
        splits,
        workers=workers,
        annotations=annotations,
        policy=policy,
        quality=quality,
        silver_skipped=silver_skipped,
    )
    with running_on(engine, address or None, workers):  # Ray: its workers, whatever the number
        result = run_export(sentences, prelabels, output, params, hooks())
    rows = result.manifest["rows"]["sentiment"]
    sentences = sum(result.manifest["sources"].values())
    if metrics is not None:
        write_metrics(metrics, result.manifest)
    if plot is not None:
        write_label_plot(plot, result.manifest)
    info(f"exported {sentences} sentences (sentiment {rows}) -> {result.path}")
    if push_to_hub is not None:
        from builder.export.hub import push_to_hub as push

        revision = push(result.path, push_to_hub)
        info(f"pushed to https://huggingface.co/datasets/{push_to_hub} (revision {revision})")
