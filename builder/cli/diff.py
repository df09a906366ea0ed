"""`builder diff`: what changed between two versions of a dataset."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from builder.cli.console import handles_errors
from builder.version.layout import CONFIGS, SPLITS

out = Console(highlight=False)


@handles_errors
def command(
    dataset: Annotated[Path, typer.Argument(help="A dataset folder: OUT/NAME.")],
    a: Annotated[str, typer.Argument(help="The older version.")],
    b: Annotated[str, typer.Argument(help="The newer version.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON for machines.")] = False,
) -> None:
    """Examples added/removed/changed per config and split, label deltas, test-set drift."""
    from builder.version.diff import diff  # pyarrow: loaded only when diffing

    result = diff(dataset, a, b)
    if as_json:
        typer.echo(json.dumps(result, indent=2, sort_keys=True))
        return
    _print(result)


def _print(r: dict[str, Any]) -> None:
    table = Table(title=f"{r['from']} -> {r['to']}: examples")
    for col in ("config", "split", "added", "removed", "changed", "label deltas"):
        table.add_column(col)
    for config in CONFIGS:
        for split in SPLITS:
            e = r["examples"][config][split]
            deltas = ", ".join(f"{k} {d:+d}" for k, d in r["label_deltas"][config][split].items())
            table.add_row(
                config, split, str(e["added"]), str(e["removed"]), str(e["changed"]), deltas
            )
    out.print(table)
    drift = r["test_drift"]
    out.print(f"test set: {len(drift['added'])} documents in, {len(drift['removed'])} out")
    fills = r["fill_ups"]
    for m in fills["moved"]:
        out.print(
            f"group {m['group']} moved {m['from']} -> {m['to']}: the fill-up rule had placed it "
            f"in {r['from']} (a split was empty)"
        )
    placed = ", ".join(f"{f['group']} -> {f['moved_to']}" for f in fills["to"])
    if placed:
        out.print(
            f"placed by the fill-up rule in {r['to']} (may move when documents are added): {placed}"
        )
    if r["label_schema_changed"]:
        out.print("label schema changed: label ids of the two versions do not mean the same")
