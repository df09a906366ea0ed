"""Precision of the claims pre-labels (issue 13, the precision pass): forms the cue fallback
took for a cue that are no attribution, as golden cases (cue, source, claim, direct) written for
the test, the offsets of every part checked, and a property check over sentences built from the
words these rules read."""

from __future__ import annotations

import pytest
from hypothesis import given, settings

from tests.prelabel.test_claims import Claim, assert_parts_hold, claims_of
from tests.text_strategies import sentences_of

GOLDEN: list[tuple[str, list[Claim]]] = [
    # An -s form after words that open no noun phrase is a plural noun, not a verb after its
    # subject: "hard-line views", "peace talks", "electoral votes".
    ("He has long embraced hard-line views on housing.", []),
    ("Negotiators resumed the stalled peace talks in Oslo.", []),
    ("She would have enough council seats to win outright.", []),
    # ... but after a name, a determiner or a pronoun it is the verb of its subject.
    (
        "The mayor opposes the new levy on farms.",
        [("opposes", "The mayor", "the new levy on farms", False)],
    ),
    (
        "Ms. Hale wants the council to vote again.",
        [("wants", "Ms. Hale", "the council to vote again", False)],
    ),
    (
        "She believes the bridge is unsafe.",
        [("believes", "She", "the bridge is unsafe", False)],
    ),
    # A verb of speaking names no content but with a topic.
    ("The senator spoke to reporters on the steps of the courthouse.", []),
    ("A farmer, who spoke on condition of anonymity, left early.", []),
    ("As the mayor spoke, the crowd grew restless.", []),
    ("The mayor spoke on behalf of the council at the opening.", []),
    (
        "The mayor spoke warmly of the farmers at the fair.",
        [("spoke", "The mayor", "warmly of the farmers at the fair", False)],
    ),
    (
        "Ms. Hale talked openly about the flooding.",
        [("talked", "Ms. Hale", "openly about the flooding", False)],
    ),
    (
        "The bishop spoke out against the levy.",
        [("spoke", "The bishop", "out against the levy", False)],
    ),
    # A colon after a credit, a notice or a verb form names no speaker, and a label's value of
    # fewer than four words is no one's words.
    ("Contributing: Ann Lee and Tom Hale of the Gazette.", []),
    ("Editor's Note: This story was updated on Friday.", []),
    ("Revealed: The farms the council sold last year.", []),
    ("Hale: A clear win.", []),
    (
        "Hale: The levy will pass this year.",
        [(":", "Hale", "The levy will pass this year", False)],
    ),
    # A verb of saying inside a set phrase reports no one's words.
    ("Cutting the levy is easier said than done.", []),
    ("That said, the council will meet again in May.", []),
    ("All told, the farms lost a third of their crop.", []),
    ("It goes without saying that the bridge needs repairs.", []),
    ("Prices could fall to, say, ten dollars a ton.", []),
    ("Enough said.", []),
    # ... but the same words in a clause of their own are speech.
    (
        "The farmers all told the mayor that prices would fall.",
        [("told", "The farmers", "that prices would fall", False)],
    ),
    (
        "Mayor Hale: Farmers deserve a fair price.",
        [(":", "Mayor Hale", "Farmers deserve a fair price", False)],
    ),
]


@pytest.mark.parametrize(("text", "expected"), GOLDEN)
def test_precision_golden(text: str, expected: list[Claim]) -> None:
    assert claims_of(text) == expected


@pytest.mark.parametrize("text", [t for t, _ in GOLDEN])
def test_precision_offsets(text: str) -> None:
    assert_parts_hold(text)


@pytest.mark.parametrize(
    "text",
    [
        "Games could be educational, says research.",
        "Tractors could be cheaper, argues research.",
    ],
)
def test_a_verb_that_is_never_a_noun_stays_a_cue_after_any_words(text: str) -> None:
    # "says", "argues" are never plural nouns, whatever words come before them.
    assert [cue for cue, _, _, _ in claims_of(text)] == [text.split()[-2]]


@settings(max_examples=300, deadline=None)
@given(
    sentences_of(
        *("The", "mayor", "spoke", "talked", "to", "of", "about", "out", "on", "behalf"),
        *("condition", ",", "views", "votes", "wants", "hard-line", "enough", "she", "talks"),
        *("embraced", "said", "that", "the", "levy", "speaks", '"', ".", ":", "Revealed"),
        *("Contributing", "Hale", "BYLINE", "That", "easier", "than", "All", "told", "say"),
    )
)
def test_every_part_is_the_text_at_its_offsets(text: str) -> None:
    assert_parts_hold(text)
