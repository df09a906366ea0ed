"""Maximum matching of spans: as many pairs as possible, whatever the order or direction."""

from __future__ import annotations

import itertools
import random
from collections.abc import Sequence

from hypothesis import given, settings
from hypothesis import strategies as st

from builder.metrics.matching import (
    LabelledSpan,
    Match,
    matched_per_label,
    max_matching,
    overlap,
)

spans = st.lists(
    st.tuples(st.integers(0, 20), st.integers(1, 8), st.sampled_from(["PERSON", "ORG"])).map(
        lambda t: (t[0], t[0] + t[1], t[2])
    ),
    max_size=6,
)


def _brute_force(left: Sequence[LabelledSpan], right: Sequence[LabelledSpan]) -> int:
    """Try every assignment of left spans to distinct right spans (or to nothing)."""
    best = 0
    options = [None, *range(len(right))]
    for choice in itertools.product(options, repeat=len(left)):
        used = [j for j in choice if j is not None]
        if len(used) != len(set(used)):
            continue
        if all(
            j is None or (left[i][2] == right[j][2] and overlap(left[i][:2], right[j][:2]))
            for i, j in enumerate(choice)
        ):
            best = max(best, len(used))
    return best


def test_a_greedy_first_fit_would_miss_a_pair() -> None:
    # (0,10) can take either span of the other side; (3,5) only the first. First-fit in
    # this order pairs (0,10) with (0,5) and leaves (6,8) alone: 1 pair instead of 2.
    a = [(0, 10, "PERSON"), (3, 5, "PERSON")]
    b = [(0, 5, "PERSON"), (6, 8, "PERSON")]
    for left, right in ((a, b), (b, a), (a[::-1], b), (a, b[::-1])):
        assert matched_per_label(left, right, Match.overlap) == {"PERSON": 2}


def test_exact_matching_counts_repeated_spans_once_per_copy() -> None:
    a = [(0, 4, "ORG"), (0, 4, "ORG"), (5, 9, "ORG")]
    b = [(0, 4, "ORG"), (5, 9, "PERSON")]
    assert matched_per_label(a, b, Match.exact) == {"ORG": 1}
    assert matched_per_label(a, b, Match.overlap) == {"ORG": 1}


def test_spans_that_only_touch_do_not_overlap() -> None:
    assert not overlap((0, 4), (4, 8))
    assert overlap((0, 5), (4, 8))


@settings(deadline=None)  # brute force over small sets: slow on a loaded machine
@given(spans, spans)
def test_maximum_matching_is_maximum(a: list[LabelledSpan], b: list[LabelledSpan]) -> None:
    found = max_matching(a, b, lambda x, y: x[2] == y[2] and overlap(x[:2], y[:2]))
    assert found == _brute_force(a, b)


@given(spans, spans, st.randoms(use_true_random=False))
def test_matching_is_symmetric_and_order_free(
    a: list[LabelledSpan], b: list[LabelledSpan], rnd: random.Random
) -> None:
    shuffled_a, shuffled_b = list(a), list(b)
    rnd.shuffle(shuffled_a)
    rnd.shuffle(shuffled_b)
    for match in Match:
        expected = matched_per_label(a, b, match)
        assert matched_per_label(b, a, match) == expected
        assert matched_per_label(shuffled_a, shuffled_b, match) == expected


@given(spans, spans)
def test_overlap_matches_at_least_what_exact_matches(
    a: list[LabelledSpan], b: list[LabelledSpan]
) -> None:
    exact, overlapping = (
        matched_per_label(a, b, Match.exact),
        matched_per_label(a, b, Match.overlap),
    )
    assert all(overlapping[label] >= n for label, n in exact.items())
