"""The tokens of a whole chunk of sentences at once: what ``segment.tokenizer.token_ends`` gives
for each text, with its per-text work (a split, a join, the ends, the search for the chunks
that are not all letters) done once over the chunk's texts joined, in C and numpy.

Segmented text is on single spaces: the texts joined by one space are then one text on single
spaces whose white-space-separated chunks are the texts' chunks, in order, each text's own
(its count of spaces plus one). A chunk made of letters is one token; the others are cut as the
tokenizer cuts them (``cut_of``, remembered per chunk as it remembers them). A batch with any
other white space takes the tokenizer text by text. tests/export/test_tokens.py holds both to
``token_ends``.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import repeat
from typing import NamedTuple

import numpy as np
import numpy.typing as npt

from builder.segment.tokenizer import cut_of, token_ends

Ints = npt.NDArray[np.int64]


class Tokens(NamedTuple):
    """The tokens of a batch of texts, all in one list."""

    tokens: list[str]
    counts: Ints  # per text: how many of ``tokens`` are its
    ends: Ints  # per token: its end offset in its text (its start: the end less its length)


def batch_tokens(texts: Sequence[str]) -> Tokens:
    """The tokens of every text of ``texts``, as ``token_ends`` gives them text by text."""
    fast = _joined(texts)
    if fast is not None:
        return fast
    # A few texts with other white space (a table flattened into a sentence: "Yes  No"):
    # those one by one, the runs of others between them joined.
    parts: list[Tokens] = []
    done = 0
    for i, text in enumerate(texts):
        if text and " ".join(text.split()) == text:
            continue
        parts += [_joined(texts[done:i]) or _one_by_one(texts[done:i]), _one_by_one([text])]
        done = i + 1
    parts.append(_joined(texts[done:]) or _one_by_one(texts[done:]))
    return Tokens(
        [token for part in parts for token in part.tokens],
        np.concatenate([part.counts for part in parts]),
        np.concatenate([part.ends for part in parts]),
    )


def _one_by_one(texts: Sequence[str]) -> Tokens:
    tokens: list[str] = []
    ends: list[int] = []
    counts: list[int] = []
    for text in texts:
        text_ends, text_tokens = token_ends(text)
        tokens += text_tokens
        ends += text_ends
        counts.append(len(text_tokens))
    return Tokens(tokens, np.array(counts, np.int64), np.array(ends, np.int64))


def _joined(texts: Sequence[str]) -> Tokens | None:
    """The fast path, for texts on single spaces (trimmed, none empty); None for others."""
    big = " ".join(texts)
    words = big.split()
    if not words or " ".join(words) != big:
        return None
    n_words = len(words)
    lens = np.fromiter(map(len, words), np.int64, n_words)
    word_ends = np.cumsum(lens) + np.arange(n_words)  # in ``big``
    others = np.flatnonzero(~np.fromiter(map(str.isalpha, words), np.bool_, n_words))
    tokens: list[str] = []
    cut_words: list[int] = []  # the words cut into more than one token ...
    cut_sizes: list[int] = []  # ... into how many
    cut_ends: list[int] = []  # ... and their tokens' ends in the word
    done = 0  # words before this one are in ``tokens``
    for i in others.tolist():
        word = words[i]
        if len(word) == 1 or word.isdecimal():
            continue  # one token: a lone character, a number without separators
        pieces, piece_ends = cut_of(word)
        if len(pieces) == 1:
            continue
        tokens += words[done:i]
        tokens += pieces
        done = i + 1
        cut_words.append(i)
        cut_sizes.append(len(pieces))
        cut_ends += piece_ends
    tokens += words[done:]
    per_word = np.ones(n_words, np.int64)
    per_word[cut_words] = cut_sizes
    token_word = np.repeat(np.arange(n_words), per_word)
    ends_in_big = word_ends[token_word]
    if cut_words:
        sizes = np.array(cut_sizes, np.int64)
        firsts = np.cumsum(per_word)[cut_words] - sizes  # the first token of each cut word
        within = np.arange(len(cut_ends)) - np.repeat(np.cumsum(sizes) - sizes, sizes)
        at = np.repeat(firsts, sizes) + within
        ends_in_big[at] = (word_ends - lens)[token_word[at]] + np.array(cut_ends, np.int64)
    # Each text's words: its spaces plus one; its start in ``big``: the lengths before it.
    n_texts = len(texts)
    spaces = np.fromiter(map(str.count, texts, repeat(" ")), np.int64, n_texts)
    first_words = np.cumsum(spaces + 1) - (spaces + 1)
    counts = np.add.reduceat(per_word, first_words)
    sizes_plus = np.fromiter(map(len, texts), np.int64, n_texts) + 1
    text_starts = np.cumsum(sizes_plus) - sizes_plus
    ends = ends_in_big - np.repeat(text_starts, counts)
    return Tokens(tokens, counts, ends)
