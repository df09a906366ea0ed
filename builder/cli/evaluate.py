"""`builder eval`: heuristics against human corrections, and annotators against each other."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer

from builder.cli.console import err, handles_errors, info, warn
from builder.cli.export import PolicyOption
from builder.jsonl import atomic_output


def _show(value: object) -> str:
    return "-" if value is None else str(value)


@handles_errors
def command(
    sentences: Annotated[Path, typer.Argument(help="sentences.jsonl of the corpus.")],
    prelabels: Annotated[
        Path, typer.Option("--prelabels", help="prelabels.jsonl shown to the annotators.")
    ],
    annotations: Annotated[
        Path, typer.Option("--annotations", help="Annotations folder (`builder studio pull`).")
    ],
    output: Annotated[
        Path, typer.Option("-o", "--output", help="Metrics JSON to write (DVC-tracked).")
    ],
    policy: PolicyOption = "latest",
) -> None:
    """Score every heuristic and the aggregated pre-labels against the human labels (P/R/F1,
    acceptance, deletion, boundary-edit and relabel rates) and measure agreement between
    annotators (span F1, claim F1, Cohen's kappa, Krippendorff's alpha)."""
    from rich.table import Table

    from builder.quality.evaluate import evaluate_checked

    report, votes = evaluate_checked(sentences, prelabels, annotations, policy)
    if not votes.fresh:
        warn(f"stored votes not used, the heuristics were re-run: {votes.reason}")
    summary = report["summary"]
    table = Table(
        title=f"{summary['model_version']} on {summary['sentences']} human-labelled sentences "
        f"({policy})"
    )
    for column in ("layer", "heuristic", "label", "P", "R", "F1", "support"):
        table.add_column(column)
    for row in summary["rows"]:
        table.add_row(
            row["layer"],
            row["name"],
            row["label"],
            *(_show(row[k]) for k in ("precision", "recall", "f1", "support")),
        )
    err.print(table)
    edits = summary["entity_edits"]
    info(
        "entity pre-labels: "
        + ", ".join(f"{k} {_show(v)}" for k, v in edits.items())
        + f"; {report['agreement']['sentences']} sentences with several annotators, "
        f"{report['disagreements']['sentences']} disputed"
    )
    write_report(output, report)
    info(f"metrics -> {output}")


def write_report(path: Path, report: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with atomic_output(path) as fh:
        fh.write((json.dumps(report, indent=2, sort_keys=True) + "\n").encode())
