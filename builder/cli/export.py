"""`builder export`: sentences + labels -> a versioned Hugging Face dataset folder."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from builder.cli.console import handles_errors, info, warn

if TYPE_CHECKING:
    from builder.export.build import ExportResult
    from builder.export.splits import SplitParams


def export_to(
    sentences: Path,
    prelabels: Path,
    out: Path,
    name: str,
    version: str | None,
    silver: bool,
    splits: SplitParams | None = None,
) -> ExportResult:
    # Imported here: datasets and pyarrow take a second and 150 MB that other commands
    # should not pay for.
    from builder.export.build import ExportParams, export
    from builder.export.splits import SplitParams

    params = ExportParams(name, version, silver, splits or SplitParams())
    result = export(sentences, prelabels, out, params)
    for problem in result.misaligned[:20]:
        warn(f"E502 {problem}: left out")
    return result


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
    silver: Annotated[
        bool, typer.Option("--silver", help="Export pre-labels where no human label exists.")
    ] = False,
    train: Annotated[float, typer.Option(help="Share of documents in train.")] = 0.8,
    validation: Annotated[float, typer.Option(help="Share of documents in validation.")] = 0.1,
    test: Annotated[float, typer.Option(help="Share of documents in test.")] = 0.1,
    salt: Annotated[
        str, typer.Option(help="Split salt: change it to reshuffle on purpose.")
    ] = "v1",
    metrics: Annotated[
        Path | None, typer.Option("--metrics", help="Also write dataset statistics (JSON) here.")
    ] = None,
    plot: Annotated[
        Path | None, typer.Option("--plot", help="Also write label counts as plot data (JSON).")
    ] = None,
) -> None:
    """Export parquet files per config and split, a dataset card and a manifest."""
    from builder.export.build import write_label_plot, write_metrics
    from builder.export.splits import SplitParams

    try:
        splits = SplitParams(train=train, validation=validation, test=test, salt=salt)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None
    result = export_to(sentences, prelabels, output, name, version, silver, splits)
    rows = result.manifest["rows"]["sentiment"]
    if metrics is not None:
        write_metrics(metrics, result.manifest)
    if plot is not None:
        write_label_plot(plot, result.manifest)
    info(f"exported {sum(rows.values())} sentences ({rows}) -> {result.path}")
