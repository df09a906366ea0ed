"""The faster ways of the hot loops give what the plain ones gave (speed, issue 14)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pyarrow as pa
from hypothesis import given, settings
from hypothesis import strategies as st

from builder.prelabel.entities.analysis import _TOKEN, Token, tokens
from builder.prelabel.vote_columns import column
from tests.text_strategies import UNUSUAL

PIECES = ["U.S.", "O'Brien", "it's", "3,000.5", "_x_", "—", "\u00a0", "\t", "\u2003", *UNUSUAL]
texts = st.lists(st.sampled_from(PIECES) | st.text(max_size=6), max_size=40).map(" ".join)


@given(texts)
def test_entity_tokens_are_those_of_finditer(text: str) -> None:
    expected = [Token(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]
    assert tokens(text) == expected


ints = st.lists(st.none() | st.integers(-(2**63), 2**63 - 1), max_size=40)
strings = st.lists(st.none() | st.text(st.characters(codec="utf-8")), max_size=40)


@settings(deadline=None)  # pyarrow.array imports pandas on its first call
@given(ints, strings, st.lists(st.none() | st.booleans(), max_size=40))
def test_vote_columns_are_the_arrays_of_pyarrow(
    numbers: list[int | None], texts: list[str | None], flags: list[bool | None]
) -> None:
    scores = [float(i) / 7 for i in range(len(numbers))]
    columns: list[tuple[Sequence[Any], pa.DataType]] = [
        (numbers, pa.int64()),
        (texts, pa.string()),
        (flags, pa.bool_()),
        (scores, pa.float64()),
    ]
    for values, kind in columns:
        built = column(values, kind)
        built.validate(full=True)
        assert built.equals(pa.array(values, kind))
