"""The entity analysis's tokens as records, for the tests: the columns the code builds
(``chunk_tokens.columns``, ``Analysis``) zipped into records, and the records of the plain way
(the token pattern over the whole text) they are held to. The code itself keeps columns only
(a record a token cost more than the columns, ``chunk_tokens.columns``)."""

from __future__ import annotations

from typing import NamedTuple

from builder.prelabel.entities.analysis import Analysis
from builder.prelabel.entities.chunk_tokens import _TOKEN, columns


class Token(NamedTuple):
    start: int
    end: int
    text: str


def tokens_caps(text: str) -> tuple[list[Token], list[bool]]:
    """The tokens of ``text`` by ``columns``, and whether each is capitalised."""
    starts, ends, words, caps = columns(text)
    return [Token(*t) for t in zip(starts, ends, words, strict=True)], caps


def tokens(text: str) -> list[Token]:
    """The tokens of ``text`` by ``columns``."""
    return tokens_caps(text)[0]


def analysis_tokens(analysis: Analysis) -> list[Token]:
    """The tokens an analysis holds, as records."""
    return [Token(*t) for t in zip(analysis.starts, analysis.ends, analysis.words, strict=True)]


def plain_tokens(text: str) -> list[Token]:
    """The tokens the pattern finds in the whole text, the plain way."""
    return [Token(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]
