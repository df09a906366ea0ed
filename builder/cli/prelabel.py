"""`builder prelabel`: sentences.jsonl -> prelabels.jsonl."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any

import typer

from builder.cli.console import handles_errors, info, progress
from builder.jsonl import write_records
from builder.prelabel.apply import Prelabeler
from builder.prelabel.io import read_sentences


def prelabel_to(sentences: Path, output: Path) -> tuple[int, str]:
    prelabeler = Prelabeler()

    def records() -> Iterator[dict[str, Any]]:
        for item in prelabeler.label(progress(read_sentences(sentences), "prelabel")):
            yield item.prediction

    return write_records(output, records()), prelabeler.model_version


@handles_errors
def command(
    sentences: Annotated[
        Path, typer.Argument(help="sentences.jsonl written by `builder segment`.")
    ],
    output: Annotated[Path, typer.Option("-o", "--output", help="prelabels.jsonl to write.")],
) -> None:
    """Pre-label every sentence: entities, claims, check-worthiness and sentiment."""
    n, version = prelabel_to(sentences, output)
    info(f"pre-labelled {n} sentences with {version} -> {output}")
