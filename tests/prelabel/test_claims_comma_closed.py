"""The comma-closed quotation test walked back from the content's end finds what the search it
replaced found (the search, kept here as the reference, ran from the content's start once a
cue: quadratic over a line of thousands of attributions)."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from builder.prelabel.claims.quotes import closes_on_comma

_SEARCHED = re.compile(r",\s*(?:[\"”]|'')$")

# What the pattern reads, and characters beside it: quotes of other kinds, line breaks.
_TEXTS = st.text(alphabet=",\"”“'’ \n\t\u00a0\u2028ab.", max_size=14)


@given(_TEXTS, st.integers(0, 16), st.integers(0, 16))
def test_walked_back_finds_what_the_search_found(text: str, start: int, end: int) -> None:
    expected = _SEARCHED.search(text, start, end) is not None
    assert closes_on_comma(text, start, min(end, len(text))) == expected


def test_examples() -> None:
    assert closes_on_comma('"Every time you say that," ', 0, 26)
    assert closes_on_comma("''We said so,''", 0, 15)
    assert closes_on_comma('"we said so, "\n', 0, 15)  # `$` before a last line break
    assert not closes_on_comma('"we said so."', 0, 13)
    assert not closes_on_comma('"we said so,"', 1, 1)
