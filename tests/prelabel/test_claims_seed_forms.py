"""Forms the first user's documents (a wire report and a live page on a war) showed wrong:
a quotation closed before its attribution is not resumed by the words after it ('she told
me, eyes filling up'), "US" after a cue is no object pronoun, a verb before "into" or
"appeared" before "behind" is a movement, not a stance ("blasted into ruins", "called into
the squad", "appeared behind the presenter"), and "does not rule out" keeps its particle;
"ruled out of the match" and "cannot be confirmed" are no cues (twelfth session).
Golden cases written for the test, with the offsets of every part checked."""

from __future__ import annotations

import pytest
from hypothesis import given, settings

from tests.prelabel.test_claims import Claim, assert_parts_hold, claims_of
from tests.text_strategies import sentences_of

GOLDEN: list[tuple[str, list[Claim]]] = [
    (
        '"I rarely cry, but this is awful," she told me, eyes filling up.',
        [("told", "she", '"I rarely cry, but this is awful,"', True)],
    ),
    # A clause the attribution interrupts still resumes, quoted or not.
    (
        "The latest launch, the ferry company said, was its busiest yet.",
        [
            (
                "said",
                "the ferry company",
                "The latest launch, the ferry company said, was its busiest yet",
                False,
            )
        ],
    ),
    (
        'Drivers must learn "safe habits" he says, such as locking the doors.',
        [
            (
                "says",
                "he",
                'Drivers must learn "safe habits" he says, such as locking the doors',
                False,
            )
        ],
    ),
    (
        "He also says US and EU officials were wrong about the fees.",
        [("also says", "He", "US and EU officials were wrong about the fees", False)],
    ),
    (
        "He told us the fees were wrong.",
        [("told", "He", "the fees were wrong", False)],
    ),
    # "out" is the cue's after "rule": the content starts after it.
    (
        "The harbour board did not rule out a fee rise.",
        [("did not rule out", "The harbour board", "a fee rise", False)],
    ),
    ("Whole streets of the harbour town have been blasted into rubble.", []),
    # A voice speaks into a microphone; "called into question" is a stance.
    (
        "The skipper said into the microphone that the fees were rigged.",
        [("said", "The skipper", "into the microphone that the fees were rigged", False)],
    ),
    (
        "The senator called into question the harbour figures.",
        [("called", "The senator", "into question the harbour figures", False)],
    ),
    ("The winger was called into the squad on Sunday night.", []),
    ("A protester appeared behind the presenter on the evening news.", []),
    # claim_cue_fallback v47: "ruled out" before a preposition has no object; what is ruled
    # out (a player, a try) is its subject, and no one's stance.
    ("The winger has been ruled out of the cup final with a torn hamstring.", []),
    ("The home side's late try was ruled out for a knock-on.", []),
    ("With their keeper ruled out until March, the club signed a loan player.", []),
    (
        "The harbour board has ruled out any rise in fees.",
        [("has ruled out", "The harbour board", "any rise in fees", False)],
    ),
    # A negated passive of verification states what no one could check.
    (
        "The harbour board says it sold 900 tickets, though this cannot be confirmed.",
        [("says", "The harbour board", "it sold 900 tickets", False)],
    ),
    ("The figures could not be independently verified.", []),
    ("The ferry's new timetable hasn't yet been confirmed.", []),
    # Confirmation by someone stays an attribution.
    (
        "The closure was confirmed by the harbour board.",
        [("was confirmed", "the harbour board", "The closure", False)],
    ),
]


@pytest.mark.parametrize(("text", "expected"), GOLDEN)
def test_seed_forms_golden(text: str, expected: list[Claim]) -> None:
    assert claims_of(text) == expected


@settings(max_examples=300, deadline=None)
@given(
    sentences_of(
        '"It',
        'awful,"',
        "she",
        "told",
        "me,",
        "eyes",
        "filling",
        "US",
        "says",
        "into",
        "blasted",
        "appeared",
        "behind",
        ",",
        '"',
        "the",
        "said,",
        "was",
        "ruled",
        "out",
        "of",
        "for",
        "cannot",
        "be",
        "confirmed",
        "not",
        ".",
    )
)
def test_seed_forms_slice_back_to_their_text(text: str) -> None:
    assert_parts_hold(text)
