"""`builder eval`: heuristics against human corrections, and annotators against each other."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from builder.cli.console import err, handles_errors, info, warn
from builder.cli.model_option import ModelOption
from builder.cli.options import PolicyOption
from builder.gold.resolve import Policy
from builder.pipeline.evaluate import evaluate as run_evaluate


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
    policy: PolicyOption = Policy.latest,
    model: ModelOption = None,
) -> None:
    """Score every heuristic and the aggregated pre-labels against the human labels (P/R/F1,
    acceptance, deletion, boundary-edit and relabel rates) and measure agreement between
    annotators (span F1, claim F1, Cohen's kappa, Krippendorff's alpha)."""
    from rich.table import Table

    from builder.jsonl import check_output

    check_output(output)  # refused before any work (E114)
    report, votes = run_evaluate(
        sentences, prelabels, annotations, output, policy=policy, model=model
    )
    if not votes.fresh:
        warn(f"stored votes not used, the heuristics were re-run: {votes.reason}")
    summary = report["summary"]
    table = Table(
        title=f"{summary['model_version']} on {summary['sentences']} human-labelled sentences "
        f"({policy.value})"
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
    info(f"metrics -> {output}")
