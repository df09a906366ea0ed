"""The claims heuristics answered together (issue 14): one call gives every claims
heuristic's votes, in the registry's order, from the sentence's analysis looked up once.

Alone, each of the ten heuristics looked the shared analysis up (``analysis.analyse``), and
the six that vote for the attributions of their kinds each went over every attribution
(``kinds.py``). Here the analysis is looked up once and the attributions are gone over once;
each heuristic stays registered and callable alone, with the same votes (``together.py``):
a set that leaves one out or replaces one calls them one by one.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from builder.model import Sentence, Vote

# lfs: imported for the heuristics it registers, which ``_register`` reads.
from builder.prelabel.claims import chained, fallback, lfs, own_votes  # noqa: F401
from builder.prelabel.claims.analysis import NOTHING, Analysis, analyse
from builder.prelabel.claims.kinds import KINDS, votes_by_name
from builder.prelabel.lf import DocContext, registered
from builder.prelabel.together import answer_together

# The heuristics that are no owner of kinds, each by the body of its call. Bound at import:
# a body replaced later in its module (a test's monkeypatch) reaches the heuristic called
# alone, not this call.
Body = Callable[[Sentence, Analysis], Sequence[Vote]]
BODIES: dict[str, Body] = {
    "claim_chained_cue": chained.chained_cue,
    "claim_cue_fallback": fallback.cue_fallback,
    "claim_fronted_participle": own_votes.fronted_votes,
    "claim_quote_continuation": own_votes.continuation,
}
_NONE: Sequence[Vote] = ()
# Each member's name and body (None: an owner of kinds), in the registry's order.
_PLAN: list[tuple[str, Body | None]] = []


# Where each body's votes go in the answer, and each owner of kinds by name (made with the
# plan): the answer starts as no votes everywhere and only the bodies, and in a sentence with
# attributions the owners that have votes, fill their places (issue 14, tenth session: a
# look-up and a test a member cost as much as the bodies' calls on most sentences).
_BODIES: list[tuple[int, Body]] = []
# The bodies that may vote where the analysis found nothing (``analysis.NOTHING``: no
# attribution, no quotation, no running speaker): the chained cue needs an attribution, the
# continuation a speaker (test_claims_family.py).
NEED_FOUND = frozenset(["claim_chained_cue", "claim_quote_continuation"])
_BODIES_IF_NOTHING: list[tuple[int, Body]] = []
_OWNERS: dict[str, int] = {}


def _together(sentence: Sentence, ctx: DocContext) -> Sequence[Sequence[Vote]]:
    """What each claims heuristic votes on ``sentence``, in the registry's order."""
    analysis = analyse(sentence, ctx)
    out = [_NONE] * len(_PLAN)
    for at, body in _BODIES if analysis is not NOTHING else _BODIES_IF_NOTHING:
        out[at] = body(sentence, analysis)
    if analysis.attributions:
        for name, votes in votes_by_name(sentence.text, analysis.attributions).items():
            if (k := _OWNERS.get(name)) is not None:  # (an owner outside the plan: unasked)
                out[k] = votes
    return out


def _register() -> None:
    """Register the family's call with every claims heuristic as its members, if each is an
    owner of kinds or has a body here; else each is called alone. Called once, below: the
    module runs once (a reload makes a new ``_PLAN`` and a new call)."""
    members = sorted((lf.name, lf.fn) for lf in registered() if lf.layer == "claims")
    if not all(name in KINDS or name in BODIES for name, _ in members):
        return
    _PLAN.extend((name, BODIES.get(name)) for name, _ in members)
    _BODIES.extend((k, body) for k, (_, body) in enumerate(_PLAN) if body is not None)
    _BODIES_IF_NOTHING.extend((k, body) for k, body in _BODIES if _PLAN[k][0] not in NEED_FOUND)
    _OWNERS.update((name, k) for k, (name, body) in enumerate(_PLAN) if body is None)
    answer_together(members, _together)


_register()
