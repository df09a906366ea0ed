"""The entity analysis's tokens: cut by white-space chunks, offsets by adding (``analysis.py``
reads runs of capitalised tokens from them)."""

from __future__ import annotations

import re

from builder.memo import remember
from builder.prelabel import shared_tokens

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


APOSTROPHES = ("'", "’")
# A possessive after a name, glued or spaced as CoNLL's tokens are ("Ukraine 's"): "'s", or
# an apostrophe before no letter, which is a plural's possessive after an "s" ("the
# Philippines' biggest bank"), checked by ``owned_at``.
_OWNED = re.compile(r" ?['’](?:s\b|(?![^\W\d_]))")


def owned_at(text: str, end: int) -> bool:
    """The name that ends at ``end`` is in the possessive: "Ukraine's", "Ukraine 's", or a
    plural's "Philippines'" (issue 13, the seeds' "the Philippines' biggest bank")."""
    found = _OWNED.match(text, end)
    if found is None:
        return False
    return text[found.end() - 1] == "s" or text[end - 1 : end] in ("s", "S")


def possessive_marks(words: list[str], k: int) -> int:
    """How many tokens of a possessive start at token ``k`` of ``words`` (padded: ``k - 1``
    and ``k + 1`` are in range): 2 for an apostrophe and "s" ("India's", "India 's"), 1 for
    an apostrophe alone after a word ending in "s" (a plural's: "the Philippines' biggest
    bank"), else 0."""
    if words[k] not in APOSTROPHES:
        return 0
    if words[k + 1] == "s":
        return 2
    return 1 if words[k - 1][-1:] in ("s", "S") else 0


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
    # The sentiment scorer's tokens, told in the same loop (``shared_tokens.py``): in an ASCII
    # text a chunk of letters is one token of each; the other chunks' cuts are remembered.
    # (An append in the loop costs less than splicing the cuts into the chunks after it.)
    felt: list[str] = []
    felt_cuts = shared_tokens.CUTS
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
            felt.append(chunk)
        else:
            for start, stop, word, cap in cuts.get(chunk) or _cut(chunk):
                starts.append(pos + start)
                ends.append(pos + stop)
                words.append(word)
                caps.append(cap)
            felt_cut = felt_cuts.get(chunk)  # (no "or": a chunk may hold none, "-" or "5")
            felt += felt_cut if felt_cut is not None else shared_tokens.cut(chunk)
        pos = end + 1
    if text.isascii():  # (of another text, the scorer does not take every letter)
        shared_tokens.told(text, felt)
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
    """The tokens of ``chunk``, remembered. The pattern's last branch takes any character that
    is no white space, so its matches tile the chunk: the offsets are the texts' lengths added
    up, read from ``findall`` without a match object a token (a chunk not seen before is met
    in most sentences, some 1.8 a sentence of corpus/bbc after its first 200; issue 14)."""
    cut = []
    pos = 0
    for word in _TOKEN.findall(chunk):
        end = pos + len(word)
        cut.append((pos, end, word, word[0].isupper() and word[0].isalpha()))
        pos = end
    return remember(_CHUNK_CUTS, chunk, tuple(cut), _CHUNK_CUTS_KEPT)
