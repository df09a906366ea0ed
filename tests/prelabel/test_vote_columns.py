"""The columns built from their parts (``taken``, ``spread``) are those ``column`` builds from
every value, buffer for buffer (the same parquet bytes): pools of strings of one width or of
several, ASCII or not, values with and without None."""

from __future__ import annotations

from typing import Any

import numpy as np
import pyarrow as pa
from hypothesis import given
from hypothesis import strategies as st

from builder.prelabel.vote_columns import column, spread, taken


def _same(built: Any, expected: Any) -> None:
    assert built.type == expected.type and built.null_count == expected.null_count
    assert [b.to_pybytes() if b else b for b in built.buffers()] == [
        b.to_pybytes() if b else b for b in expected.buffers()
    ]


# Pools of one width in bytes (sentence ids; ASCII, or three bytes a character), of several
# widths, with characters of several UTF-8 lengths.
pools = st.one_of(
    st.sampled_from(["0123456789abcdef", "\u4e2d\u6587\u5b57"]).flatmap(
        lambda letters: st.integers(1, 6).flatmap(
            lambda w: st.lists(st.text(letters, min_size=w, max_size=w), min_size=1)
        )
    ),
    st.lists(st.text(max_size=8), min_size=1),
)


@given(
    pools.flatmap(lambda pool: st.tuples(st.just(pool), st.lists(st.integers(0, len(pool) - 1))))
)
def test_strings_taken_from_a_pool_are_the_strings_themselves(
    drawn: tuple[list[str], list[int]],
) -> None:
    pool, at = drawn
    _same(taken(pool, np.array(at, dtype=np.int64)), column([pool[i] for i in at], pa.string()))


kinds = st.sampled_from([pa.int64(), pa.bool_()])


@given(kinds, st.data())
def test_values_spread_over_positions_are_the_column_of_them_with_nulls_between(
    kind: Any, data: st.DataObject
) -> None:
    one = st.integers(-(2**40), 2**40) if kind == pa.int64() else st.booleans()
    n = data.draw(st.integers(0, 30))
    at = sorted(data.draw(st.sets(st.integers(0, max(n - 1, 0)), max_size=n)) if n else [])
    values = data.draw(st.lists(st.none() | one, min_size=len(at), max_size=len(at)))
    every: list[Any] = [None] * n
    for i, v in zip(at, values, strict=True):
        every[i] = v
    _same(spread(values, np.array(at, dtype=np.int64), n, kind), column(every, kind))
