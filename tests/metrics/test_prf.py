"""Span scoring: overlap matching is a maximum matching, whatever the order of the spans."""

from __future__ import annotations

import random

from hypothesis import given
from hypothesis import strategies as st

from builder.metrics.matching import Match
from builder.metrics.prf import SpanKey, span_prf

spans = st.lists(
    st.tuples(
        st.sampled_from(["t1", "t2"]),
        st.integers(0, 30),
        st.integers(1, 8),
        st.sampled_from(["PERSON", "ORG"]),
    ).map(lambda t: (t[0], t[1], t[1] + t[2], t[3])),
    max_size=8,
)


def test_overlapping_gold_spans_are_each_matched_once() -> None:
    # A greedy pass gives the first prediction to the long gold span and leaves the second
    # one without partner: overlap tp 1, below the exact tp.
    gold = [("t", 0, 10, "ORG"), ("t", 0, 3, "ORG")]
    pred = [("t", 0, 3, "ORG"), ("t", 2, 9, "ORG")]
    assert span_prf(gold, pred, Match.exact)["micro"].tp == 1
    assert span_prf(gold, pred, Match.overlap)["micro"].tp == 2
    assert span_prf(gold, pred, Match.overlap)["ORG"].tp == 2


def test_a_repeated_span_matches_as_often_as_it_is_given_on_both_sides() -> None:
    gold = [("t", 0, 3, "ORG")] * 2
    assert span_prf(gold, gold[:1], Match.overlap)["micro"].tp == 1
    assert span_prf(gold, gold, Match.overlap)["micro"].tp == 2


@given(spans, spans, st.randoms(use_true_random=False))
def test_overlap_matching_is_a_maximum_matching(
    gold: list[SpanKey], pred: list[SpanKey], rnd: random.Random
) -> None:
    overlap = span_prf(gold, pred, Match.overlap)
    exact = span_prf(gold, pred, Match.exact)
    assert exact["micro"].tp <= overlap["micro"].tp <= min(len(gold), len(pred))
    # Neither the order of the spans nor which side is gold changes the count.
    shuffled_gold, shuffled_pred = gold[:], pred[:]
    rnd.shuffle(shuffled_gold)
    rnd.shuffle(shuffled_pred)
    assert span_prf(shuffled_gold, shuffled_pred, Match.overlap) == overlap
    assert span_prf(pred, gold, Match.overlap)["micro"].tp == overlap["micro"].tp
    for label, prf in overlap.items():
        if label != "micro":
            assert exact[label].tp <= prf.tp <= min(prf.n_gold, prf.n_pred)
