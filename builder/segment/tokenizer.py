"""A word tokenizer with exact offsets, for BIO tags and token-level features.

Splits what entity spans need split: possessive and contracted clitics ("Russia" + "'s",
"do" + "n't") and hyphens ("Ukraine" "-" "Russia"), so a span that starts or ends at a word
boundary inside such a word still aligns to tokens. Keeps URLs, e-mails, multi-period
abbreviations (U.S.) and numbers with separators (1.5, 9,000, 14:24) whole.

No token holds or needs white space: every alternative below stops at it, and what it looks at
around a match (``\b``, the lookbehind) sees white space and the text's ends alike. So the
tokens of a text are the tokens of its white-space-separated chunks, and a chunk made of letters
only is one token: the bulk path (:func:`split_tokens`) runs the pattern only on the other
chunks, a sixth of them in news text. tests/segment/test_tokenizer.py holds it to ``tokenize``.

The e-mail and "n't" alternatives look ahead for an "@" or an "n't" at most 64 characters away
(an e-mail's local part is 64 at most): unbounded, they looked from every token of a long chunk
to its end ("a-a-a-...", "a1a1a1..."), a time quadratic in the chunk (issue 16).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from itertools import accumulate, compress
from operator import add, not_, sub

from builder.memo import remember
from builder.model import Token

_TOKEN = re.compile(
    r"""
      (?:https?://|www\.)[^\s<>"]*[^\s<>".,;:!?)\]'’”]     # URL, without final punctuation
    | [\w.+-]{1,64}@\w[\w-]*(?:\.\w[\w-]*)+                 # e-mail (local part: 64 at most)
    | (?:[^\W\d_]\.){2,}                                    # U.S., a.m., U.S.A.
    | \d+(?:[.,:/]\d+)*(?:[^\W\d_]+\b)?                      # 1.5  9,000  14:24  5th  30km
    | \w{1,64}?(?=n['’]t\b)                                 # do|n't  (PTB style)
    | n['’]t\b
    | (?<=\w)['’](?:[sSdDmM]|re|ve|ll|RE|VE|LL)\b           # 's 're 've 'll 'd 'm
    | [^\W\d_]+(?:['’](?!(?:[sSdDmM]|re|ve|ll|RE|VE|LL)\b)[^\W\d_]+)*  # words, O'Brien whole
    | \w+                                                   # mixed: COVID19, B2B
    | \.{2,}|…                                              # ellipsis
    | \S                                                    # any other single character
    """,
    re.VERBOSE,
)


def split_tokens(text: str) -> tuple[list[tuple[int, int]], list[str]]:
    """``(start, end)`` and text of every token: the fast path for bulk work."""
    ends, tokens = token_ends(text)
    return list(zip(map(sub, ends, map(len, tokens)), ends, strict=True)), tokens


def token_ends(text: str) -> tuple[list[int], list[str]]:
    """The end offset and text of every token (a token starts at its end minus its length):
    :func:`split_tokens` without the pairs, what the export's rows need.

    The white-space-separated chunks are the tokens, except the chunks that are not all
    letters (some three in twenty words of news text), which are cut in place: the simple
    shapes by hand (:func:`_simple`), the others by the pattern.
    """
    tokens = text.split()
    if " ".join(tokens) == text:  # single spaces, as segmented text has: no search needed
        ends = list(map(add, accumulate(map(len, tokens)), range(len(tokens))))
    else:
        ends = []
        pos = 0
        for chunk in tokens:
            pos = text.find(chunk, pos) + len(chunk)
            ends.append(pos)
    others = list(compress(range(len(tokens)), map(not_, map(str.isalpha, tokens))))
    for i in reversed(others):  # from the right: the indices on the left stay valid
        chunk = tokens[i]
        if len(chunk) == 1 or chunk.isdecimal():
            continue  # one token: a lone character, a number without separators
        cut = _CUTS.get(chunk) or remember(_CUTS, chunk, _cut(chunk), _CUTS_KEPT)
        start = ends[i] - len(chunk)
        tokens[i : i + 1] = cut[0]
        ends[i : i + 1] = map(start.__add__, cut[1])  # no comprehension: no frame
    return ends, tokens


# The cuts of the chunks seen last: such chunks repeat as words do ("said,", "U.S.", "£1m"; on
# one pass over corpus/bbc, 7 in 10 are one seen before). What the pattern finds in a chunk
# does not depend on the text around it (see the top of this module), so a cut serves any text.
# Kept as tuples of strings and numbers, which the cyclic collector stops tracking: as lists,
# the 20,000-40,000 cuts of a corpus/bbc run were most of what its full collections walked
# (docs/benchmarks.md, the learned layer's third pass).
Cut = tuple[tuple[str, ...], tuple[int, ...]]
_CUTS: dict[str, Cut] = {}
_CUTS_KEPT = 1 << 16  # some 10 MB at most; then it starts again


def cut_of(chunk: str) -> Cut:
    """The tokens of a white-space-free chunk and their ends in it, remembered as
    :func:`token_ends` remembers them (the export's chunk-at-once tokenizer calls this)."""
    return _CUTS.get(chunk) or remember(_CUTS, chunk, _cut(chunk), _CUTS_KEPT)


def _cut(chunk: str) -> Cut:
    """The tokens of a chunk that is not all letters, and their ends in the chunk."""
    tokens = _simple(chunk)
    if tokens is None:
        found = list(_TOKEN.finditer(chunk))
        return tuple(m.group() for m in found), tuple(m.end() for m in found)
    return tuple(tokens), tuple(accumulate(map(len, tokens)))


def _simple(chunk: str) -> list[str] | None:
    """The tokens of a chunk made of letters, or of words of letters joined by single hyphens
    ("high-speed"), with at most one other non-word character before and one after ("said,",
    "(BBC)", "year-on-year."); None for any other chunk. The pattern cuts these the same way
    (tests/segment/test_tokenizer.py checks every character in these places): no alternative
    but the word one starts with a letter unless a digit, "@", "'", "." or "://" follows."""
    first, last = chunk[0], chunk[-1]
    lead = not (first.isalnum() or first == "_")
    trail = not (last.isalnum() or last == "_")
    core = chunk[lead : len(chunk) - trail]
    out = [first] if lead else []
    if core.isalpha():
        out.append(core)
    else:
        words = core.split("-")
        if not all(map(str.isalpha, words)):  # also an empty word: "--", "a-", a lone "-"
            return None
        out.append(words[0])
        for word in words[1:]:
            out += ("-", word)
    if trail:
        out.append(last)
    return out


_SPACE = re.compile(r"\s")
_TO_LAST_SPACE = re.compile(r".*\s", re.DOTALL)


def boundaries(text: str, positions: Iterable[int]) -> tuple[set[int], set[int]]:
    """The token starts and token ends of ``text`` in the white-space-separated chunks that hold
    the characters at ``positions``: what checking a few spans against the tokens needs, without
    tokenizing the whole text. Linear in the text whatever the positions (each chunk is found
    and tokenized once, the positions taken in order)."""
    starts: set[int] = set()
    ends: set[int] = set()
    chunk_start = chunk_end = 0
    for q in sorted(set(positions)):
        if q < chunk_end or not 0 <= q < len(text) or text[q].isspace():
            continue
        # After the last white space before q (a match object a space between was 3 in 4 of
        # the time of checking a few spans)
        last = _TO_LAST_SPACE.match(text, chunk_end, q)
        chunk_start = last.end() if last else chunk_end
        after = _SPACE.search(text, q)
        chunk_end = after.start() if after else len(text)
        chunk = text[chunk_start:chunk_end]
        if chunk.isalpha():
            starts.add(chunk_start)
            ends.add(chunk_end)
            continue
        # The chunk's cut, remembered as :func:`token_ends` remembers it
        words, word_ends = _CUTS.get(chunk) or remember(_CUTS, chunk, _cut(chunk), _CUTS_KEPT)
        for word, end in zip(words, word_ends, strict=True):
            starts.add(chunk_start + end - len(word))
            ends.add(chunk_start + end)
    return starts, ends


def token_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every token (no Token objects)."""
    return split_tokens(text)[0]


def tokenize(text: str, offset: int = 0) -> Iterator[Token]:
    """Tokens of ``text``; offsets are shifted by ``offset`` (e.g. the sentence start)."""
    for m in _TOKEN.finditer(text):
        yield Token(m.start() + offset, m.end() + offset, m.group())
