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
    annotations: Path | None = None,
    policy: str = "latest",
    workers: int = 0,
    quality: Path | None = None,
) -> ExportResult:
    # Imported here: datasets and pyarrow take a second and 150 MB that other commands
    # should not pay for.
    from builder.export.build import ExportParams, export
    from builder.export.splits import SplitParams

    params = ExportParams(
        name,
        version,
        silver,
        splits or SplitParams(),
        workers=workers,
        annotations=annotations,
        policy=policy,
        quality=quality,
    )
    result = export(sentences, prelabels, out, params)
    for problem in result.misaligned[:20]:
        warn(f"E502 {problem}: left out")
    gold = result.manifest["gold"]
    if gold["stale"]:
        warn(f"{gold['stale']} annotated sentences changed text since: their gold is not used")
    if gold["ambiguous"]:
        warn(f"{gold['ambiguous']} sentences ambiguous under policy {policy}: no gold (manifest)")
    for where in result.manifest["balance"]["warn"]:
        warn(f"label distribution of {where} is far from the whole dataset's (card: Balance)")
    return result


AnnotationsOption = Annotated[
    Path | None,
    typer.Option(
        "--annotations", help="Snapshots of human annotations (`builder studio pull`): gold."
    ),
]
PolicyOption = Annotated[
    str,
    typer.Option(
        help="How several annotations of a sentence resolve: latest, majority, "
        "ground_truth, strict or adjudicated."
    ),
]


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
    policy: PolicyOption = "latest",
    silver: Annotated[
        bool, typer.Option("--silver", help="Export pre-labels where no human label exists.")
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
            help="Also publish the version to this Hub dataset repo (branch = version).",
        ),
    ] = None,
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
        splits = SplitParams(
            train=train, validation=validation, test=test, salt=salt, group_pattern=group_pattern
        )
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None
    result = export_to(
        sentences,
        prelabels,
        output,
        name,
        version,
        silver,
        splits,
        annotations,
        policy,
        workers,
        quality,
    )
    rows = result.manifest["rows"]["sentiment"]
    if metrics is not None:
        write_metrics(metrics, result.manifest)
    if plot is not None:
        write_label_plot(plot, result.manifest)
    info(f"exported {sum(rows.values())} sentences ({rows}) -> {result.path}")
    if push_to_hub is not None:
        from builder.export.hub import push_to_hub as push

        revision = push(result.path, push_to_hub)
        info(f"pushed to https://huggingface.co/datasets/{push_to_hub} (revision {revision})")
