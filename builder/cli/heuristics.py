"""`builder heuristics list | report`: what the heuristics are and how good they are."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from builder.cli.console import handles_errors, progress, warn
from builder.cli.model_option import ModelOption
from builder.jsonl import atomic_output, check_output
from builder.prelabel.apply import Prelabeler
from builder.prelabel.io import read_sentences
from builder.prelabel.learned import load_voter
from builder.prelabel.lf import set_version
from builder.prelabel.registry import registry
from builder.prelabel.stored import sentence_votes
from builder.prelabel.votes import votes_path
from builder.quality.devsets import CONLL_MAP, GoldFormat, read_gold
from builder.quality.heuristics import evaluate, summarize_votes

app = typer.Typer(help="List and measure the pre-labelling heuristics.", no_args_is_help=True)
out = Console(highlight=False)


@app.command("list")
@handles_errors
def list_cmd(
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
) -> None:
    """Every labeling function with its layer, version and precision prior."""
    lfs = registry()
    rows: list[dict[str, Any]] = [
        {
            "name": lf.name,
            "layer": lf.layer,
            "version": lf.version,
            "prior": lf.prior,
            "data": [p.name for p in lf.data],
            "description": lf.description,
        }
        for lf in lfs
    ]
    if as_json:
        typer.echo(json.dumps({"model_version": set_version(lfs), "heuristics": rows}, indent=2))
        return
    table = Table(title=f"heuristics ({set_version(lfs)})")
    for col in ("layer", "name", "version", "prior", "description"):
        table.add_column(col)
    for r in rows:
        table.add_row(
            r["layer"], r["name"], str(r["version"]), f"{r['prior']:.2f}", r["description"]
        )
    out.print(table)


@app.command("report")
@handles_errors
def report_cmd(
    gold: Annotated[
        Path | None, typer.Option("--gold", help="Gold JSONL to score against.")
    ] = None,
    fmt: Annotated[
        GoldFormat, typer.Option("--format", help="Gold file format.")
    ] = GoldFormat.builder,
    sentences: Annotated[
        Path | None, typer.Option("--sentences", help="Corpus for coverage, overlaps, conflicts.")
    ] = None,
    limit: Annotated[
        int | None, typer.Option("--limit", help="Read only the first N gold records.")
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--json", help="Also write the metrics as JSON here.")
    ] = None,
    votes: Annotated[
        Path | None,
        typer.Option(
            "--votes",
            help="Votes stored by `builder prelabel`, read instead of running the heuristics "
            "over --sentences while fresh. Default: prelabels.votes.parquet beside them.",
        ),
    ] = None,
    model: ModelOption = None,
) -> None:
    """Per heuristic: coverage/overlap/conflict on a corpus, precision/recall/F1 against gold."""
    if gold is None and sentences is None:
        raise typer.BadParameter("give --gold FILE and/or --sentences FILE")
    if output is not None:
        check_output(output)  # refused before any work (E114)
    prelabeler = Prelabeler(voter=None if model is None else load_voter(model))
    report: dict[str, Any] = {"model_version": prelabeler.model_version}
    if sentences is not None:
        corpus = sentences
        stored = votes or votes_path(sentences.with_name("prelabels.jsonl"))
        per_sentence, check = sentence_votes(
            stored, lambda: progress(read_sentences(corpus), "label"), prelabeler
        )
        if not check.fresh and (votes is not None or stored.exists()):
            warn(f"stored votes not used, the heuristics were re-run: {check.reason}")
        report["summary"] = summarize_votes(per_sentence, [lf.name for lf in prelabeler.lfs])
        _print_summary(report["summary"])
    if gold is not None:
        docs = read_gold(gold, fmt.value, limit)
        report["gold"] = {"file": gold.name, "format": fmt.value}
        conll = fmt is GoldFormat.conll
        report["scores"] = evaluate(docs, prelabeler, CONLL_MAP if conll else None)
        _print_scores(report["scores"])
    if output is not None:
        with atomic_output(output) as fh:
            fh.write(json.dumps(report, indent=2, sort_keys=True).encode() + b"\n")


def _print_summary(summary: dict[str, dict[str, Any]]) -> None:
    table = Table(title="coverage, overlaps, conflicts")
    for col in ("heuristic", "coverage", "votes", "overlaps", "conflicts"):
        table.add_column(col, justify="left" if col == "heuristic" else "right")
    for name, s in summary.items():
        table.add_row(
            name,
            f"{s['coverage']:.3f}",
            str(s["votes"]),
            f"{s['overlaps']:.3f}",
            f"{s['conflicts']:.3f}",
        )
    out.print(table)


def _prf_row(d: dict[str, Any]) -> list[str]:
    return [
        f"{d['precision']:.3f}",
        f"{d['recall']:.3f}",
        f"{d['f1']:.3f}",
        str(d["n_pred"]),
        str(d["n_gold"]),
    ]


def _print_scores(scores: dict[str, Any]) -> None:
    for layer, s in scores.items():
        table = Table(title=f"{layer} against gold")
        for col in ("what", "P", "R", "F1", "pred", "gold"):
            table.add_column(col, justify="left" if col == "what" else "right")
        if layer == "entities":
            for label, d in s["exact"].items():
                table.add_row(f"aggregated {label}", *_prf_row(d))
            for name, d in s["per_lf"].items():
                table.add_row(f"  {name}", *_prf_row(d))
        elif layer == "claims":
            for part in ("cue", "source", "content", "sentence_detection"):
                table.add_row(f"aggregated {part}", *_prf_row(s[part]))
            for name, d in s["per_lf"].items():
                table.add_row(f"  {name} cue", *_prf_row(d["cue"]))
        else:
            for label, d in s["per_class"].items():
                table.add_row(f"aggregated {label}", *_prf_row(d))
            table.add_row("macro F1", "", "", f"{s['macro_f1']:.3f}", "", "")
        out.print(table)
