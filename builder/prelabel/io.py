"""Reading sentences.jsonl for pre-labelling, with errors that name the file and line.

Every record is checked against ``schemas/sentences.schema.json``. The check is written out
by hand (:func:`fits_schema`) because it runs over millions of lines, twice per export:
fastjsonschema takes some 14 µs a record, this about 2. ``tests/adversarial`` checks that both
answer alike on broken records; the schema words the answer (``first_error``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from builder.errors import E203_BAD_SENTENCE, InputError
from builder.jsonl import read_numbered
from builder.model import Sentence
from builder.schemas import first_error

SCHEMA = "sentences"
_KEYS = frozenset(("id", "doc_id", "index", "start", "end", "text"))
_ID = re.compile(r"[0-9a-f]{16}")


def fits_schema(record: Any) -> bool:
    """``record`` is valid under ``schemas/sentences.schema.json``, integers written as
    integers (JSON Schema takes 1.0 for an integer; an offset may not be one)."""
    if type(record) is not dict or record.keys() != _KEYS:
        return False
    sid, doc, text = record["id"], record["doc_id"], record["text"]
    index, start, end = record["index"], record["start"], record["end"]
    return (
        type(sid) is str
        and _ID.fullmatch(sid) is not None
        and type(doc) is str
        and doc != ""
        and type(index) is int
        and index >= 0
        and type(start) is int
        and start >= 0
        and type(end) is int
        and end >= 1
        and type(text) is str
        # The schema's pattern: trimmed, on one line (its `.` does not match a newline).
        and text != ""
        and not text[0].isspace()
        and not text[-1].isspace()
        and "\n" not in text
    )


def checked_sentence(path: str, lineno: int, record: dict[str, Any]) -> Sentence:
    """A sentence record, checked against the schema and its offsets against its text.
    Errors name the file and line."""
    if not fits_schema(record):
        wrong = first_error(SCHEMA, record) or "offsets must be whole numbers"
        raise InputError(E203_BAD_SENTENCE, path, f"invalid sentence: {wrong}", lineno)
    sent = Sentence.from_dict(record)
    if not (sent.start < sent.end and sent.end - sent.start == len(sent.text)):
        problem = f"sentence {sent.id}: offsets do not fit its text"
        raise InputError(E203_BAD_SENTENCE, path, problem, lineno)
    return sent


class SeenIds:
    """Sentence ids seen so far, with the line each came from: a repeat names both lines."""

    def __init__(self) -> None:
        self.lines: dict[str, int] = {}

    def problem(self, sid: str, lineno: int) -> str | None:
        first = self.lines.setdefault(sid, lineno)
        if first != lineno:
            return f"sentence {sid} again (first on line {first}): every sentence once"
        return None


class DocumentIds:
    """Each sentence once in its document (E203, naming both lines, as export says), for the
    readers that stream: prelabel and heuristics report. Only the ids of the document being
    read are kept: memory stays bounded by the longest document at any size and on any
    engine, where a set of every id would grow with the input (some 100 GB for the 10^9
    sentences of the README's plan) in the one process that reads it. A sentence id hashes
    its document's id, so what goes unseen is a document whose lines come in two separate
    runs (a file given twice); export and studio push, which keep every id, refuse that."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.doc = ""  # no document's: the schema wants a doc_id
        self.seen = SeenIds()

    def checked(self, lineno: int, sentence: Sentence) -> Sentence:
        if sentence.doc_id != self.doc:
            self.doc = sentence.doc_id
            self.seen = SeenIds()
        wrong = self.seen.problem(sentence.id, lineno)
        if wrong is not None:
            raise InputError(E203_BAD_SENTENCE, self.path, wrong, lineno)
        return sentence


def read_sentences(path: Path) -> Iterator[Sentence]:
    """The sentences of a sentences.jsonl, each checked (:func:`checked_sentence`), each once
    in its document (:class:`DocumentIds`)."""
    ids = DocumentIds(str(path))
    for lineno, record in read_numbered(path):
        yield ids.checked(lineno, checked_sentence(str(path), lineno, record))
