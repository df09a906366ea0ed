"""The claims heuristics answered together (``claims/family.py``; issue 14) vote what each
heuristic alone gives, sentence after sentence of a document (the analysis carries a running
quotation and its speaker from one sentence to the next)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from builder.prelabel.claims import family
from builder.prelabel.claims.kinds import KINDS
from builder.prelabel.lf import registered
from builder.prelabel.together import Members, Together, runs
from tests.prelabel.test_together import _document, answered, each_alone

# Invented sentences, one of each kind of attribution, a quotation running over three.
TEXTS = [
    "The mayor said the levy would rise, adding that schools would gain.",
    '"We will not back down," Ann Roe, a farmer, told Radio Leeds on Monday.',
    'She said: "The plan is a disaster for the valley.',
    "It will cost every family more than it saves.",
    'Nobody asked us," she added.',
    "According to the report, prices rose 3% in March.",
    "PENCE: Well, look, we have said this many times before.",
    "The bill was endorsed by dozens of papers across the state.",
    "Citing a new poll, the senator urged voters to stay home.",
    '"This is not the end."― Carla Sanchez',
    "Prices have reportedly dropped, and analysts warned of a slump.",
    "Many farmers see the levy as a tax on their land.",
    "Can you imagine what the council said?",
    "Thank you.",
]


def _claims_run() -> tuple[Members, Together]:
    """The family's call and its members: every registered claims heuristic, by name."""
    members = sorted((lf.name, lf.fn) for lf in registered() if lf.layer == "claims")
    found = [(m, call) for m, call in runs() if list(m) == members]
    assert len(found) == 1  # the family's call, registered with the ten heuristics
    return found[0]


def test_every_claims_heuristic_is_a_member_with_its_kinds_or_its_body() -> None:
    names = {name for name, _ in _claims_run()[0]}
    assert names == set(KINDS) | set(family.BODIES)
    assert not set(KINDS) & set(family.BODIES)


def test_the_family_votes_what_each_heuristic_alone_votes_on_a_document() -> None:
    sentences = _document(TEXTS)
    members, call = _claims_run()
    together = answered(call, sentences)
    assert together == each_alone(members, sentences)
    # The document exercises the kinds and the bodies: most heuristics vote somewhere.
    voting = {k for votes in together for k, v in enumerate(votes) if v}
    assert len(voting) >= 8


_PIECES = [
    *TEXTS,
    *('"', "“", "”", "''", ",", ":", "—", " by ", "according to", "said", "told", "adding"),
    *("reportedly", "see", "as", "Citing", "the mayor", "Ann Roe", "you", "PENCE:", "and"),
]


@settings(deadline=None, max_examples=80)
@given(st.lists(st.lists(st.sampled_from(_PIECES), max_size=6).map(" ".join), max_size=6))
def test_the_family_votes_what_each_heuristic_alone_votes_on_any_document(
    texts: list[str],
) -> None:
    sentences = _document([t for t in texts if t])
    members, call = _claims_run()
    assert answered(call, sentences) == each_alone(members, sentences)
