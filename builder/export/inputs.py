"""sentences.jsonl and prelabels.jsonl, read together in chunks of raw lines.

The process that reads the files only finds where each chunk's lines are (``lineranges.py``:
byte ranges and the first line's number); cutting the lines, parsing and checking happen
where a chunk is worked on, so that they run in parallel. A chunk holds the
same sentences' lines from both files: the k-th record of one goes with the k-th record of the
other, blank lines skipped as everywhere else. Errors name the file and line, as
``builder.prelabel.io.read_sentences`` and ``builder.jsonl`` do.

Every pre-label record is checked where its chunk is worked on, as every reader checks them
(``builder.prelabel.records``): the schema, its sentence, its spans against the sentence
text, and the heuristics version of the file's first record. What needs the whole file is
checked in the reading process: no pre-labels after the last sentence (here), each sentence
once (:class:`UniqueIds`).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from builder.errors import E203_BAD_SENTENCE, E503_UNJOINED, InputError
from builder.export.lineranges import LineRanges, Span, span_lines
from builder.jsonl import parse_object, read_numbered
from builder.model import Sentence
from builder.prelabel import structs
from builder.prelabel.io import SeenIds, checked_sentence
from builder.prelabel.records import OneVersion, first_version, prelabel_problem
from builder.prelabel.structs import PrelabelRecord, SentenceRecord


@dataclass(frozen=True, slots=True)
class Chunk:
    """Where a chunk's lines are in each file (read where the chunk is worked on)."""

    sentences: Span
    prelabels: Span  # fewer lines than ``sentences`` only where prelabels.jsonl ran out


@dataclass(frozen=True, slots=True)
class Sources:
    """The two files, named as errors name them, and the heuristics version of the first
    pre-label record (read when made, in the reading process: every record must carry it)."""

    sentences: str
    prelabels: str
    model_version: str | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        if self.model_version is None:
            object.__setattr__(self, "model_version", first_version(Path(self.prelabels)))


def read_chunks(sentences: Path, prelabels: Path, size: int) -> Iterator[Chunk]:
    """Chunks of ``size`` sentences (the last one fewer) with as many pre-labels; pre-labels
    left after the last sentence are an error."""
    with closing(LineRanges(sentences)) as s_lines, closing(LineRanges(prelabels)) as p_lines:
        while (batch := s_lines.take(size)).lines:
            yield Chunk(batch, p_lines.take(batch.lines))
        extra = p_lines.next_line()
    if extra is not None:
        problem = "pre-labels after the last sentence of sentences.jsonl: rebuild both"
        raise InputError(E503_UNJOINED, str(prelabels), problem, extra)


def sentence(path: str, lineno: int, raw: bytes) -> Sentence:
    """A sentence line, parsed and checked; errors name the file and line."""
    return checked_sentence(path, lineno, parse_object(path, lineno, raw))


def joined(
    chunk: Chunk, sources: Sources
) -> Iterator[tuple[Sentence | SentenceRecord, dict[str, Any] | PrelabelRecord]]:
    """Each sentence of the chunk with its pre-labels; both files come from the same run, in
    the same order. A pair that ``prelabel.structs`` decodes and finds right comes as is
    (both as Structs); any other takes the way of every reader (orjson, the
    checks in Python), which names what is wrong, or, where the Structs were stricter than
    the schema, gives the pre-labels as a dict."""
    versions = OneVersion(sources.model_version)
    p_lines = span_lines(sources.prelabels, chunk.prelabels)
    for i, (lineno, raw) in enumerate(span_lines(sources.sentences, chunk.sentences)):
        if i < len(p_lines):
            fast = _decoded(raw, p_lines[i][1], versions)
            if fast is not None:
                yield fast
                continue
        sent = sentence(sources.sentences, lineno, raw)
        if i >= len(p_lines):
            problem = f"ends before sentences.jsonl (at sentence {sent.id}): rebuild both"
            raise InputError(E503_UNJOINED, sources.prelabels, problem)
        line = p_lines[i][0]
        labels = parse_object(sources.prelabels, *p_lines[i])
        wrong = prelabel_problem(labels, sent) or versions.problem(labels["model_version"])
        if wrong is not None:
            raise InputError(E503_UNJOINED, sources.prelabels, wrong, line)
        yield sent, labels


def _decoded(
    s_raw: bytes, p_raw: bytes, versions: OneVersion
) -> tuple[SentenceRecord, PrelabelRecord] | None:
    """A sentence and its pre-labels decoded by ``prelabel.structs``, if both are right (the
    checks of :func:`sentence` and ``prelabel_problem``, and the version); else None."""
    s = structs.sentence(s_raw)
    if s is None or not (s.start < s.end and s.end - s.start == len(s.text)):
        return None
    p = structs.prelabel(p_raw)
    if (
        p is None
        or p.sentence_id != s.id
        or not structs.quotes(p, s.text)
        or versions.problem(p.model_version) is not None
    ):
        return None
    return s, p


class UniqueIds:
    """The sentence ids of sentences.jsonl so far, in the reading process: a sentence given
    twice would be two rows. The lines are looked up only when one repeats."""

    def __init__(self, sentences: Path) -> None:
        self.path = sentences
        self.seen: set[str] = set()

    def add(self, ids: Sequence[str]) -> None:
        before = len(self.seen)
        self.seen.update(ids)
        if len(self.seen) - before == len(ids):
            return
        lines = SeenIds()  # the rare case: find the first repeat and its lines
        for lineno, record in read_numbered(self.path):
            sid = record.get("id")
            if isinstance(sid, str) and (wrong := lines.problem(sid, lineno)) is not None:
                raise InputError(E203_BAD_SENTENCE, str(self.path), wrong, lineno)
        raise InputError(E203_BAD_SENTENCE, str(self.path), "a sentence id is given twice")
