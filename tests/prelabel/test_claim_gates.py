"""The word gates before the claims' scans skip no sentence that a scan would match."""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st

from builder.prelabel.claims.according import according
from builder.prelabel.claims.lexicon import load_lexicon
from builder.prelabel.claims.quotes import find_quotes
from builder.prelabel.sentence_words import lower_words
from builder.prelabel.word_gates import FOLDS

_PHRASE_WORDS = ["according", "to", "in", "the", "words", "of", "as", "reported", "by", "quoted"]
_PIECES = ["ACCORDING", "Cited", "-", ",", "'s", "\u00a0", "x_", "\u0130", *FOLDS, "acc\u017frding"]
source_texts = st.lists(
    st.sampled_from(_PHRASE_WORDS) | st.sampled_from(_PIECES) | st.text(max_size=3),
    max_size=12,
).map(" ".join)


@example("quoted  by the BBC, prices fell")
@example("Accor\u0130ng to the BBC, prices fell sharply")
@given(source_texts)
def test_source_after_gate_lets_every_match_through(text: str) -> None:
    lex = load_lexicon()
    assert lex.source_after_words is not None
    if lex.source_after.search(text) and lex.source_after_words.isdisjoint(lower_words(text)):
        assert any(c in text for c in FOLDS)  # the gate reads none of them: no gate then


def test_according_without_its_words_finds_none() -> None:
    text = "Prices fell sharply, the BBC said on Monday."
    assert according(text, find_quotes(text), load_lexicon()) == []
    text = "Prices fell sharply, according to the BBC."
    assert [a.source for a in according(text, find_quotes(text), load_lexicon())] == [(34, 41)]
