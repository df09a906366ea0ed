"""The sentence subject past an opening phrase or a name's apposition (subject.py, opening.py):
a participle or a second verb is said by the subject of the sentence's first verb, not by a noun
of the phrase before it ("Shortly after collecting a trophy, a sports car and a cheque,
Federer addressed the crowd, saying": Federer, not "a sports car") nor by nobody ("In August,
several groups granted X, saying"). A name with its apposition before the first verb keeps
it and its comma, as the source of a cue right after them does ("Dean, a medical doctor,
then appeared"); an aside is no apposition ("Clapton, alongside his band, recalled": the
name). A passive after "and" has no speaker, however far its subject. Golden cases (texts
written for the test), and property checks over generated sentences."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from builder.prelabel.claims.subject import sentence_subject
from tests.prelabel.test_claims import Claim, assert_parts_hold, claims_of
from tests.text_strategies import sentences_of

GOLDEN: list[tuple[str, list[Claim]]] = [
    (
        "Shortly after collecting a trophy, a sports car and a cheque for $1.5m, Federer"
        " addressed the crowd, saying he was grateful.",
        [
            ("addressed", "Federer", "the crowd", False),
            ("saying", "Federer", "he was grateful", False),
        ],
    ),
    (
        "In August, several environmental groups granted the firm an extension, saying its"
        " capital was low.",
        [("saying", "several environmental groups", "its capital was low", False)],
    ),
    (
        "Meanwhile, it attacked the mayor, saying he had failed.",
        [("attacked", "it", "the mayor", False), ("saying", "it", "he had failed", False)],
    ),
    (
        "Dean, a medical doctor, then appeared on television and began by saying he would"
        " never diagnose anyone.",
        [  # "appeared on television" is no cue (fallback v36, test_claims_named_object.py)
            ("saying", "Dean, a medical doctor,", "he would never diagnose anyone", False),
        ],
    ),
    (
        "Dean, a medical doctor, backed the plan, saying it would work.",
        [
            ("backed", "Dean, a medical doctor,", "the plan", False),
            ("saying", "Dean, a medical doctor,", "it would work", False),
        ],
    ),
    # An aside after the name is no apposition: the name alone.
    (
        "Clapton, alongside his band, also introduced a guitarist and recalled seeing him play.",
        [("recalled", "Clapton", "seeing him play", False)],
    ),
    (
        "Analysts, however, pointed to the weak dollar and highlighted the deficit.",
        [  # "pointed to" too since the connective is passed (test_claims_named_object.py)
            ("pointed to", "Analysts", "the weak dollar", False),
            ("highlighted", "Analysts", "the deficit", False),
        ],
    ),
    # A comma inside a number opens no phrase; the subject after the opening's comma.
    (
        "In India, where more than 2,000 people have died, officials said aid was slow and"
        " warned that costs would rise.",
        [
            ("said", "officials", "aid was slow", False),
            ("warned", "officials", "that costs would rise", False),
        ],
    ),
    # A passive after "and" has no speaker, however far its subject.
    (
        "Farrell, who has had knee problems, had an operation and is expected to be out for"
        " months.",
        [
            (
                "is expected",
                None,
                "Farrell, who has had knee problems, had an operation and is expected to be"
                " out for months",
                False,
            )
        ],
    ),
]


@pytest.mark.parametrize(("text", "expected"), GOLDEN)
def test_the_subject_is_past_the_opening_phrase(text: str, expected: list[Claim]) -> None:
    assert claims_of(text) == expected
    assert_parts_hold(text)


SUBJECTS: list[tuple[str, str | None]] = [
    ("Dean, a medical doctor, said the plan would fail.", "Dean, a medical doctor,"),
    ("Technorati, a search engine, tracks blogs and says 12,000 are added.", None),
    ("Shortly after the crash involving a Mercedes, Federer said he was fine.", "Federer"),
    # Not a name: a word that opens the sentence, and a relative word after a comma.
    ("Yesterday, the mayor, who led the protest, backed the levy.", None),
    ("After the vote, which was held on Monday, the mayor said he was tired.", "the mayor"),
    # Not a verb after the comma: "quit his post on" is no subject.
    ("Redknapp, 57, quit his post on Monday and vowed to return.", "Redknapp, 57,"),
]


@pytest.mark.parametrize(("text", "subject"), SUBJECTS)
def test_sentence_subject(text: str, subject: str | None) -> None:
    found = sentence_subject(text)
    if subject is None:
        assert found is None or text[found[0] : found[1]] != "a search engine"
    else:
        assert found is not None and text[found[0] : found[1]] == subject


OPENINGS = st.sampled_from(
    [
        "Shortly after the crash involving a Mercedes",
        "In a widely read column on the day before the debate",
        "After collecting a trophy, a sports car and a cheque for $1.5m",
        "On Thursday, however",
        "In India, where more than 2,000 people have died",
    ]
)
NAMES = st.sampled_from(["Federer", "two Democratic speechwriters", "it", "the union"])
VERBS = st.sampled_from(["addressed the crowd", "backed the plan", "opposed the levy"])
CUES = st.sampled_from([", saying", ", adding that", " and said", ", arguing that"])


@settings(max_examples=150, deadline=None)
@given(OPENINGS, NAMES, VERBS, CUES)
def test_a_second_cue_has_the_subject_after_the_opening(
    opening: str, name: str, verb: str, cue: str
) -> None:
    text = f"{opening}, {name} {verb}{cue} costs were low."
    assert_parts_hold(text)
    found = sentence_subject(text)
    assert found is not None and text[found[0] : found[1]] == name
    said = [source for c, source, _, _ in claims_of(text) if c and c.split()[-1] in cue]
    assert said == [name]


@settings(max_examples=300, deadline=None)
@given(
    sentences_of(
        *("Dean", "Federer", ",", "a", "doctor", "then", "appeared", "said", "saying"),
        *("In", "August", "several", "groups", "granted", "and", "is", "expected"),
        *("however", "it", "2,000", "alongside", "which", "was", "held", ".", "the"),
    )
)
def test_every_part_is_the_text_at_its_offsets(text: str) -> None:
    assert_parts_hold(text)
    found = sentence_subject(text)
    assert found is None or 0 <= found[0] < found[1] <= len(text)
