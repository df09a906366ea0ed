"""`builder prelabel`: sentences.jsonl -> prelabels.jsonl."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Annotated, Any

import typer

from builder.cli.console import handles_errors, info, progress
from builder.errors import E204_UNKNOWN_HEURISTIC, UsageError
from builder.jsonl import write_records
from builder.prelabel.apply import Prelabeler
from builder.prelabel.io import read_sentences
from builder.prelabel.lf import registry
from builder.prelabel.votes import VoteWriter


def prelabel_to(sentences: Path, output: Path, disable: Sequence[str] = ()) -> tuple[int, str]:
    lfs = registry()
    unknown = sorted(set(disable) - {lf.name for lf in lfs})
    if unknown:
        raise UsageError(
            E204_UNKNOWN_HEURISTIC,
            f"no heuristic named {', '.join(unknown)} (see `builder heuristics list`)",
        )
    prelabeler = Prelabeler([lf for lf in lfs if lf.name not in set(disable)])

    def records(votes: VoteWriter) -> Iterator[dict[str, Any]]:
        for item in votes.tee(prelabeler.label(progress(read_sentences(sentences), "prelabel"))):
            yield item.prediction

    with VoteWriter.beside(output, prelabeler) as votes:  # prelabels.votes.parquet
        n = write_records(output, records(votes))
    return n, prelabeler.model_version


@handles_errors
def command(
    sentences: Annotated[
        Path, typer.Argument(help="sentences.jsonl written by `builder segment`.")
    ],
    output: Annotated[Path, typer.Option("-o", "--output", help="prelabels.jsonl to write.")],
    disable: Annotated[
        str,
        typer.Option(
            "--disable",
            help="Heuristics to switch off, comma-separated (the set's version changes).",
        ),
    ] = "",
) -> None:
    """Pre-label every sentence: entities, claims, check-worthiness and sentiment."""
    names = [n.strip() for n in disable.split(",") if n.strip()]
    n, version = prelabel_to(sentences, output, names)
    info(f"pre-labelled {n} sentences with {version} -> {output}")
