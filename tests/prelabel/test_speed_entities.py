"""The seventh speed pass (issue 14): the entity analysis and the entity choice, made cheaper,
give what the plain ways gave."""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st

from builder.prelabel.entities.analysis import _LOWER_WORD, _UPPER_WORD, is_headline
from tests.text_strategies import UNUSUAL

HEADLINE_PIECES = ["CRICKET", "-", "TAKE", "v", "US", "said", "Ab", "aB", "ſ", "İ", "K", "1996"]
headline_texts = st.lists(
    st.sampled_from([*HEADLINE_PIECES, *UNUSUAL]) | st.text(max_size=5), max_size=20
).map(" ".join)


@given(headline_texts)
@example("CRICKET - LEICESTERSHIRE TAKE OVER AT TOP")
@example("LEICESTERSHIRE v SOMERSET")
@example("The US said")
def test_headline_is_the_plain_test(text: str) -> None:
    """The lower-case word looked for first: the same answer as two capitals first."""
    plain = _UPPER_WORD.search(text) is not None and _LOWER_WORD.search(text) is None
    assert is_headline(text) == plain
