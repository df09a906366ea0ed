"""spans.has_words, which splits a span's first characters in C (issue 14), counts the words
of its docstring."""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st

from builder.prelabel.claims.spans import has_words

_PIECES = ["said", "U.S.", "Inc.said", "1,200", "1,2000,000", "12,34", "’s", "don't", "-", "&"]
_PIECES += [",", ".", '"', "(", "\u00a0", "\n", "\t", "é", "٣", "_x"]
texts = st.lists(st.sampled_from(_PIECES) | st.text(max_size=4), max_size=14).map(" ".join)


@example("a\u00a0b\x1cc", 0, 5, 3)
@given(texts, st.integers(0, 90), st.integers(0, 200), st.integers(1, 4))
def test_has_words_counts_the_split_words(text: str, start: int, end: int, n: int) -> None:
    """spans.has_words (a split of the span's first characters in C) is its docstring."""
    assert has_words(text, start, end, n) == (len(text[start:end].split()) >= n)
