"""The one-line baselines every pre-label layer must beat (issue 13), as labeling functions.

Each is a ``LabelingFunction`` that is *not* registered (``builder prelabel`` never runs it):
the benches run it through the same ``Prelabeler``, aggregation and scorers as the heuristics,
so that a baseline and the heuristics are scored by the same code.

- sentiment: VADER's compound score, >= 0.05 positive, <= -0.05 negative, else neutral;
- check-worthiness: "the sentence contains a digit or a number word";
- attribution: the regex said/says/told/according to as the cue; the source the nearest
  capitalised word run or pronoun next to it (before "said", after "said X" and "according
  to"), the content the longer rest of the sentence on the other side.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import cache

from builder.model import ClaimVote, LabelVote, Sentence, Span, Vote
from builder.prelabel.lf import DocContext, LabelingFunction, Layer

# The cardinal number words, "percent" and "dozen": the baseline's "number word".
NUMBER_WORDS = (
    "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
    "sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|"
    "hundred|thousand|million|billion|trillion|dozen|percent"
)
_NUMBER = re.compile(r"\d|\b(?:" + NUMBER_WORDS + r")\b", re.IGNORECASE)
_CUE = re.compile(r"\b(?:said|says|told|according to)\b", re.IGNORECASE)
_PRONOUN = r"(?:[Hh]e|[Ss]he|[Tt]hey|I|[Ww]e|[Ii]t)"
_NAME = r"(?:[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*)"
_BEFORE = re.compile(r"(" + _PRONOUN + r"|" + _NAME + r")\s*[,]?\s*$")
_AFTER = re.compile(r"^\s*(" + _PRONOUN + r"|" + _NAME + r")\b")
_TRIM = " \t\n,.;:\"'“”‘’"


def _lf(
    name: str, layer: Layer, fn: Callable[[Sentence, DocContext], Sequence[Vote]]
) -> LabelingFunction:
    return LabelingFunction(name, 1, layer, fn, (fn.__doc__ or "").strip(), 1.0)


@cache
def _vader() -> Callable[[str], float]:
    # Imported on first use: only the sentiment baseline needs VADER's (slow, untyped) analyzer.
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    sia = SentimentIntensityAnalyzer()
    return lambda text: float(sia.polarity_scores(text)["compound"])


def vader_class(text: str) -> str:
    c = _vader()(text)
    return "positive" if c >= 0.05 else "negative" if c <= -0.05 else "neutral"


def _sentiment(sentence: Sentence, ctx: DocContext) -> list[Vote]:
    """VADER compound, +-0.05 thresholds."""
    return [LabelVote(vader_class(sentence.text), 1.0, "baseline_vader")]


def _check_worthy(sentence: Sentence, ctx: DocContext) -> list[Vote]:
    """'yes' when the sentence contains a digit or a number word."""
    label = "yes" if _NUMBER.search(sentence.text) else "no"
    return [LabelVote(label, 1.0, "baseline_number")]


def _trimmed(text: str, start: int, end: int) -> Span | None:
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and text[end - 1] in _TRIM:
        end -= 1
    return Span(start, end) if start < end else None


def _claims(sentence: Sentence, ctx: DocContext) -> list[Vote]:
    """The regex said/says/told/according to; the nearest name or pronoun as the source."""
    text = sentence.text
    votes: list[Vote] = []
    for m in _CUE.finditer(text):
        source: Span | None = None
        after = _AFTER.match(text[m.end() :])
        before = _BEFORE.search(text[: m.start()])
        if m.group().lower() != "according to" and before:
            source = Span(before.start(1), before.end(1))
        elif after:
            source = Span(m.end() + after.start(1), m.end() + after.end(1))
        lo = min(m.start(), source.start if source else m.start())
        hi = max(m.end(), source.end if source else m.end())
        left, right = _trimmed(text, 0, lo), _trimmed(text, hi, len(text))
        sides = [s for s in (left, right) if s is not None]
        if not sides:
            continue
        content = max(sides, key=lambda s: (s.end - s.start, -s.start))
        votes.append(
            ClaimVote(content, source, Span(m.start(), m.end()), False, 1.0, "baseline_cue")
        )
    return votes


BASELINES: dict[str, LabelingFunction] = {
    "sentiment": _lf("baseline_vader", "sentiment", _sentiment),
    "check_worthy": _lf("baseline_number", "check_worthy", _check_worthy),
    "claims": _lf("baseline_cue", "claims", _claims),
}
