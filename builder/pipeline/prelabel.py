"""Pre-label: sentences -> every heuristic's votes and the aggregated prediction."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from builder.hooks import SILENT, Hooks
from builder.jsonl import STDOUT, numbered_lines, write_blocks
from builder.model import Sentence
from builder.prelabel.apply import Labelled, Prelabeler
from builder.prelabel.learned import load_voter
from builder.prelabel.parallel import PARALLEL_FROM_BYTES, labelling, settled
from builder.prelabel.registry import select
from builder.prelabel.vote_writer import VoteWriter
from builder.workers import workers_for


def prelabelled(
    sents: Iterable[Sentence], prelabeler: Prelabeler | None = None
) -> Iterator[Labelled]:
    """Every sentence with each heuristic's votes and the aggregated prediction. Sentences
    must come grouped by document, as ``sentences`` yields them."""
    return (prelabeler or Prelabeler()).label(sents)


@dataclass(frozen=True)
class Prelabelled:
    sentences: int
    model_version: str


def prelabel(
    sentences_path: Path,
    output: Path,
    *,
    disable: Sequence[str] = (),
    workers: int = 1,
    hooks: Hooks = SILENT,
    model: Path | None = None,
) -> Prelabelled:
    """sentences.jsonl -> prelabels.jsonl, with every heuristic but the ``disable``d ones
    (an unknown name is refused before any sentence is read: E204); every heuristic's votes
    are stored once beside it (``prelabels.votes.parquet``) for eval, learn and heuristics
    report.
    ``workers > 1`` labels in that many processes, this one and ``workers - 1`` workers,
    with the same bytes (one: here);
    ``workers=0``: every core for a large enough input, one process for a small one.
    ``model``: a learned entity model (`builder learn --model-out`), one more voter after the
    heuristics (E206 when the file is not one, before any sentence is read)."""
    lines = hooks.progress(numbered_lines(sentences_path), "prelabel")
    workers = workers_for(workers, sentences_path, PARALLEL_FROM_BYTES)

    def labeler() -> Prelabeler:  # a bad model or unknown name fails before any sentence is read
        voter = None if model is None else load_voter(model)  # E206 first, then E204, as ever
        return Prelabeler(select(disable), voter)

    with (
        labelling(sentences_path, lines, labeler, disable, workers, model) as (prelabeler, worked),
        settled(),  # once the labeler (and the learned model) is made
    ):
        if output == STDOUT:  # streamed: there is no "beside" to store the votes in
            n = write_blocks(output, ((unit.count, unit.prelabels) for unit in worked))
            return Prelabelled(n, prelabeler.model_version)
        with VoteWriter.beside(output, prelabeler) as votes:

            def stored() -> Iterator[tuple[int, bytes]]:
                for unit in worked:
                    votes.add_unit(unit.digest, unit.votes)
                    yield unit.count, unit.prelabels

            n = write_blocks(output, stored())
    return Prelabelled(n, prelabeler.model_version)
