"""One analysis of a sentence's attributions, shared by every claims labeling function.

Computed once per sentence and kept in the document state, with the state of a quotation that
runs on across sentences, so that no LF depends on which one analysed the sentence first.
"""

from __future__ import annotations

from dataclasses import dataclass

from builder.model import Sentence
from builder.prelabel.claims.extract import Attribution, find_attributions
from builder.prelabel.claims.quotes import NO_QUOTES, Quotes, find_quotes
from builder.prelabel.lf import DocContext

_STATE = "claims.analysis"  # (sentence id, Analysis) of the last sentence analysed
_OPEN = "claims.open_quote"  # True while a quotation runs on past the end of a sentence
_SPEAKER = "claims.quote_speaker"  # who speaks in the running quotation, when known


@dataclass(frozen=True, slots=True)
class Analysis:
    quotes: Quotes
    attributions: tuple[Attribution, ...]
    # The running quotation's speaker as it was when this sentence began (None if no quotation
    # was open): kept here so that no LF depends on which one analysed the sentence first.
    speaker_at_start: str | None = None


NOTHING = Analysis(NO_QUOTES, (), None)


def analyse(sentence: Sentence, ctx: DocContext) -> Analysis:
    """The sentence's attributions; advances the open-quotation state exactly once."""
    cached = ctx.state.get(_STATE)
    if cached is not None and cached[0] == sentence.id:
        result: Analysis = cached[1]
        return result
    was_open = bool(ctx.state.get(_OPEN, False))
    quotes = find_quotes(sentence.text, was_open)
    speaker = ctx.state.get(_SPEAKER) if was_open else None
    found = tuple(find_attributions(sentence.text, quotes))
    if found or speaker is not None or quotes is not NO_QUOTES:
        result = Analysis(quotes, found, speaker)
    else:
        result = NOTHING  # most sentences: the same record (issue 14)
    ctx.state[_OPEN] = quotes.open_at_end
    if quotes.open_at_end:
        # The speaker of a running quotation: named by the sentence that opened it ('He said:
        # "We ...'), or by an earlier one if the quotation runs on from there.
        opener = _speaker(sentence.text, result, quotes.regions[-1])
        ctx.state[_SPEAKER] = opener or (ctx.state.get(_SPEAKER) if was_open else None)
    ctx.state[_STATE] = (sentence.id, result)
    return result


def _speaker(text: str, analysis: Analysis, region: tuple[int, int]) -> str | None:
    for a in analysis.attributions:
        if a.source and a.content[1] >= region[0]:
            return text[a.source[0] : a.source[1]]
    return None
