"""`builder versions`: the versions of a dataset, with what each one holds."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from builder.cli.console import handles_errors
from builder.errors import E511_NO_DATASET, BuilderError
from builder.version.semver import manifest, versions

out = Console(highlight=False)


@handles_errors
def command(
    dataset: Annotated[Path, typer.Argument(help="A dataset folder: OUT/NAME.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
) -> None:
    """List the versions of a dataset, oldest first."""
    found = versions(dataset)
    if not found:  # a typo, or OUT instead of OUT/NAME: not an empty dataset
        what = "is not a folder" if not dataset.is_dir() else "holds no dataset version"
        raise BuilderError(
            E511_NO_DATASET, f"{dataset} {what} (expected OUT/NAME, holding X.Y.Z folders)"
        )
    rows = []
    for v in found:
        m = manifest(dataset, v)
        rows.append(
            {
                "version": v,
                "rows": {s: m["rows"]["sentiment"][s] for s in ("train", "validation", "test")},
                "sources": m["sources"],
                "heuristics": m["heuristics_versions"],
                "label_schema": m["label_schema_sha256"][:12],
            }
        )
    if as_json:
        typer.echo(json.dumps(rows, indent=2))
        return
    table = Table(title=f"versions of {dataset.name}")
    for col in ("version", "train", "validation", "test", "gold", "silver", "heuristics", "schema"):
        table.add_column(col)
    for r in rows:
        table.add_row(
            r["version"],
            *(str(r["rows"][s]) for s in ("train", "validation", "test")),
            str(r["sources"].get("gold", 0)),
            str(r["sources"].get("silver", 0)),
            ", ".join(r["heuristics"]),
            r["label_schema"],
        )
    out.print(table)
