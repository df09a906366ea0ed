"""The entity analysis's tokens: cut by white-space chunks, offsets by adding (``analysis.py``
reads runs of capitalised tokens from them)."""

from __future__ import annotations

import re

from builder.memo import remember

# Words (possessive and contracted clitics split off, "O'Brien" whole), abbreviations with
# periods ("U.S."), numbers, single other characters. Simpler than the segmenter's tokenizer,
# and building plain tuples instead of Token records makes it three times as fast (the
# tokenizer was a third of the family's time).
_TOKEN = re.compile(
    r"(?:[^\W\d_]\.){2,}|[^\W\d_]+(?:['’](?![sSdDmM]\b|re\b|ve\b|ll\b)[^\W\d_]+)*"
    r"|\d+(?:[.,:]\d+)*|\S"
)


def is_cap(tok: str) -> bool:
    return tok[0].isupper() and (tok[0].isalpha())


def token_texts(text: str) -> list[str]:
    """The words of ``text`` as the runs see them (for the document memory's keys)."""
    return _TOKEN.findall(text)


Columns = tuple[list[int], list[int], list[str], list[bool]]


def columns(text: str) -> Columns:
    """The tokens of ``text`` as columns: starts, ends, texts, and whether each is capitalised
    (:func:`is_cap`, which the runs read), told in the same loop, from the chunk (a chunk of
    letters is capitalised if its first letter is upper-case) or the remembered cut (whose
    tokens' flags are remembered too). Columns, not a record a token: a ``NamedTuple``
    made from Python costs some 2.6 k instructions (``tuple.__new__`` of a subtype, and its
    own deallocation), three list appends a fraction of that (issue 14).

    No token holds white space and what the pattern looks at around a match (``\\b``, the
    lookahead after an apostrophe) sees white space and the text's ends alike: the tokens of a
    text are those of its white-space-separated chunks. A chunk of letters only is one token
    (most chunks), the others are cut by the pattern once and remembered (they repeat as words
    do: "said,", "U.S."). Scanning the whole text with the pattern cost twice as much
    (tests/prelabel/test_fast_paths_shared.py holds this to ``finditer``)."""
    chunks = text.split()
    if " ".join(chunks) != text:
        return _columns_found(text, chunks)
    starts: list[int] = []
    ends: list[int] = []
    words: list[str] = []
    caps: list[bool] = []
    # Single spaces (segmented text): offsets by adding, in a loop of its own (no test a chunk)
    pos = 0
    cuts = _CHUNK_CUTS
    for chunk in chunks:
        end = pos + len(chunk)
        if chunk.isalpha():
            starts.append(pos)
            ends.append(end)
            words.append(chunk)
            caps.append(chunk[0].isupper())
        else:
            for start, stop, word, cap in cuts.get(chunk) or _cut(chunk):
                starts.append(pos + start)
                ends.append(pos + stop)
                words.append(word)
                caps.append(cap)
        pos = end + 1
    return starts, ends, words, caps


def _columns_found(text: str, chunks: list[str]) -> Columns:
    """:func:`columns` of a text with other white space than single spaces: each chunk
    found."""
    starts: list[int] = []
    ends: list[int] = []
    words: list[str] = []
    caps: list[bool] = []
    pos = 0
    for chunk in chunks:
        pos = text.find(chunk, pos)
        for start, stop, word, cap in _CHUNK_CUTS.get(chunk) or _cut(chunk):
            starts.append(pos + start)
            ends.append(pos + stop)
            words.append(word)
            caps.append(cap)
        pos += len(chunk) + 1
    return starts, ends, words, caps


# The cuts of the chunks that are not all letters, seen last (bounded: cleared when full).
# Each token of a cut: (start, end, text, capitalised) in the chunk.
_CHUNK_CUTS: dict[str, tuple[tuple[int, int, str, bool], ...]] = {}
_CHUNK_CUTS_KEPT = 1 << 16


def _cut(chunk: str) -> tuple[tuple[int, int, str, bool], ...]:
    cut = tuple((m.start(), m.end(), m.group(), is_cap(m.group())) for m in _TOKEN.finditer(chunk))
    return remember(_CHUNK_CUTS, chunk, cut, _CHUNK_CUTS_KEPT)
