"""The word patterns of the numeric family behind the first letters of their words, and the
sentiment phrases read from the next word first (issue 14, the fifth speed pass): the same
matches and the same analyses as before."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from builder.prelabel.entities import numeric
from builder.prelabel.sentiment import scorer, words
from builder.prelabel.sentiment.lexicon import load_lexicon
from tests.text_strategies import UNUSUAL

_GATE = re.compile(r"\(\?=\[[^\]]*\]\)\(\?:(.*)\)", re.DOTALL)
WORDS = ["two", "Two", "km", "miles", "first", "First", "twentieth", "a", "tonnes", "xtwo"]
texts = st.lists(st.sampled_from([*WORDS, *UNUSUAL, " ", "-"]) | st.text(max_size=3)).map(" ".join)


@given(texts)
def test_gated_word_patterns_match_as_the_patterns_alone(text: str) -> None:
    for label in ("QUANTITY", "ORDINAL", "CARDINAL"):
        pattern, trigger = numeric._patterns()[label][1]
        assert trigger is not None
        body = _GATE.fullmatch(pattern.pattern)
        assert body is not None  # behind a lookahead of first characters
        plain = re.compile(body.group(1))
        assert [m.span() for m in pattern.finditer(text)] == [
            m.span() for m in plain.finditer(text)
        ]


def _phrase_tokens() -> st.SearchStrategy[list[str]]:
    words = sorted({w for options in _PHRASES.values() for p, _ in options for w in p})
    pieces = st.sampled_from([*words, *(w.upper() for w in words), "good", ",", "’s"])
    return st.lists(pieces, max_size=8)


_PHRASES = load_lexicon().phrases


@given(_phrase_tokens(), st.sampled_from(sorted(_PHRASES)))
def test_a_phrase_is_found_as_by_every_option_read_whole(tokens: list[str], first: str) -> None:
    """Against the way before: each option's following tokens lower-cased into a list."""
    options = _PHRASES[first]
    for i in range(len(tokens) + 1):
        plain = next(
            (
                (phrase, val)
                for phrase, val in options
                if [t.lower() for t in tokens[i : i + len(phrase) - 1]] == list(phrase[1:])
            ),
            None,
        )
        assert words.phrase_at(tokens, i, options) == plain


@given(_phrase_tokens().map(" ".join) | texts)
def test_the_words_counted_as_read_are_the_words(text: str) -> None:
    """The analysis counts the words as it reads them, a phrase's with it."""
    found = [t for t in words.TOKEN_RE.findall(text) if t[0].isalpha()]
    assert scorer.analyse.__wrapped__(text).n_words == len(found)
