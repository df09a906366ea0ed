"""The aggregation's short ways give what the long ways give: scores rounded through a memo
(``aggregate.rounded``), a sentence's one claim vote taken as its claim, the sentiment class
remembered (``class_choice.ClassChoice``: by what its votes say for sentiment, by their ids for
check-worthiness). The memo's answers are held to ``aggregate_class`` and the count of the
heuristics it overruled, computed again for every sentence (``reference``)."""

from __future__ import annotations

import functools
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from builder.model import ClaimVote, LabelVote, Span
from builder.prelabel.aggregate import ROUNDED, aggregate_claims, aggregate_class, rounded
from builder.prelabel.apply import Prelabeler
from builder.prelabel.class_choice import Answer, ClassChoice

offsets = st.integers(0, 200)
spans = st.builds(Span, offsets, offsets)
# Priors and scores as the labeler meets them, and the hostile ones (outside [0, 1], NaN).
weights = st.floats(0, 1) | st.floats(allow_nan=True, allow_infinity=True)
claim_votes = st.builds(
    ClaimVote,
    spans,
    st.none() | spans,
    st.none() | spans,
    st.booleans(),
    weights,
    st.text(max_size=3),
)


def _same_float(a: float, b: float) -> bool:
    """Equal to the bit: the sign of a zero, NaN for NaN (what the pre-labels' JSON shows)."""
    if math.isnan(a) or math.isnan(b):
        return math.isnan(a) and math.isnan(b)
    return type(a) is type(b) and a == b and math.copysign(1, a) == math.copysign(1, b)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.floats(allow_nan=True, allow_infinity=True) | st.sampled_from([0.0, -0.0])))
def test_rounded_is_round_whatever_came_before(xs: list[float]) -> None:
    """Asked twice (the second time from the memo, for most), after whatever the memo holds:
    0.0 after -0.0 and the other way round keep their signs."""
    for x in [*xs, *xs, *(-x for x in xs)]:
        assert _same_float(rounded(x), round(x, 4)), x


def test_rounded_keeps_no_zero_and_no_nan() -> None:
    for x in (0.0, -0.0, math.nan):
        rounded(x)
    assert not any(k == 0 or k != k for k in ROUNDED)


@settings(max_examples=500, deadline=None)
@given(claim_votes, st.dictionaries(st.text(max_size=3), weights, max_size=3))
def test_one_claim_vote_is_the_claim_the_groups_give(
    vote: ClaimVote, priors: dict[str, float]
) -> None:
    """A list of one vote takes the short way; any other iterable of it goes through the
    ordering and grouping of every sentence with several votes."""
    (short,), (long,) = aggregate_claims([vote], priors), aggregate_claims(iter([vote]), priors)
    parts = ("claim", "source", "cue", "direct", "heuristics")
    assert [getattr(short, p) for p in parts] == [getattr(long, p) for p in parts]
    assert _same_float(short.score, long.score)


def reference(
    votes: list[LabelVote], priors: dict[str, float], classes: tuple[str, ...], default: str
) -> Answer:
    """:func:`answer` the long way, as the labeler took it before: ``aggregate_class``, and the
    heuristics that voted for another class (``apply._overruled`` of then)."""
    chosen = aggregate_class(votes, priors, classes, default)
    overruled = len({v.lf for v in votes if v.label != chosen.label})
    return chosen.label, chosen.score, chosen.heuristics, overruled


@functools.cache
def _labeler() -> Prelabeler:
    return Prelabeler()


sentiment_names = st.sampled_from(["sentiment_lexicon", "sentiment_cue", "other", ""])
classes = st.sampled_from(["negative", "neutral", "positive", "other"])
said = st.floats(0, 1) | st.sampled_from([0.0, -0.0, 1.0]) | weights
sentiment_votes = st.lists(st.builds(LabelVote, classes, said, sentiment_names), max_size=4)


def _same_answer(got: Answer, want: Answer) -> None:
    assert (got[0], got[2], got[3]) == (want[0], want[2], want[3])
    assert _same_float(got[1], want[1])


@settings(max_examples=300, deadline=None)
@given(st.lists(sentiment_votes, max_size=8))
def test_remembered_sentiment_class_is_the_one_aggregated(sentences: list[list[LabelVote]]) -> None:
    """Sentence after sentence (sets of votes that say the same again, zero scores of
    either sign), the class from the memo is ``aggregate_class``'s, with its count."""
    labeler = _labeler()
    for votes in [*sentences, *sentences]:
        try:
            want = reference(votes, labeler.priors, labeler.sentiment_classes, "neutral")
        except KeyError:  # no weight on the default class and none above zero: as before
            with pytest.raises(KeyError):
                labeler._sentiment_class(votes)
            continue
        _same_answer(labeler._sentiment_class(votes), want)


check_names = st.sampled_from(["cw_threshold", "cw_figures", "cw_since", "cw_question", "x", ""])
check_classes = st.sampled_from(["yes", "no", "other"])
# A rule's vote is one object, voted again and again (claims/checkworthy.py).
check_pool = st.lists(st.builds(LabelVote, check_classes, said, check_names), min_size=1)


@settings(max_examples=300, deadline=None)
@given(
    check_pool.flatmap(
        lambda pool: st.tuples(
            st.just(pool), st.lists(st.lists(st.sampled_from(pool), max_size=6), max_size=8)
        )
    )
)
def test_remembered_check_class_is_the_one_aggregated(
    drawn: tuple[list[LabelVote], list[list[LabelVote]]],
) -> None:
    """The check-worthiness class remembered by the ids of the votes, sentences drawing
    from one pool of vote objects, is ``aggregate_class``'s, with its count."""
    labeler = Prelabeler()
    classes = labeler.check_classes
    _, sentences = drawn
    for votes in [*sentences, *sentences]:
        try:
            want = reference(votes, labeler.priors, classes, classes[0])
        except KeyError:
            with pytest.raises(KeyError):
                labeler._check_class(votes)
            continue
        _same_answer(labeler._check_class(votes), want)


def test_check_votes_of_one_heuristic_with_other_classes_are_told_apart() -> None:
    """Two vote objects of one heuristic that say other classes: remembered apart (a memo
    keyed by the heuristic alone would answer the first class twice)."""
    labeler = Prelabeler()
    yes, no = LabelVote("yes", 1.0, "cw_figures"), LabelVote("no", 1.0, "cw_figures")
    assert labeler._check_class([yes])[0] == "yes"
    assert labeler._check_class([no])[0] == "no"


def test_an_entry_keeps_its_votes_so_that_their_ids_are_not_taken() -> None:
    """Fresh vote objects each round, dropped after it: were an entry not to hold its votes,
    a new vote could take a freed id and be answered with the old vote's class."""
    choice = ClassChoice({"r": 1.0}, ("yes", "no"), "yes", id)
    for i in range(200):
        label = ("yes", "no")[i % 2]
        assert choice([LabelVote(label, 1.0, "r")])[0] == label
