"""`builder build`: the whole pipeline, raw documents -> OUT/ (one file per stage)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from builder.cli.console import handles_errors, info
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
) -> None:
    """Run every stage: ingest -> segment -> prelabel, one JSONL file per stage in OUT/."""
    documents = output / "documents.jsonl"
    n_docs, problems = ingest_to(inputs, documents, patterns, strict, output / "skipped.jsonl")
    info(f"ingest   {n_docs} documents, {len(problems)} skipped -> {documents}")
    sentences = output / "sentences.jsonl"
    n_sents = segment_to(documents, sentences, workers, False, None)
    info(f"segment  {n_sents} sentences -> {sentences}")
    prelabels = output / "prelabels.jsonl"
    n_pre, version = prelabel_to(sentences, prelabels)
    info(f"prelabel {n_pre} sentences ({version}) -> {prelabels}")
