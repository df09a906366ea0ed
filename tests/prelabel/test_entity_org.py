"""Organisation precision rules of issue 13: a club or company named by a place, the memory's
one-word guesses and ambiguous places, results lines with a half-time aside, accounts lines,
month abbreviations, a nationality before a person's name.

All texts are written for these tests (no text from the evaluation sets); the names are made
up where a list could know them.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from builder.model import EntityVote, Sentence
from builder.prelabel.lf import DocContext
from tests.prelabel.test_entities import LFS, _cases, _sentence, lf_votes
from tests.prelabel.test_entity_context import Table, in_document, named

NAMES: Table = [
    # _name_like: a known place after a word that is no given name: a club or a company.
    ("Fans of Brelko Lisbon cheered the side .", [("Brelko Lisbon", "ORG")], None),
    ("Supporters of Brelko Lisbon said so .", [("Brelko Lisbon", "ORG")], None),
    # ... but a given name before the place keeps the person.
    ("Karen Houston sang .", [("Karen Houston", "PERSON")], None),
    ("Tries : K Houston ( Peru ) .", [("K Houston", "PERSON"), ("Peru", "GPE")], None),
    # org_suffix v3: industries and "International" end organisation names.
    ("Velmo Chemical said profits rose .", [("Velmo Chemical", "ORG")], None),
    ("Brelko International opened an office .", [("Brelko International", "ORG")], None),
    # _name_like: first words no person's name starts with (broadcasters, clubs).
    ("Radio Velmo reported the attack .", [("Radio Velmo", "ORG")], None),
    ("Fans of Dynamo Brelko sang .", [("Dynamo Brelko", "ORG")], None),
    # gazetteer_place v2: US states as datelines abbreviate them.
    ("VELMORA HILLS , Calif 1996-08-30", [("VELMORA HILLS", "GPE"), ("Calif", "GPE")], None),
    ("The plant is in Brelton , Tenn .", [("Brelton", "GPE"), ("Tenn", "GPE")], None),
    # place_context v3: two words after "in" are a place too.
    ("The fight is in Velmora Heights in June .", [("Velmora Heights", "GPE")], None),
    # gazetteer_norp v2: peoples countryinfo lacks, no organisations.
    (
        "The Swede led Tatars and Zulus .",
        [("Swede", "NORP"), ("Tatars", "NORP"), ("Zulus", "NORP")],
        None,
    ),
    # person_first_name v4: a nationality, then a given name and a surname.
    ("Briton Tom Velmore won the race .", [("Briton", "NORP"), ("Tom Velmore", "PERSON")], None),
    (
        "Fellow Norwegian Karen Brennick finished second .",
        [("Norwegian", "NORP"), ("Karen Brennick", "PERSON")],
        "a capitalised word before the nationality keeps the run whole",
    ),
]


@pytest.mark.parametrize(("text", "expected"), _cases(NAMES))
def test_golden(text: str, expected: list[tuple[str, str]]) -> None:
    assert sorted(named(text)) == sorted(expected)


def test_a_half_time_score_stays_inside_a_results_line() -> None:
    text = "Velmo 3 Brelko 2 ( halftime 1-0 )"
    assert lf_votes("org_sports_team", text) == [("Velmo", "ORG"), ("Brelko", "ORG")]


def test_a_line_of_accounts_is_no_standing() -> None:
    assert lf_votes("org_sports_team", "Revenue 9.06 9.31 8.42") == []
    assert lf_votes("org_sports_team", "Brelko 14 9 3") == [("Brelko", "ORG")]
    assert lf_votes("org_sports_team", "DENVER 70 63 .526 4") == [("DENVER", "ORG")]


def test_month_abbreviations_are_no_names() -> None:
    assert lf_votes("cap_run", "Shares fell on Aug 30 and Dec 2 in Velmora .") == [
        ("Velmora", "ORG")
    ]
    assert lf_votes("cap_run", "Talks resume on Sept . 24 .") == []


def test_a_full_name_outweighs_an_earlier_one_word_guess() -> None:
    labels = in_document(
        [
            "Brennick , rebels sign truce .",
            "Security chief Halvard Brennick said the war was over .",
            "On Friday Brennick met the rebels .",
        ]
    )
    assert labels[0] == [("Brennick", "ORG")]  # the headline's guess, alone
    assert ("Brennick", "PERSON") in labels[2]


def test_a_place_that_also_names_a_team_is_left_to_the_context() -> None:
    report = [
        "The pitcher homered as the Denver Growlers won .",
        "Fans in Denver cheered .",
        "A late homer for Denver settled it .",
    ]
    labels = in_document(report)
    assert labels[1] == [("Denver", "GPE")]
    assert ("Denver", "ORG") in labels[2]
    # Outside sports the place stays a place, the gazetteer's vote alone.
    news = ["Snow fell in Denver .", "The Denver Gazette said roads were shut .", "In Denver ."]
    assert in_document(news)[2] == [("Denver", "GPE")]


_PIECES = st.sampled_from(
    [
        *("Briton ", "American ", "Tom ", "Karen ", "Velmore ", "Brelko ", "Lisbon ", "Denver "),
        *("Halvard ", "Brennick ", "Growlers ", "the ", "said ", "for ", ", ", ". ", "Aug "),
        *("3 ", "9.06 ", "( ", ") ", "halftime ", "1-0 ", "x", " ", "\u00a0", "İ", "ǅ", "’"),
    ]
)
CHANGED = ("person_first_name", "person_title", "person_speech", "cap_run", "org_sports_team")


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(_PIECES, max_size=30).map("".join), min_size=1, max_size=3))
def test_votes_slice_back_exactly(texts: list[str]) -> None:
    """The changed LFs' votes, and the memory's over a document, are whole words of the text."""
    ctx = DocContext("p", state={"entities.sport": True})
    for i, text in enumerate(texts):
        sentence: Sentence = _sentence(text, "p", i)
        for lf in (lf for lf in LFS if lf.name in (*CHANGED, "doc_memory")):
            for vote in lf(sentence, ctx):
                assert isinstance(vote, EntityVote)
                assert 0 <= vote.start < vote.end <= len(text), (lf.name, vote)
                span = text[vote.start : vote.end]
                assert span == span.strip() and span, (lf.name, span)
                ctx.entities.setdefault(span, vote.label)
