"""`builder build`: the whole pipeline, raw documents -> OUT/ (one file per stage)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from builder.cli.console import handles_errors, info
from builder.cli.export import AnnotationsOption, PolicyOption, export_to
from builder.cli.ingest import Inputs, Patterns, Strict, ingest_to
from builder.cli.prelabel import prelabel_to
from builder.cli.segment import Workers, segment_to


@handles_errors
def command(
    inputs: Inputs,
    output: Annotated[Path, typer.Option("-o", "--output", help="Output folder.")],
    patterns: Patterns = None,
    strict: Strict = False,
    workers: Workers = 1,
    name: Annotated[str, typer.Option("--name", help="Dataset name.")] = "news",
    dataset_version: Annotated[
        str | None, typer.Option("--dataset-version", help="Dataset version (default: the next).")
    ] = None,
    annotations: AnnotationsOption = None,
    policy: PolicyOption = "latest",
) -> None:
    """Run every stage: ingest -> segment -> prelabel -> export (gold where humans annotated,
    silver pre-labels elsewhere). JSONL per stage in OUT/, the dataset in
    OUT/datasets/NAME/VERSION/."""
    documents = output / "documents.jsonl"
    n_docs, problems = ingest_to(inputs, documents, patterns, strict, output / "skipped.jsonl")
    info(f"ingest   {n_docs} documents, {len(problems)} skipped -> {documents}")
    sentences = output / "sentences.jsonl"
    n_sents = segment_to(documents, sentences, workers, False, None)
    info(f"segment  {n_sents} sentences -> {sentences}")
    prelabels = output / "prelabels.jsonl"
    n_pre, version = prelabel_to(sentences, prelabels)
    info(f"prelabel {n_pre} sentences ({version}) -> {prelabels}")
    quality = None
    if annotations is not None:
        from builder.cli.evaluate import write_report
        from builder.quality.evaluate import evaluate

        quality = output / "metrics" / "eval.json"
        write_report(quality, evaluate(sentences, prelabels, annotations, policy))
        info(f"eval     heuristics against human labels -> {quality}")
    from builder.errors import E505_NOTHING_CHANGED, BuilderError

    try:
        result = export_to(
            sentences,
            prelabels,
            output / "datasets",
            name,
            dataset_version,
            True,
            annotations=annotations,
            policy=policy,
            quality=quality,
        )
    except BuilderError as exc:
        if exc.code != E505_NOTHING_CHANGED or dataset_version is not None:
            raise
        # Building again from the same inputs is not an error: the latest version is current.
        info(f"export   unchanged: {exc.message}")
        return
    info(f"export   {result.path}")
