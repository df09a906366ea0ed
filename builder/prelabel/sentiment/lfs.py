"""Sentiment labeling functions: sentence-level negative / neutral / positive for news.

Three views of one analysis (scorer.py, computed once per sentence and cached):

- ``sentiment_lexicon``: VADER's lexicon with our news overrides and the negation, booster,
  contrast and quotation rules; votes when the compound score is clearly away from zero;
- ``sentiment_news_events``: only the news lexicon (casualties, arrests, criticism; rescues,
  agreements, wins), which is more precise on news than VADER's social-media lexicon;
- ``sentiment_neutral_procedure``: no sentiment word of any weight, and procedural cues
  (said, announced, will meet, committee): the neutral votes that outweigh a stray weak word.

Aggregation (aggregate_class) sums prior x score per class; "neutral" wins when nobody votes.
"""

from __future__ import annotations

from collections.abc import Sequence

from builder.memo import remember
from builder.model import LabelVote, Sentence, Vote
from builder.prelabel.lf import DocContext, labeling_function
from builder.prelabel.sentiment.lexicon import DATA_FILES, vader_lexicon_path
from builder.prelabel.sentiment.scorer import Analysis, analyse
from builder.prelabel.together import answer_together

DATA = (*DATA_FILES, vader_lexicon_path())

LEXICON_THRESHOLD = 0.2  # |compound| below this: too weak to call (VADER uses 0.05)
NEWS_THRESHOLD = 1.5  # one clear news word (valence >= 1.5) is enough
NEUTRAL_MAX = 0.9  # the strongest word contribution a neutral sentence may carry


def _polar(value: float) -> str:
    return "positive" if value > 0 else "negative"


# The votes, remembered by the value they are made from (bounded memos, builder/memo.py): a
# LabelVote and a round() to 4 places cost some 7 k instructions each, and the values recur
# (nine votes in ten on corpus/bbc, six in ten of its first thousand sentences). A vote is
# frozen, so one object serves every sentence that casts it; abstaining is one empty tuple.
_VOTES_MAX = 1 << 14
_LEXICON_VOTES: dict[float, Sequence[Vote]] = {}
_NEWS_VOTES: dict[float, Sequence[Vote]] = {}
_NEUTRAL_VOTES: dict[int, Sequence[Vote]] = {}
_NONE: Sequence[Vote] = ()


def _lexicon(a: Analysis) -> Sequence[Vote]:
    value = a.compound
    if abs(value) < LEXICON_THRESHOLD:
        return _NONE
    got = _LEXICON_VOTES.get(value)
    if got is None:
        vote = LabelVote(_polar(value), round(abs(value), 4), "sentiment_lexicon")
        got = remember(_LEXICON_VOTES, value, (vote,), _VOTES_MAX)
    return got


def _news_events(a: Analysis) -> Sequence[Vote]:
    value = a.news
    if abs(value) < NEWS_THRESHOLD:
        return _NONE
    got = _NEWS_VOTES.get(value)
    if got is None:
        score = min(1.0, 0.5 + abs(value) / 8)
        vote = LabelVote(_polar(value), round(score, 4), "sentiment_news_events")
        got = remember(_NEWS_VOTES, value, (vote,), _VOTES_MAX)
    return got


def _neutral_procedure(a: Analysis) -> Sequence[Vote]:
    # Abstain where the lexicon LF votes: a negated weak word ("no progress") is weak per
    # word but is the point of the sentence.
    if a.strongest > NEUTRAL_MAX or abs(a.compound) >= LEXICON_THRESHOLD or a.n_words < 4:
        return _NONE
    got = _NEUTRAL_VOTES.get(a.n_procedural)
    if got is None:
        score = min(1.0, 0.6 + 0.1 * a.n_procedural)
        vote = LabelVote("neutral", round(score, 4), "sentiment_neutral_procedure")
        got = remember(_NEUTRAL_VOTES, a.n_procedural, (vote,), _VOTES_MAX)
    return got


@labeling_function(
    "sentiment_lexicon",
    version=2,
    layer="sentiment",
    prior=0.6,
    data=DATA,
    description="VADER lexicon + news overrides with negation, boosters, contrast and quotes.",
)
def sentiment_lexicon(sentence: Sentence, ctx: DocContext) -> Sequence[Vote]:
    return _lexicon(analyse(sentence.text))


@labeling_function(
    "sentiment_news_events",
    version=2,
    layer="sentiment",
    prior=0.7,
    data=DATA,
    description=(
        "News-domain words only: violence, crime, criticism vs rescue, aid, agreement, wins."
    ),
)
def sentiment_news_events(sentence: Sentence, ctx: DocContext) -> Sequence[Vote]:
    return _news_events(analyse(sentence.text))


@labeling_function(
    "sentiment_neutral_procedure",
    version=2,
    layer="sentiment",
    prior=0.5,
    data=DATA,
    description=(
        "No word of clear polarity; procedural cues (said, announced, will meet) make it surer."
    ),
)
def sentiment_neutral_procedure(sentence: Sentence, ctx: DocContext) -> Sequence[Vote]:
    return _neutral_procedure(analyse(sentence.text))


def _together(sentence: Sentence, ctx: DocContext) -> Sequence[Sequence[Vote]]:
    """The three in the registry's order (by name), from one analysis (together.py): made
    here, not cached (no other heuristic asks for it)."""
    a = analyse.__wrapped__(sentence.text)
    return (_lexicon(a), _neutral_procedure(a), _news_events(a))


answer_together(
    [
        ("sentiment_lexicon", sentiment_lexicon),
        ("sentiment_neutral_procedure", sentiment_neutral_procedure),
        ("sentiment_news_events", sentiment_news_events),
    ],
    _together,
)
