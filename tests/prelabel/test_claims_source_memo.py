"""The source walks remembered for the last sentence (``source.source_left``; issue 14, the
eighth session) answer what the walk itself answers, whatever texts, lexicons and cue starts
are asked for in whatever order."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from builder.prelabel.claims import source
from builder.prelabel.claims.lexicon import load_lexicon

LEX = load_lexicon()
# Another lexicon, asked about the same text: "union" is a pronoun there, so walks differ.
OTHER = replace(LEX, pronouns=LEX.pronouns | {"union"})
_WORDS = ["The", "union", "said", ",", "he", "Ann Roe", "(D-Mo.)", "and", "both", "in 2016", "."]
texts = st.lists(st.sampled_from(_WORDS), min_size=1, max_size=12).map(" ".join)


@settings(deadline=None, max_examples=150)
@given(
    st.lists(texts, min_size=1, max_size=3),
    st.lists(st.tuples(st.integers(0, 2), st.integers(0, 80), st.booleans()), max_size=12),
)
def test_a_remembered_walk_is_the_walk(
    sentences: list[str], asks: list[tuple[int, int, bool]]
) -> None:
    for k, at, other in asks:
        text = sentences[k % len(sentences)]
        text = text if k % 2 else "".join(text)  # an equal text, another object, at times
        lex = OTHER if other else LEX
        cue = min(at, len(text))
        assert source.source_left(text, cue, lex) == source._source_left(text, cue, lex)


def test_the_other_lexicon_walks_otherwise() -> None:
    text = "The union said"
    assert source.source_left(text, 10, LEX) != source.source_left(text, 10, OTHER)
