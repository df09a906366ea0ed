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
from itertools import groupby

from builder.model import Sentence
from builder.prelabel.apply import Labelled, Prelabeler
from builder.prelabel.registry import select
from builder.workers import Pool

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


@functools.cache
def _prelabeler(disable: tuple[str, ...]) -> Prelabeler:
    return Prelabeler(select(disable))


def _label(disable: tuple[str, ...], documents: list[list[Sentence]]) -> list[Labelled]:
    labeler = _prelabeler(disable)
    return [item for document in documents for item in labeler.label_document(document)]


def labelled_in_workers(
    sentences: Iterable[Sentence], disable: Sequence[str], workers: int
) -> Iterator[Labelled]:
    """What ``Prelabeler(select(disable)).label(sentences)`` gives, worked out in ``workers``
    processes."""
    with Pool(tuple(disable), workers) as pool:
        for labelled in pool.map(_label, document_runs(sentences, CHUNK)):
            yield from labelled
