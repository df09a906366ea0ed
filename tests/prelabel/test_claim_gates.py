"""The word gates before the claims' scans skip no sentence that a scan would match."""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st

from builder.prelabel.claims.according import according
from builder.prelabel.claims.lexicon import load_lexicon
from builder.prelabel.claims.quotes import find_quotes
from builder.prelabel.literals import literal_keys
from builder.prelabel.sentence_words import lower_words
from builder.prelabel.word_gates import FOLDS

_PHRASE_WORDS = ["according", "to", "in", "the", "words", "of", "as", "reported", "by", "quoted"]
_PIECES = ["ACCORDING", "Cited", "-", ",", "'s", "\u00a0", "x_", "\u0130", *FOLDS, "acc\u017frding"]


def _texts(words: list[str], size: int) -> st.SearchStrategy[str]:
    """Sentences of ``words``, the awkward pieces and short random text."""
    pieces = st.sampled_from(words) | st.sampled_from(_PIECES) | st.text(max_size=3)
    return st.lists(pieces, max_size=size).map(" ".join)


source_texts = _texts(_PHRASE_WORDS, 12)


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


_IDIOM_PIECES = ["easier", "said", "than", "having", "that", "That", "said,", "enough", "all"]
_IDIOM_PIECES += ["told,", "goes", "without", "saying", "needless", "to", "say", ",", "say,"]
idiom_texts = _texts(_IDIOM_PIECES, 14)


@example("Easier SAID than done, he said")
@example("That \u017fAID, it held")
@given(idiom_texts)
def test_idiom_keys_skip_no_set_phrase(text: str) -> None:
    """in_idiom with its literal test says what the scan of the window alone says."""
    lex = load_lexicon()
    assert lex.idioms is not None and lex.idiom_keys is not None
    for start in range(len(text)):
        for end in (start + 1, start + 4):
            lo, hi = max(0, start - 24), end + 24
            near = lex.idioms.finditer(text, lo, hi)
            expected = any(m.start() <= start < m.end() for m in near)
            assert lex.in_idiom(text, start, end, "say") == expected


def test_literal_keys_are_the_longest_plain_runs() -> None:
    assert literal_keys(["easier said than", r"^\W*that said,", r",\s+say,"]) == (
        "easier said than",
        "say,",
        "that said,",
    )
    assert literal_keys(["Who", "a(?:b|c)d"]) is None  # no run of three in the second
