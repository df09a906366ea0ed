"""The sentiment votes remembered by the value they are made from (issue 14): each view votes
what it voted when it made a new vote a sentence (the functions before, kept here as the
reference), on any analysis, asked once or again, with a memo full or emptied."""

from __future__ import annotations

from collections.abc import Sequence

from hypothesis import example, given
from hypothesis import strategies as st

from builder.model import LabelVote, Vote
from builder.prelabel.sentiment import lfs
from builder.prelabel.sentiment.scorer import Analysis


def _polar(value: float) -> str:
    return "positive" if value > 0 else "negative"


def reference_lexicon(a: Analysis) -> Sequence[Vote]:
    if abs(a.compound) < lfs.LEXICON_THRESHOLD:
        return []
    return [LabelVote(_polar(a.compound), round(abs(a.compound), 4), "sentiment_lexicon")]


def reference_news_events(a: Analysis) -> Sequence[Vote]:
    if abs(a.news) < lfs.NEWS_THRESHOLD:
        return []
    score = min(1.0, 0.5 + abs(a.news) / 8)
    return [LabelVote(_polar(a.news), round(score, 4), "sentiment_news_events")]


def reference_neutral_procedure(a: Analysis) -> Sequence[Vote]:
    if a.strongest > lfs.NEUTRAL_MAX or abs(a.compound) >= lfs.LEXICON_THRESHOLD or a.n_words < 4:
        return []
    score = min(1.0, 0.6 + 0.1 * a.n_procedural)
    return [LabelVote("neutral", round(score, 4), "sentiment_neutral_procedure")]


# Values near the thresholds and the rounding's halves, besides any float in range.
values = st.floats(-1.0, 1.0) | st.sampled_from([0.2, -0.2, 0.19999, 0.03125, -0.0, 0.0, 0.99995])
news = st.floats(-12.0, 12.0) | st.sampled_from([1.5, -1.5, 1.49999, 4.0, 0.0])
analyses = st.builds(
    Analysis,
    values,
    st.floats(-9.0, 9.0),
    news,
    st.floats(-9.0, 9.0),
    st.floats(0.0, 3.0) | st.sampled_from([0.9, 0.90001]),
    st.integers(0, 9),
    st.integers(0, 12),
    st.integers(0, 40),
)


def _same(a: Analysis) -> None:
    assert list(lfs._lexicon(a)) == reference_lexicon(a)
    assert list(lfs._news_events(a)) == reference_news_events(a)
    assert list(lfs._neutral_procedure(a)) == reference_neutral_procedure(a)


@example(Analysis(0.5, 1.0, 2.0, 0.0, 2.0, 1, 0, 8), False)
@example(Analysis(-0.0, 0.0, 0.0, 0.0, 0.0, 0, 2, 6), True)
@given(analyses, st.booleans())
def test_the_votes_are_those_made_anew(a: Analysis, empty: bool) -> None:
    if empty:
        for memo in (lfs._LEXICON_VOTES, lfs._NEWS_VOTES, lfs._NEUTRAL_VOTES):
            memo.clear()
    _same(a)
    _same(a)  # now remembered


def test_a_vote_is_made_once_for_its_value() -> None:
    a = Analysis(-0.61, -2.0, -2.0, -2.0, 2.0, 1, 0, 9)
    assert lfs._lexicon(a) is lfs._lexicon(a._replace(n_words=12))
    assert lfs._lexicon(a)[0] == LabelVote("negative", 0.61, "sentiment_lexicon")


def test_close_values_keep_votes_of_their_own() -> None:
    """A memo keyed coarser than the value (rounded, or a count capped) would hand one value's
    vote to its neighbour: asked in a row, without clearing."""
    for compound in (-0.612, -0.614, 0.612, 0.6121):
        a = Analysis(compound, -2.0, -2.0, -2.0, 2.0, 1, 0, 9)
        assert list(lfs._lexicon(a)) == reference_lexicon(a)
    for news in (2.0, 2.01, 6.0, 6.5):
        a = Analysis(0.0, news, news, 0.0, 0.5, 1, 0, 9)
        assert list(lfs._news_events(a)) == reference_news_events(a)
    for n_procedural in (1, 2, 3, 4, 5):
        a = Analysis(0.0, 0.0, 0.0, 0.0, 0.1, 0, n_procedural, 9)
        assert list(lfs._neutral_procedure(a)) == reference_neutral_procedure(a)
