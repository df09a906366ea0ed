"""The votes of the claims heuristics that vote for the attributions of their kinds: each an
attribution of the shared analysis (``analysis.py``) whose kind it owns, in their order.

``KINDS`` says which heuristic owns which kinds; ``votes_of`` gives one heuristic's votes
(its call alone, ``lfs.py``), ``votes_by_name`` every owner's in one pass over the
attributions (the family's call, ``family.py``): the same votes, in the same order.
"""

from __future__ import annotations

from collections.abc import Sequence

from builder.model import ClaimVote, Span, Vote
from builder.prelabel.claims.attribution import Attribution
from builder.prelabel.claims.source import reader

KINDS: dict[str, frozenset[str]] = {
    "claim_according_to": frozenset(["according"]),
    "claim_colon_speaker": frozenset(["colon"]),
    "claim_dash_signoff": frozenset(["signoff"]),
    "claim_passive_agent": frozenset(["passive"]),
    "claim_reported_speech": frozenset(["leading"]),
    "claim_trailing_attribution": frozenset(["trailing", "inverted"]),
}
_OWNER = {kind: lf for lf, kinds in KINDS.items() for kind in kinds}


def _vote(text: str, a: Attribution, lf: str) -> Vote | None:
    if a.source and reader(text, a.source):
        return None  # v7 (shared analysis): "Can you imagine ...": the writer to the reader
    source = Span(*a.source) if a.source else None
    # A pronoun source is right but says less; a direct quote is the surest content.
    score = 0.9 if a.direct else 0.8
    return ClaimVote(Span(*a.content), source, Span(*a.cue), a.direct, score, lf)


def votes_of(text: str, attributions: Sequence[Attribution], lf: str) -> list[Vote]:
    """The votes of the heuristic ``lf`` (a key of ``KINDS``)."""
    kinds = KINDS[lf]
    return [
        vote for a in attributions if a.kind in kinds and (vote := _vote(text, a, lf)) is not None
    ]


def votes_by_name(text: str, attributions: Sequence[Attribution]) -> dict[str, list[Vote]]:
    """The votes of each heuristic of ``KINDS`` that has any, by name: ``votes_of`` of each."""
    out: dict[str, list[Vote]] = {}
    for a in attributions:
        lf = _OWNER.get(a.kind)
        if lf is not None and (vote := _vote(text, a, lf)) is not None:
            out.setdefault(lf, []).append(vote)
    return out
