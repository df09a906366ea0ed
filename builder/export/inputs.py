"""sentences.jsonl and prelabels.jsonl, read together in chunks of raw lines.

The process that reads the files only cuts them into chunks (lines and their numbers); parsing
and checking happen where a chunk is worked on, so that they run in parallel. A chunk holds the
same sentences' lines from both files: the k-th record of one goes with the k-th record of the
other, blank lines skipped as everywhere else. Errors name the file and line, as
``builder.prelabel.io.read_sentences`` and ``builder.jsonl`` do.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any

from builder.errors import E503_UNJOINED, InputError
from builder.jsonl import numbered_lines, parse_object
from builder.model import Sentence
from builder.prelabel.io import checked_sentence

Lines = list[tuple[int, bytes]]  # (line number, raw line)


@dataclass(frozen=True, slots=True)
class Chunk:
    sentences: Lines
    prelabels: Lines  # shorter than ``sentences`` only where prelabels.jsonl ran out


@dataclass(frozen=True, slots=True)
class Sources:
    """The two files, named as errors name them."""

    sentences: str
    prelabels: str


def read_lines(path: Path, size: int) -> Iterator[Lines]:
    """The non-blank lines of ``path``, ``size`` at a time."""
    lines = numbered_lines(path)
    while batch := list(islice(lines, size)):
        yield batch


def read_chunks(sentences: Path, prelabels: Path, size: int) -> Iterator[Chunk]:
    p_lines = numbered_lines(prelabels)
    for batch in read_lines(sentences, size):
        yield Chunk(batch, list(islice(p_lines, len(batch))))


def sentence(path: str, lineno: int, raw: bytes) -> Sentence:
    """A sentence line, parsed and checked; errors name the file and line."""
    return checked_sentence(path, lineno, parse_object(path, lineno, raw))


def joined(chunk: Chunk, sources: Sources) -> Iterator[tuple[Sentence, dict[str, Any]]]:
    """Each sentence of the chunk with its pre-labels; both files come from the same run, in
    the same order."""
    for i, (lineno, raw) in enumerate(chunk.sentences):
        sent = sentence(sources.sentences, lineno, raw)
        line = chunk.prelabels[i][0] if i < len(chunk.prelabels) else None
        labels = None if line is None else parse_object(sources.prelabels, *chunk.prelabels[i])
        if labels is None or labels.get("sentence_id") != sent.id:
            problem = f"does not match sentences.jsonl at sentence {sent.id}: rebuild both"
            raise InputError(E503_UNJOINED, sources.prelabels, problem, line)
        yield sent, labels
