"""Reading sentences.jsonl for pre-labelling, with errors that name the file and line."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from builder.errors import E203_BAD_SENTENCE, InputError
from builder.jsonl import read_numbered
from builder.model import Sentence


def checked_sentence(path: str, lineno: int, record: dict[str, Any]) -> Sentence:
    """A sentence record, checked cheaply (this runs over millions of lines): fields and
    offsets. Errors name the file and line."""
    try:
        sent = Sentence.from_dict(record)
    except (KeyError, TypeError) as exc:
        problem = f"invalid sentence: missing {exc}"
        raise InputError(E203_BAD_SENTENCE, path, problem, lineno) from exc
    if not (
        isinstance(sent.text, str)
        and type(sent.start) is int
        and type(sent.end) is int
        and 0 <= sent.start < sent.end
        and sent.end - sent.start == len(sent.text)
    ):
        problem = f"sentence {sent.id}: offsets do not fit its text"
        raise InputError(E203_BAD_SENTENCE, path, problem, lineno)
    return sent


def read_sentences(path: Path) -> Iterator[Sentence]:
    """The sentences of a sentences.jsonl, each checked (:func:`checked_sentence`)."""
    for lineno, record in read_numbered(path):
        yield checked_sentence(str(path), lineno, record)
