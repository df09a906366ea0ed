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


def read_sentences(path: Path) -> Iterator[Sentence]:
    """The sentences of a sentences.jsonl, each checked (:func:`checked_sentence`)."""
    for lineno, record in read_numbered(path):
        yield checked_sentence(str(path), lineno, record)
