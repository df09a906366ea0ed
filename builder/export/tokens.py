"""The tokens of a whole chunk of sentences at once: what ``segment.tokenizer.token_ends`` gives
for each text, as one Arrow string array, with the per-text and per-word work done over the
chunk in Arrow and numpy.

Segmented text is on single spaces: each text's white-space-separated chunks are then its
pieces between single spaces, which Arrow cuts out of the whole column of texts without a
Python object per word. A chunk of ASCII letters only (most words, which Arrow recognises) is
one token; only the others become Python strings, cut as the tokenizer cuts them (``cut_of``,
remembered per chunk as it remembers them), and the tokens are taken from the words and those
cuts in order. A batch with any other white space (two spaces, a tab, a text with a space at
either end, an empty text) takes the tokenizer text by text for those texts.
tests/export/test_tokens.py holds both ways to ``token_ends``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc

from builder.segment.tokenizer import cut_of, token_ends

Ints = npt.NDArray[np.int64]


class Tokens(NamedTuple):
    """The tokens of a batch of texts, all in one array."""

    tokens: pa.StringArray
    counts: Ints  # per text: how many of ``tokens`` are its
    starts: Ints  # per token: its offsets in its text
    ends: Ints


def batch_tokens(texts: Sequence[str]) -> Tokens:
    """The tokens of every text of ``texts``, as ``token_ends`` gives them text by text."""
    fast = _joined(texts)
    if fast is not None:
        return fast
    # A few texts with other white space (a table flattened into a sentence: "Yes  No"):
    # those one by one, the runs of others between them together.
    parts: list[Tokens] = []
    done = 0
    for i, text in enumerate(texts):
        if text and " ".join(text.split()) == text:
            continue
        parts += [_joined(texts[done:i]) or _one_by_one(texts[done:i]), _one_by_one([text])]
        done = i + 1
    parts.append(_joined(texts[done:]) or _one_by_one(texts[done:]))
    return Tokens(
        pa.concat_arrays([part.tokens for part in parts]),
        *(np.concatenate([part[k] for part in parts]) for k in (1, 2, 3)),
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
    sizes = np.fromiter(map(len, tokens), np.int64, len(tokens))
    at = np.array(ends, np.int64)
    return Tokens(pa.array(tokens, pa.string()), np.array(counts, np.int64), at - sizes, at)


def _joined(texts: Sequence[str]) -> Tokens | None:
    """The fast path, for texts on single spaces (trimmed, none empty); None for others."""
    if not texts:
        return None
    split = pc.split_pattern(pa.array(texts, pa.string()), " ")
    words = split.values
    n_words = len(words)
    lens = pc.utf8_length(words).to_numpy().astype(np.int64)  # in code points, as str's
    if not lens.all():  # an empty piece: two spaces, one at an end, an empty text
        return None
    others_at = np.flatnonzero(~pc.ascii_is_alpha(words).to_numpy(zero_copy_only=False))
    # The words joined by single spaces are the texts joined by single spaces: the other words
    # are sliced out of that (Arrow's strings made Python ones some 4 times as slowly).
    word_ends = np.cumsum(lens) + np.arange(n_words)
    at_end = word_ends[others_at].tolist()
    at_start = (word_ends - lens)[others_at].tolist()
    others = list(map(" ".join(texts).__getitem__, map(slice, at_start, at_end)))
    if " ".join(others).split() != others:  # white space but the single spaces
        return None
    pieces: list[str] = []  # the tokens of the words cut into more than one
    cut_words: list[int] = []  # those words ...
    cut_sizes: list[int] = []  # ... into how many
    cut_ends: list[int] = []  # ... and their tokens' ends in the word
    for i, word in zip(others_at.tolist(), others, strict=True):
        if len(word) == 1 or word.isalpha() or word.isdecimal():
            continue  # one token: a lone character, a word, a number without separators
        found, ends = cut_of(word)
        if len(found) > 1:
            pieces += found
            cut_words.append(i)
            cut_sizes.append(len(found))
            cut_ends += ends
    per_text = np.diff(split.offsets.to_numpy()).astype(np.int64)  # words
    per_word = np.ones(n_words, np.int64)
    per_word[cut_words] = cut_sizes
    token_word = np.repeat(np.arange(n_words), per_word)
    ends = word_ends[token_word]
    sizes = lens[token_word]
    take = token_word
    if cut_words:
        n_cut = np.array(cut_sizes, np.int64)
        firsts = np.cumsum(per_word)[cut_words] - n_cut  # the first token of each cut word
        at = np.repeat(firsts, n_cut) + np.arange(len(pieces))
        at -= np.repeat(np.cumsum(n_cut) - n_cut, n_cut)
        ends[at] = (word_ends - lens)[token_word[at]] + np.array(cut_ends, np.int64)
        sizes[at] = np.fromiter(map(len, pieces), np.int64, len(pieces))
        take = take.copy()
        take[at] = n_words + np.arange(len(pieces))
        words = pa.concat_arrays([words, pa.array(pieces, pa.string())])
    # Each text's start in the texts joined: the lengths before it, and a space each
    text_counts = np.add.reduceat(per_word, np.cumsum(per_text) - per_text)
    text_sizes = np.fromiter(map(len, texts), np.int64, len(texts)) + 1
    ends -= np.repeat(np.cumsum(text_sizes) - text_sizes, text_counts)
    return Tokens(words.take(pa.array(take)), text_counts, ends - sizes, ends)
