"""`builder learn`: pre-labels re-scored with what the human corrections teach, when it helps."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from builder.cli.console import err, handles_errors, info, warn
from builder.cli.options import PolicyOption
from builder.gold.resolve import Policy
from builder.jsonl import atomic_output, check_output


@handles_errors
def command(
    sentences: Annotated[Path, typer.Argument(help="sentences.jsonl of the whole corpus.")],
    annotations: Annotated[
        Path, typer.Option("--annotations", help="Annotations folder (`builder studio pull`).")
    ],
    output: Annotated[Path, typer.Option("-o", "--output", help="prelabels.jsonl to write.")],
    policy: PolicyOption = Policy.latest,
    report: Annotated[
        Path | None, typer.Option("--report", help="Also write the measurements (JSON) here.")
    ] = None,
    prelabels: Annotated[
        Path | None,
        typer.Option(
            "--prelabels",
            help="prelabels.jsonl of the sentences: its stored votes (prelabels.votes.parquet) "
            "spare a run of the heuristics while fresh. Default: prelabels.jsonl beside the "
            "sentences, if there is one.",
        ),
    ] = None,
) -> None:
    """Learn heuristic weights and classifiers from human labels; keep what beats the
    heuristics on held-out documents, and write the re-scored pre-labels."""
    from rich.table import Table

    from builder.learn.run import learn_checked

    for path in (output, report):  # refused before any work (E114)
        if path is not None:
            check_output(path)
    beside = sentences.with_name("prelabels.jsonl")
    if prelabels is None and beside.exists():
        prelabels = beside
    result, votes = learn_checked(sentences, annotations, output, policy, prelabels=prelabels)
    if prelabels is not None and not votes.fresh:
        warn(f"stored votes not used, the heuristics were re-run: {votes.reason}")
    table = Table(title=f"learned from {result['gold_sentences']} gold sentences ({policy.value})")
    for column in ("what", "heuristics", "learned", "lift (5th pct)", "chance", "used"):
        table.add_column(column)
    rows = [(f"entity weights: micro-F1 (n={result['weights']['n']})", result["weights"])]
    for layer, row in result["classifiers"].items():
        rows.append((f"classifier: {layer} macro-F1 (n={row['n']})", row))
    for what, row in rows:
        if "lift" not in row:  # too few human labels to measure anything
            table.add_row(what, "-", "-", "-", "-", "False (too few labels)")
            continue
        table.add_row(
            what,
            str(row["heuristics_f1"]),
            str(row["learned_f1"]),
            f"{row['lift']:+.4f} ({row['lift_low']:+.4f})",
            "-" if row["chance_f1"] is None else str(row["chance_f1"]),
            str(row["used"]),
        )
    err.print(table)
    if report is not None:
        with atomic_output(report) as fh:
            fh.write((json.dumps(result, indent=2, sort_keys=True) + "\n").encode())
    info(f"pre-labels with {result['model_version']} -> {output}")
