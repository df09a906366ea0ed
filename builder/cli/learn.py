"""`builder learn`: pre-labels re-scored with what the human corrections teach, when it helps."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from builder.cli.console import err, handles_errors, info, warn
from builder.cli.options import PolicyOption
from builder.errors import E803_NOTHING_TO_LEARN, UsageError
from builder.gold.resolve import Policy
from builder.jsonl import atomic_output, check_output

if TYPE_CHECKING:
    from builder.learn.entity_model import Settings


@handles_errors
def command(
    sentences: Annotated[Path, typer.Argument(help="sentences.jsonl of the whole corpus.")],
    annotations: Annotated[
        Path | None,
        typer.Option(
            "--annotations",
            help="Annotations folder (`builder studio pull`); needed by -o, optional with "
            "--model-out (without it the model is trained on silver alone and is advisory).",
        ),
    ] = None,
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="Re-scored prelabels.jsonl to write.")
    ] = None,
    model_out: Annotated[
        Path | None,
        typer.Option(
            "--model-out",
            help="Train the entity sequence model on the heuristics' silver over the whole "
            "corpus (and the human gold), and the claim model on the human claims, and write "
            "them here, for `builder prelabel --model`.",
        ),
    ] = None,
    policy: PolicyOption = Policy.latest,
    iterations: Annotated[
        int, typer.Option("--iterations", min=1, help="--model-out: L-BFGS iterations.")
    ] = 40,
    vote_dropout: Annotated[
        float,
        typer.Option(
            "--vote-dropout",
            min=0.0,
            max=1.0,
            help="--model-out: share of silver sentences trained without the heuristics' votes "
            "as features (so the model learns context and shape).",
        ),
    ] = 0.3,
    claim_iterations: Annotated[
        int,
        typer.Option(
            "--claim-iterations", min=1, help="--model-out: the claim model's L-BFGS iterations."
        ),
    ] = 100,
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
    """Learn heuristic weights and classifiers from human labels (-o), and the entity sequence
    model from the whole corpus and the claim model from human claims (--model-out); keep what
    beats the heuristics on held-out documents."""
    from builder.learn.entity_model import Settings
    from builder.learn.run import learn_checked

    if output is not None and annotations is None:
        raise UsageError(E803_NOTHING_TO_LEARN, "-o (re-scored pre-labels) needs --annotations")
    if output is None and model_out is None:
        raise UsageError(E803_NOTHING_TO_LEARN, "nothing to learn: give -o, --model-out or both")
    for path in (output, report, model_out):  # refused before any work (E114)
        if path is not None:
            check_output(path)
    beside = sentences.with_name("prelabels.jsonl")
    if prelabels is None and beside.exists():
        prelabels = beside
    if model_out is not None:
        settings = Settings(iterations, vote_dropout, claim_iterations)
        _model(sentences, annotations, model_out, policy, prelabels, settings)
    if output is None or annotations is None:
        return
    result, votes = learn_checked(sentences, annotations, output, policy, prelabels=prelabels)
    if prelabels is not None and not votes.fresh:
        warn(f"stored votes not used, the heuristics were re-run: {votes.reason}")
    _table(result, policy)
    if report is not None:
        with atomic_output(report) as fh:
            fh.write((json.dumps(result, indent=2, sort_keys=True) + "\n").encode())
    info(f"pre-labels with {result['model_version']} -> {output}")


def _model(
    sentences: Path,
    annotations: Path | None,
    out: Path,
    policy: Policy,
    prelabels: Path | None,
    settings: Settings,
) -> None:
    from builder.learn.entity_model import learn_model
    from builder.learn.run import read_inputs

    t0 = time.perf_counter()
    inputs = read_inputs(sentences, annotations, policy, prelabels=prelabels)
    if prelabels is not None and not inputs.votes.fresh:
        warn(f"stored votes not used, the heuristics were re-run: {inputs.votes.reason}")
    artefact, result = learn_model(inputs, settings)
    with atomic_output(out) as fh:
        fh.write(artefact.to_bytes())
    info(
        f"entity model: trained on {result['sentences']} sentences "
        f"({result['gold_sentences']} with human entities) in {result['seconds']} s "
        f"({time.perf_counter() - t0:.1f} s with reading); {result['why']}"
    )
    claims = result["claims"]
    if claims["sentences"]:
        info(f"claim model: trained on {claims['sentences']} sentences with human claims; "
             f"{claims['why']}")  # fmt: skip
    else:
        info(f"claim model: {claims['why']}")
    what = "entity and claim models" if claims["sentences"] else "entity model"
    info(f"{what} {result['model_version']} -> {out}")


def _table(result: dict[str, Any], policy: Policy) -> None:
    from rich.table import Table

    table = Table(title=f"learned from {result['gold_sentences']} gold sentences ({policy.value})")
    for column in ("what", "heuristics", "learned", "lift (5th pct)", "chance", "used"):
        table.add_column(column)
    rows = [(f"entity weights: micro-F1 (n={result['weights']['n']})", result["weights"])]
    label_model = result["label_model"]
    rows.append((f"label model priors: micro-F1 (n={label_model['n']})", label_model))
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
