"""The claims heuristics that build their votes from the shared analysis in their own way, not
by the attribution kinds they own (``kinds.votes_of``): a quotation continued from an earlier
sentence, and a fronted participle ("Citing a new poll, the mayor said")."""

from __future__ import annotations

from collections.abc import Sequence

from builder.model import ClaimVote, Sentence, Span, Vote
from builder.prelabel.claims.analysis import Analysis, analyse
from builder.prelabel.claims.extract import trim
from builder.prelabel.claims.fronted import fronted
from builder.prelabel.claims.lexicon import CUES_FILE
from builder.prelabel.lf import DocContext, labeling_function


# v4: the shared analysis finds dash sign-offs ("”― Carla Sanchez"), so a quotation signed
# that way is the sign-off's content, not a continuation.
# v5: '' is a quotation mark too (the shared analysis). v6: the analysis of v9 above.
# v7: that of v16 above.
# Two passes branched from the version before; on their branches:
# precision pass v8: the shared analysis of claim_reported_speech v20 (set phrases,
# colon speakers).
# recall pass:
# v8: the analysis of claim_reported_speech v20 (new cues in cues.yaml).
# v9: the analysis of claim_reported_speech v23.
# v10: the analysis of claim_reported_speech v24.
# v11: both passes merged (the precision pass's v8 and the recall pass's v10).
# v12: the analysis of claim_reported_speech v36 ("is calling for": its subject no content).
# v13: that of v37 (a quotation after "went on to warn:" continues in the next sentence).
@labeling_function(
    "claim_quote_continuation",
    version=15,
    layer="claims",
    prior=0.5,
    description=(
        "A sentence inside a quotation opened by an earlier sentence, with no cue of its own."
    ),
)
def claim_quote_continuation(sentence: Sentence, ctx: DocContext) -> Sequence[Vote]:
    """Its source and cue are in another sentence, which a sentence-relative span cannot point to:
    the vote carries the quoted words only, so that the annotator links them.
    """
    return continuation(sentence, analyse(sentence, ctx))


def continuation(sentence: Sentence, analysis: Analysis) -> list[Vote]:
    """``claim_quote_continuation``'s votes on ``sentence``, of its ``analysis``."""
    speaker = analysis.speaker_at_start
    if not speaker or not analysis.quotes.continued or not analysis.quotes.regions:
        return []  # without a known speaker, a quotation is no attribution yet
    start, end = analysis.quotes.regions[0]
    if any(a.content[0] < end and start < a.content[1] for a in analysis.attributions):
        return []  # the closing sentence names its speaker: the cue LFs vote for it
    span = trim(sentence.text, start, end)
    if span is None:
        return []
    return [ClaimVote(Span(*span), None, None, True, 0.7, "claim_quote_continuation")]


# v1 (issue 13, seventh pass): "Citing a new poll, the mayor said ..."; "Asked about X, the
# mayor said": a passive, with no source. v2: the sentence subject of claim_reported_speech v12
# ("Citing X, shares dropped and the company said": the company, as after "shares fell").
# v3: that of v13 ("Noting the risk, the firm opened offices": "the firm"). v4: that of v14
# ("Citing costs, the company reports losses": "the company", not "the company reports").
# v5: that of v15 (a determiner the subject pattern took alone runs on to its noun).
# v6: that of v16 (past an opening phrase or a name's apposition: "Citing X, Dean, a doctor,").
# v7: that of v18 (more irregular pasts end the subject: "Citing X, the party left Y").
# Two passes branched from the version before; on their branches:
# precision pass v8: the shared analysis of claim_reported_speech v20 (set phrases,
# colon speakers).
# recall pass:
# v8: the new cues of claim_reported_speech v21 ("Stating X, the mayor"). v9, v10: v24, v26.
# v11: both passes merged (the precision pass's v8 and the recall pass's v10).
# v12 (issue 13, the train gap): the sources of claim_reported_speech v38 ("Responding to X,
# the bank - itself a target - said": the bank).
# v15: the cues of claim_reported_speech v45 (no "as" of time kept as a particle).
# v16: the cues of claim_reported_speech v46.
@labeling_function(
    "claim_fronted_participle",
    version=16,
    layer="claims",
    prior=0.6,
    data=[CUES_FILE],
    description=(
        "'Citing a new poll, the mayor ...': the participle, its object and the main subject."
    ),
)
def claim_fronted_participle(sentence: Sentence, ctx: DocContext) -> Sequence[Vote]:
    return fronted_votes(sentence, analyse(sentence, ctx))


def fronted_votes(sentence: Sentence, analysis: Analysis) -> list[Vote]:
    """``claim_fronted_participle``'s votes on ``sentence``, of its ``analysis``."""
    text = sentence.text
    found = fronted(text, analysis.attributions)
    if found is None:
        return []
    cue, source, content = found
    said = Span(*source) if source else None
    return [ClaimVote(Span(*content), said, Span(*cue), False, 0.6, "claim_fronted_participle")]
