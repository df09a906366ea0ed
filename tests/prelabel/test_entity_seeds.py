"""Entity forms the first user's documents showed wrong, made general (2026-12-07, twelfth
session): a plural's possessive ("the Philippines' biggest bank") reads as any other
possessive, for the apposition that names an organisation and against the "X, <place>" town;
a participle that opens a sentence before a name is no part of it ("Combining SMFG, ...");
"at X" after a site is a place ("the plant at Chernobyl"); a number may be the name's
("Rossiya 24" of "Rossiya 24 TV"), not a score's ("Chelsea 2 Arsenal 1", "Portsmouth 1,
Southampton nil") nor a holiday's year ("Christmas 2004").

Golden cases written for the test (no text from the evaluation sets or the seeds; the names
are made up where a list could know them), and properties of the possessive helpers and of
the votes of the heuristics they feed.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings

from builder.model import EntityVote
from builder.prelabel.entities.chunk_tokens import owned_at, possessive_marks, token_texts
from builder.prelabel.lf import DocContext
from tests.prelabel.test_entities import LFS, _sentence, predict
from tests.prelabel.test_entity_context import named
from tests.text_strategies import sentences_of

POSSESSIVES: list[tuple[str, list[tuple[str, str]]]] = [
    # org_context v4: the apposition's owner may be a plural's, after "the" or not.
    ("Tarvelo Brokk, the Philippines' biggest lender, rose.", [("Philippines", "GPE")]),
    ("Profits at Tarvelo, the Netherlands' largest lender, fell.", [("Netherlands", "GPE")]),
    # and a lower-case owner inside the apposition: its mark is no word of the reach.
    ("Profits at Tarvelo Brokk, the country's biggest lender, rose.", []),
    # place_context v6: a plural's possessive place opens an apposition, names no town.
    ("Tarvelo, Philippines' biggest lender, rose.", [("Philippines", "GPE")]),
    # the cue words after a plural's possessive, as after "'s".
    ("Tarvelo Brokks' shares fell sharply.", []),
]


@pytest.mark.parametrize(("text", "others"), POSSESSIVES)
def test_a_plural_possessive_owner_names_an_organisation(
    text: str, others: list[tuple[str, str]]
) -> None:
    name = text.split(",")[0].removeprefix("Profits at ").split("'")[0].removesuffix(" shares")
    assert sorted(named(text)) == sorted([(name, "ORG"), *others])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A town before a place that owns nothing stays a town.
        ("Talvik, Ukraine, was shelled.", [("Talvik", "GPE"), ("Ukraine", "GPE")]),
        # The owner itself keeps its type.
        ("The Philippines' central bank raised rates.", [("Philippines", "GPE")]),
    ],
)
def test_places_stay_places(text: str, expected: list[tuple[str, str]]) -> None:
    assert sorted(named(text)) == sorted(expected)


@pytest.mark.parametrize(
    ("text", "end", "owned"),
    [
        ("Ukraine's port", 7, True),
        ("Ukraine 's port", 7, True),  # CoNLL's tokens
        ("the Philippines' bank", 15, True),
        ("the Philippines ’ bank", 15, True),
        ("Ukraine' bank", 7, False),  # an apostrophe alone after no "s" closes a quotation
        ("Ukraine, the port", 7, False),
        ("the O'Briens", 5, False),
        ("Ukraine", 7, False),
    ],
)
def test_owned_at(text: str, end: int, owned: bool) -> None:
    assert owned_at(text, end) is owned


@pytest.mark.parametrize(
    ("text", "k", "marks"),
    [
        ("India 's firm", 1, 2),
        ("the Philippines ' bank", 2, 1),
        ("Jones ’ dog", 1, 1),
        ("Texas ' is", 1, 1),
        ("' Velmo ' is", 2, 0),  # after no "s": a closing quotation mark
        ("India , firm", 1, 0),
    ],
)
def test_possessive_marks(text: str, k: int, marks: int) -> None:
    assert possessive_marks(["", *token_texts(text), ""], k + 1) == marks


@settings(max_examples=300, deadline=None)
@given(
    sentences_of(
        "Tarvelo",
        "Brokk",
        "Philippines'",
        "Philippines",
        "'",
        "’",
        "s",
        "'s",
        "the",
        ",",
        "biggest",
        "lender",
        "shares",
        "Ukraine",
        ".",
    )
)
def test_possessive_votes_slice_back_to_their_text(text: str) -> None:
    assert_votes_slice_back(text, ("org_context", "place_context"))


def assert_votes_slice_back(text: str, names: tuple[str, ...] | None = None) -> None:
    """Every span of the entity heuristics named (all if None) on ``text`` stays inside it,
    trimmed and not empty."""
    sentence = _sentence(text)
    ctx = DocContext("p")
    for lf in LFS:
        if names is not None and lf.name not in names:
            continue
        for vote in lf(sentence, ctx):
            assert isinstance(vote, EntityVote)
            assert 0 <= vote.start < vote.end <= len(text), (lf.name, vote)
            span = text[vote.start : vote.end]
            assert span == span.strip() and span, (lf.name, span)


PARTICIPLES: list[tuple[str, list[str]]] = [
    # opening.py: cut off before a name that ends at a comma, a possessive, "and" or a
    # preposition, or before a known place or nationality (the spans: the rule cuts runs).
    (
        "Combining Tarvelo, the country's biggest lender, and Brelco would create a giant.",
        ["Tarvelo", "Brelco"],
    ),
    ("Unclogging Beijing's streets is a concern.", ["Beijing"]),
    ("Struggling Japanese car maker Brelco has struck a deal.", ["Japanese", "Brelco"]),
    ("Featuring Marta Quinn and Tomas Berg, the song sold well.", ["Marta Quinn", "Tomas Berg"]),
    # Names that open with an "-ing" word stay whole.
    ("Downing Street said it would not comment.", ["Downing Street"]),
    ("Reading Football Club was sold.", ["Reading Football Club"]),
    ("Kettering Town lost again.", ["Kettering Town"]),
    # A title before a verb keeps its first word (no object reading).
    ("Finding Velmora won three awards.", ["Finding Velmora"]),
    # No participle: a stem without a vowel, or a word mid-sentence.
    ("Spring Velmo , the town , voted .", ["Spring Velmo"]),
    ("He met Combining Tarvelo , the firm .", ["Combining Tarvelo"]),
]


@pytest.mark.parametrize(("text", "expected"), PARTICIPLES)
def test_an_opening_participle_is_no_part_of_the_name(text: str, expected: list[str]) -> None:
    assert sorted(name for name, _ in named(text)) == sorted(expected)


def test_the_name_after_a_participle_is_typed_by_its_apposition() -> None:
    text = "Combining Tarvelo, Japan's biggest lender, with Brelco would create a giant."
    assert ("Tarvelo", "ORG") in named(text)


@settings(max_examples=300, deadline=None)
@given(
    sentences_of(
        "Combining",
        "Struggling",
        "Downing",
        "Reading",
        "Tarvelo",
        "Japanese",
        "Street",
        "'s",
        ",",
        "and",
        "for",
        ".",
        "the",
        "rose",
    )
)
def test_entity_spans_slice_back_after_a_participle(text: str) -> None:
    assert_votes_slice_back(text)  # every heuristic reads the runs the participle changes


AT_PLACES: list[tuple[str, list[tuple[str, str]]]] = [
    # place_context v7: "at X" after a site, an event or a landing names a place.
    ("Crews cut the line to the old nuclear plant at Velmorsk on Monday.", [("Velmorsk", "GPE")]),
    ("The band played a concert at Brelkham in May.", [("Brelkham", "GPE")]),
    # A suffix that names a building outweighs it.
    ("The band played a concert at Brelkham Park.", [("Brelkham Park", "FAC")]),
    ("The second test ( at Brelkham ) was drawn .", [("Brelkham", "GPE")]),
    # After a person's noun "at X" is where they work: no place.
    ("She is a senior analyst at Velmorsk.", [("Velmorsk", "ORG")]),
    # After "the" the name is a building or a body, the other rules' to type.
    ("The plant at the Velmorsk Works closed.", [("Velmorsk Works", "ORG")]),
    # place_context v8: a bracket is a venue only after an event or in a fixture; "(at X)"
    # alone and "talks at X" may name an employer (review).
    ("He was named man of the match (at Velmorsk).", [("Velmorsk", "ORG")]),
    ("The talks at Velmorsk ended without a deal.", [("Velmorsk", "ORG")]),
    ("May 15 v Brelko ( at Velmorsk )", [("Brelko", "ORG"), ("Velmorsk", "GPE")]),
]


@pytest.mark.parametrize(("text", "expected"), AT_PLACES)
def test_at_a_site_names_a_place(text: str, expected: list[tuple[str, str]]) -> None:
    assert sorted(named(text)) == sorted(expected)


NUMBERED: list[tuple[str, list[tuple[str, str]]]] = [
    # numbered.py: a number that belongs to the name ("Rossiya 24", "Radio 4's", "G7").
    ("He spoke on Velmo 24 TV on Monday.", [("Velmo 24", "ORG"), ("Monday", "DATE")]),
    ("She told Velmo Radio 4's morning show.", [("Velmo Radio 4", "ORG")]),
    ("He met leaders of the G7.", [("G7", "ORG")]),
    # A score, a table's line, a count or a date keeps its number apart.
    (
        "Brelko 2 Velmo 1",
        [("Brelko", "ORG"), ("2", "CARDINAL"), ("Velmo", "ORG"), ("1", "CARDINAL")],
    ),
    ("Brelko beat Velmo 24-18 .", [("Velmo", "ORG")]),
    ("Velmo 245 all out", [("Velmo", "ORG"), ("245", "CARDINAL")]),
    ("The vote is on March 24 .", [("March 24", "DATE")]),
    ("( Italy ) Velmo 11", [("Italy", "GPE"), ("Velmo", "ORG"), ("11", "CARDINAL")]),
    ("Goals: Brelkam 41.", [("Brelkam", "ORG"), ("41", "CARDINAL")]),
]


@pytest.mark.parametrize(("text", "expected"), NUMBERED)
def test_a_number_that_belongs_to_the_name(text: str, expected: list[tuple[str, str]]) -> None:
    assert sorted(predict(text)) == sorted(expected)


@pytest.mark.parametrize(
    ("text", "number"),
    [
        # A holiday's or a season's year is a date's, not the name's (review).
        ("Takings rose at Christmas 2004, the grocer said.", "2004"),
        ("Takings fell after Easter 2005, when rates rose.", "2005"),
        # A number between two towns is a score line: teams named by their towns.
        ("Portsmouth 1 Southampton nil was the result .", "1"),
        ("The result was Portsmouth 1, Southampton nil.", "1"),
    ],
)
def test_a_holiday_year_or_a_score_stays_apart(text: str, number: str) -> None:
    spans = predict(text)
    assert (number, "CARDINAL") in spans
    assert all(name == number or number not in name.split() for name, _ in spans)


def test_a_period_code_before_a_lower_case_word_keeps_its_number_out() -> None:
    # "Q2 loss", "H1 results": a period, not a name's number.
    assert all(not name.endswith("2") for name, _ in predict("Velmo Q2 loss widens ."))


@settings(max_examples=300, deadline=None)
@given(sentences_of("Velmo", "Radio", "4", "24", "G7", "TV", "'s", "-", "18", "%", ",", ".", "the"))
def test_numbered_runs_slice_back(text: str) -> None:
    assert_votes_slice_back(text)
