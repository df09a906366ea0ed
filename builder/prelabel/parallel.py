"""Pre-labelling in worker processes, with the same bytes as one process.

The heuristics remember what earlier sentences of a document said (``DocContext``), so a unit
of work is a run of whole documents; the pool of builder/workers gives the results back in
order. Each worker builds its own ``Prelabeler`` once, from the names of the heuristics
switched off: the heuristics' tables (gazetteers, automata) are cheaper to load again than to
send.
"""

from __future__ import annotations

import functools
import gc
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import groupby, repeat
from operator import attrgetter
from pathlib import Path
from typing import TypeVar

import orjson

from builder.jsonl import NumberedLine, dumps, parse_object
from builder.model import Sentence
from builder.prelabel.apply import Prelabeler
from builder.prelabel.io import DocumentIds, checked_sentence
from builder.prelabel.learned import load_voter
from builder.prelabel.registry import FAMILIES, select
from builder.prelabel.vote_build import VoteColumns
from builder.prelabel.vote_columns import VoteUnit
from builder.prelabel.votes import SentenceDigest
from builder.workers import Later, Pool
from builder.workers.remote import active

# Below this size of sentences.jsonl (some 5,000 sentences, a few seconds of one core) one
# process is done about when the workers have loaded the heuristics' tables
# (``python -m bench.workers_auto``, 2026-12-05: 1.06x at 0.8 MiB, 1.24x at 3.4 MiB, 2 cores).
PARALLEL_FROM_BYTES = 1 << 20
# Sentences a unit of work (whole documents): about 0.2 s of one core. At the end of a run
# one worker labels the last unit while the other has none: units of 2,000 lost some 0.4 s
# of a 9 s run on two cores that way (issue 14). An engine's task costs its driver more
# (Ray, 2 CPUs, 208,620 sentences: units of 500 took 3.9 s of the driver's CPU from the
# workers' cores, 41.9 s of prelabel; of 2,000, 2.3 s and 37.3 s; of 4,000 no better).
CHUNK = 500
ENGINE_CHUNK = 2_000
T = TypeVar("T")
_TEXT = attrgetter("text")


def document_runs(
    items: Iterable[T], size: int, doc: Callable[[T], object] = attrgetter("doc_id")
) -> Iterator[list[list[T]]]:
    """Lists of whole documents of at least ``size`` sentences together (the last one less).
    A document is a run of sentences with one ``doc`` (their ``doc_id``), as
    ``Prelabeler.label`` sees it."""
    run: list[list[T]] = []
    count = 0
    for _, document in groupby(items, key=doc):
        run.append(list(document))
        count += len(run[-1])
        if count >= size:
            yield run
            run, count = [], 0
    if run:
        yield run


def _doc_of(line: NumberedLine) -> object:
    """The ``doc_id`` of a line, read without checking the rest: the worker that labels the
    line checks it (``checked_sentence``). A line that is no JSON object is a document of its
    own, for the worker to report as the reader would."""
    try:
        record = orjson.loads(line[1])
    except orjson.JSONDecodeError:
        return object()
    return record.get("doc_id") if type(record) is dict else object()


@dataclass(frozen=True, slots=True)
class Worked:
    """A unit of work labelled, as it comes back from a worker: the pre-labels of its
    ``count`` sentences already encoded (``prelabels``: lines of ``jsonl.dumps``), what the
    votes file's digest reads of them (``digest``: ``SentenceDigest.encoded``, joined) and
    their votes as columns (``votes``: ``vote_build.VoteColumns``). Bytes and arrays: unpickling
    a ``Labelled``'s frozen votes cost the main process more than labelling saved, and
    unpickling then encoding the pre-labels' dicts and every sentence's text, or the votes'
    row tuples and their columns, there took a share of it that the workers now do (issue
    14)."""

    count: int
    prelabels: bytes
    digest: bytes
    votes: VoteUnit

    def __reduce__(self) -> tuple[type[Worked], tuple[int, bytes, bytes, VoteUnit]]:
        # By its fields: a slotted frozen dataclass unpickles field by field through
        # ``object.__setattr__``, which the compiled build's class refuses (docs/compiled.md).
        return Worked, (self.count, self.prelabels, self.digest, self.votes)


Recipe = tuple[tuple[str, ...], Path | None]  # heuristics switched off, the learned model


class Made:
    """The labeler this process made, and how a worker makes the same one (``recipe``):
    pickled for a worker or an engine's task, it travels as its recipe, not as its tables
    (gazetteers and automata are cheaper to build again than to send), and the labeler is
    built where it is first used: in the task, once an engine's worker has moved to the
    driver's folder (a relative ``--model``), and with a bad set-up's error as itself."""

    __slots__ = ("_labeler", "recipe")

    def __init__(self, labeler: Prelabeler | None, recipe: Recipe) -> None:
        self._labeler = labeler
        self.recipe = recipe

    @property
    def labeler(self) -> Prelabeler:
        if self._labeler is None:
            self._labeler = _labeler_for(self.recipe)
        return self._labeler

    def __reduce__(self) -> tuple[type[Made], tuple[None, Recipe]]:
        return Made, (None, self.recipe)


@functools.cache
def _labeler_for(recipe: Recipe) -> Prelabeler:
    """A worker process's labeler, built once for each recipe (a local worker runs one
    pre-labelling; a Ray worker may serve several, each new labeler freezing what is alive
    then: bounded by the recipes a worker sees)."""
    disable, model = recipe
    labeler = Prelabeler(select(disable), None if model is None else load_voter(model))
    settle()
    return labeler


def settle() -> None:
    """Once the labeler is built: what is alive then (gazetteers, patterns, the learned model
    and their tables) lives for the whole run, and is moved out of the cyclic collector's
    generations (``gc.freeze``), which its every full collection walked again (some 45 k
    instructions a sentence with ``--model``; docs/benchmarks.md). Reference counting still
    frees what is dropped; labelling makes no cycles that hold these tables."""
    gc.collect()
    gc.freeze()


@contextmanager
def settled() -> Iterator[None]:
    """``settle`` for one run in a process that outlives it (the command's own with one
    worker, a library caller's, a test's): what was frozen goes back to the collector at the
    end, so that cycles left by earlier work are not kept for the rest of the process. A
    caller that froze objects of its own keeps them so: nothing is frozen or unfrozen then
    (``gc.unfreeze`` would give back theirs too)."""
    if gc.get_freeze_count():
        yield
        return
    settle()
    try:
        yield
    finally:
        gc.unfreeze()


def _label(made: Made, unit: tuple[str, list[list[NumberedLine]]]) -> Worked:
    """A run of documents, as lines of ``path``: each line parsed and checked here, with the
    error the reader gives (file and line), then labelled."""
    path, documents = unit
    return _label_sentences(made, (list(_checked(path, document)) for document in documents))


def _label_sentences(made: Made, documents: Iterable[list[Sentence]]) -> Worked:
    """A run of documents, as their sentences, labelled."""
    labeler = made.labeler
    votes = VoteColumns(labeler.names)  # the labeler's: its items' ``voted`` are read
    prelabels: list[bytes] = []
    texts: list[str] = []  # for the digest, encoded once the run is labelled
    for sentences in documents:
        texts += map(_TEXT, sentences)
        # Not ``label_document``: the votes by name, which nothing here reads, are not built.
        for sentence, prediction, voted, every in labeler.cast_document(sentences):
            votes.add_voted(sentence.id, voted, every)
            prelabels.append(dumps(prediction))
    digest = SentenceDigest.encoded_all(votes.sentence_ids, texts)
    return Worked(len(prelabels), b"".join(prelabels), digest, votes.unit())


def _checked(path: str, lines: Iterable[NumberedLine]) -> Iterator[Sentence]:
    """The sentences of ``lines``, each parsed and checked as it is asked for (a generator
    function: mypyc reads a generator expression whole when it is made; docs/compiled.md),
    each once in its document, as ``read_sentences`` reads them: a worker is given whole
    documents."""
    ids = DocumentIds(path)
    for n, raw in lines:
        yield ids.checked(n, checked_sentence(path, n, parse_object(path, n, raw)))


@contextmanager
def labelling(
    path: Path,
    lines: Iterable[NumberedLine],
    make: Callable[[], Prelabeler],
    disable: Sequence[str],
    workers: int,
    model: Path | None = None,
) -> Iterator[tuple[Prelabeler, Iterator[Worked]]]:
    """The labeler ``make()`` gives, and what ``labeler.label(read_sentences(path))`` gives,
    as ``Worked`` units in order, from the ``lines`` of ``path`` (``jsonl.numbered_lines``).
    Only the lines' ``doc_id`` is read here: parsing and checking the sentences is the
    workers' (a fifth of the Ray driver's CPU in prelabel; issue 14), and the first bad line
    fails the run, as the reader does. With ``workers > 1``, ``workers - 1`` worker processes
    build the same labeler from ``disable`` (the names ``make`` selects without) and
    ``model`` (its learned voter's file), and this process labels a unit whenever they all
    have enough (``Pool(share=True)``): its own work between units is light, and a worker's
    start-up (0.3-0.4 s of CPU: its imports, the heuristics' first tables) is saved. With
    one (and no engine), the labeler labels here, and the lines are read as the reader reads
    them, each parsed once: read for its ``doc_id`` first, then again to label it, every line
    was parsed twice (13 k instructions a sentence, 1% of `builder prelabel`; issue 14).

    ``make`` runs once the workers have started (``pool.Later``): they import the heuristics
    while this process does the same to make its own, which names the set and checks
    ``disable`` and ``model`` (an error of ``make`` stops the workers and comes back as
    itself). One after the other, the two start-ups were 0.35-0.5 s of a 9 s run on two
    cores in which nothing was labelled (issue 14)."""
    recipe = (tuple(disable), model)
    later = Later(lambda: Made(make(), recipe), (__name__, *FAMILIES))
    with Pool[Made](later, workers, share=True) as pool:
        if workers <= 1 and active() is None:  # labelled here: each line parsed once
            read = _checked(str(path), lines)
            yield pool.setup.labeler, pool.map(_label_sentences, document_runs(read, CHUNK))
            return
        size = CHUNK if active() is None else ENGINE_CHUNK
        # zip, not a generator expression: compiled by mypyc, one would be read whole at once
        # (the input in memory before the first sentence is labelled; docs/compiled.md).
        units = zip(repeat(str(path)), document_runs(lines, size, _doc_of))
        yield pool.setup.labeler, pool.map(_label, units)
