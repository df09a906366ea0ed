"""Reading sentences.jsonl for pre-labelling, with errors that name the file and line."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from builder.errors import InputError
from builder.jsonl import read_numbered
from builder.model import Sentence

E203_BAD_SENTENCE = "E203"


def read_sentences(path: Path) -> Iterator[Sentence]:
    """Sentences, checked cheaply (this runs over millions of lines): fields and offsets."""
    for lineno, record in read_numbered(path):
        try:
            sent = Sentence.from_dict(record)
        except (KeyError, TypeError) as exc:
            raise InputError(
                E203_BAD_SENTENCE, str(path), f"invalid sentence: missing {exc}", lineno
            ) from exc
        if not (
            isinstance(sent.text, str)
            and type(sent.start) is int
            and type(sent.end) is int
            and 0 <= sent.start < sent.end
            and sent.end - sent.start == len(sent.text)
        ):
            raise InputError(
                E203_BAD_SENTENCE,
                str(path),
                f"sentence {sent.id}: offsets do not fit its text",
                lineno,
            )
        yield sent
