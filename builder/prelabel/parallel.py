"""Pre-labelling in worker processes, with the same bytes as one process.

The heuristics remember what earlier sentences of a document said (``DocContext``), so a unit
of work is a run of whole documents; the pool of builder/workers gives the results back in
order. Each worker builds its own ``Prelabeler`` once, from the names of the heuristics
switched off: the heuristics' tables (gazetteers, automata) are cheaper to load again than to
send.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import groupby
from pathlib import Path
from typing import Any

from builder.model import Sentence
from builder.prelabel.apply import Prelabeler
from builder.prelabel.learned.voter import load_voter
from builder.prelabel.registry import select
from builder.prelabel.vote_writer import vote_rows
from builder.prelabel.votes import Row
from builder.workers import Pool

# Below this size of sentences.jsonl (some 5,000 sentences, a few seconds of one core) one
# process is done about when the workers have loaded the heuristics' tables
# (``python -m bench.workers_auto``, 2026-12-05: 1.06x at 0.8 MiB, 1.24x at 3.4 MiB, 2 cores).
PARALLEL_FROM_BYTES = 1 << 20
CHUNK = 2_000  # sentences a unit of work (whole documents): about a second of one core


def document_runs(sentences: Iterable[Sentence], size: int) -> Iterator[list[list[Sentence]]]:
    """Lists of whole documents of at least ``size`` sentences together (the last one less).
    A document is a run of sentences with one ``doc_id``, as ``Prelabeler.label`` sees it."""
    run: list[list[Sentence]] = []
    count = 0
    for _, document in groupby(sentences, key=lambda s: s.doc_id):
        run.append(list(document))
        count += len(run[-1])
        if count >= size:
            yield run
            run, count = [], 0
    if run:
        yield run


@dataclass(frozen=True, slots=True)
class Worked:
    """A sentence labelled in a worker, as it comes back: what the votes file stores of it
    (``vote_rows``) and its pre-label. Plain tuples and dicts: unpickling a ``Labelled``'s
    frozen votes cost the main process more than labelling saved (measured on corpus/bbc)."""

    sentence_id: str
    text: str
    rows: list[Row]
    prediction: dict[str, Any]


Setup = tuple[tuple[str, ...], Path | None]  # heuristics switched off, the learned model


@functools.cache
def _labeler_for(setup: Setup) -> Prelabeler:
    """A worker process's labeler, built once (a worker runs one pre-labelling)."""
    disable, model = setup
    return Prelabeler(select(disable), None if model is None else load_voter(model))


def _label(setup: Prelabeler | Setup, documents: list[list[Sentence]]) -> list[tuple[Any, ...]]:
    labeler = _labeler_for(setup) if isinstance(setup, tuple) else setup
    names = tuple(lf.name for lf in labeler.lfs)
    return [
        (item.sentence.id, item.sentence.text, vote_rows(item, names), item.prediction)
        for document in documents
        for item in labeler.label_document(document)
    ]


def worked_in_workers(
    sentences: Iterable[Sentence],
    prelabeler: Prelabeler,
    disable: Sequence[str],
    workers: int,
    model: Path | None = None,
) -> Iterator[Worked]:
    """What ``prelabeler.label(sentences)`` gives, as ``Worked`` items in order. With
    ``workers > 1`` worker processes build the same labeler from ``disable`` (the names
    ``prelabeler`` was selected without) and ``model`` (its learned voter's file); with one,
    ``prelabeler`` labels here."""
    setup: Prelabeler | Setup = (tuple(disable), model) if workers > 1 else prelabeler
    with Pool(setup, workers) as pool:
        for worked in pool.map(_label, document_runs(sentences, CHUNK)):
            for fields in worked:
                yield Worked(*fields)
