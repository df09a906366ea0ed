"""A participle or second verb after a coordinate clause of saying ("but Smith insisted X,
saying Y") is said by that clause's speaker, the nearest attribution's source before it, not
by the sentence's first noun phrase; after a subordinate or nested one it stays the sentence
subject's ("Smith said the mayor claimed X, adding Y": Smith). Golden cases (texts written for
the test), and property checks over generated sentences (subject.py coordinate_source)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.prelabel.test_claims import Claim, assert_parts_hold, claims_of

GOLDEN: list[tuple[str, list[Claim]]] = [
    (
        "The senator rejected the plan but Smith insisted it would work, saying costs were low.",
        [
            ("rejected", "The senator", "the plan but Smith insisted it would work", False),
            ("insisted", "Smith", "it would work", False),
            ("saying", "Smith", "costs were low", False),
        ],
    ),
    (
        "Hale opposed the bill, but Smith said it would pass, arguing that votes were there.",
        [
            ("opposed", "Hale", "the bill", False),
            ("said", "Smith", "it would pass", False),
            ("arguing", "Smith", "that votes were there", False),
        ],
    ),
    (
        "The mayor backed the levy, while the union said it was unfair, adding that farmers"
        " would pay.",
        [
            ("backed", "The mayor", "the levy", False),
            ("said", "the union", "it was unfair", False),
            ("adding", "the union", "that farmers would pay", False),
        ],
    ),
    # A nested clause of saying is no coordinate one: the sentence's speaker adds.
    (
        "Smith said the mayor claimed the levy was fair, adding that farmers would pay.",
        [
            ("said", "Smith", "the mayor claimed the levy was fair", False),
            ("adding", "Smith", "that farmers would pay", False),
        ],
    ),
]


@pytest.mark.parametrize(("text", "expected"), GOLDEN)
def test_a_participle_after_a_coordinate_clause_has_its_speaker(
    text: str, expected: list[Claim]
) -> None:
    assert claims_of(text) == expected
    assert_parts_hold(text)


FIRSTS = st.sampled_from(["The senator rejected the plan", "Hale opposed the bill"])
LINKS = st.sampled_from([" but", ", but", " and", ", while", ", yet"])
SPEAKERS = st.sampled_from(["Smith", "the union", "Ms. Hale", "two analysts"])
CUES = st.sampled_from(["said", "insisted", "argued"])
PARTICIPLES = st.sampled_from([", saying", ", adding that", ", arguing that"])


@settings(max_examples=150, deadline=None)
@given(FIRSTS, LINKS, SPEAKERS, CUES, PARTICIPLES)
def test_the_participle_has_the_nearest_speaker(
    first: str, link: str, speaker: str, cue: str, participle: str
) -> None:
    text = f"{first}{link} {speaker} {cue} it would work{participle} costs were low."
    assert_parts_hold(text)
    found = {c: s for c, s, _, _ in claims_of(text)}
    assert found.get(cue) == speaker
    assert found.get(participle.split()[1]) == speaker


# The "and" of a list opens no clause: the sentence's subject argues (known: the subject
# pattern stops before the preposition, "Firms").
LISTS: list[tuple[str, list[Claim]]] = [
    (
        "Firms in the airline, car-making and steel industries argued for the rule, claiming"
        " that costs would fall.",
        [("claiming", "Firms", "that costs would fall", False)],
    ),
]


@pytest.mark.parametrize(("text", "expected"), LISTS)
def test_a_list_is_no_coordinate_clause(text: str, expected: list[Claim]) -> None:
    assert [c for c in claims_of(text) if c[0] == "claiming"] == expected
    assert_parts_hold(text)
