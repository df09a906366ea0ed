"""Entity rules of issue 13 typed by context: team names in lines of capitals and in sports
reports, datelines, organisations by the words around them, suffixes of known places.

Golden tables (``(text, expected)``, known failures as strict xfail) and a property test that
every vote of the new rules slices back to its text. All texts are written for these tests
(no text from the evaluation sets); the names are made up where a list could know them.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from builder.model import EntityVote, Sentence
from builder.prelabel.lf import DocContext
from tests.prelabel.test_entities import LABELER, LFS, _cases, _sentence, lf_votes, predict

Table = list[tuple[str, list[tuple[str, str]], str | None]]
NEW_RULES = ("org_sports_team", "org_team_context", "place_dateline", "org_context")


def named(text: str) -> list[tuple[str, str]]:
    """The name pre-labels of ``text`` (numbers and dates left out)."""
    numeric = {"CARDINAL", "DATE", "ORDINAL", "PERCENT", "MONEY", "QUANTITY", "TIME"}
    return [p for p in predict(text) if p[1] not in numeric]


def in_document(texts: list[str]) -> list[list[tuple[str, str]]]:
    items = LABELER.label_document(_sentence(t, "doc", i) for i, t in enumerate(texts))
    return [[(e["text"], e["label"]) for e in item.prediction["entities"]] for item in items]


TABLES: Table = [
    # org_sports_team v2: standings and fixtures written in capitals.
    ("DENVER 70 63 .526 4", [("DENVER", "ORG")], None),
    ("PORTLAND 69 65 .515 5 1/2", [("PORTLAND", "ORG")], None),
    ("DENVER 4 PORTLAND 2", [("DENVER", "ORG"), ("PORTLAND", "ORG")], None),
    # The side after "at" is named as the place the game is played at.
    ("SAN DIEGO AT DENVER", [("SAN DIEGO", "ORG"), ("DENVER", "GPE")], None),
    # A country stays a place; a dateline and a headline with a score are no table.
    ("ITALY 2 WALES 1", [("ITALY", "GPE"), ("WALES", "GPE")], None),
    ("LONDON 1996-08-30", [("LONDON", "GPE")], None),
    ("SOCCER - DENVER BEAT PORTLAND 2-1 .", [("DENVER", "GPE"), ("PORTLAND", "GPE")], None),
    ("Hartlepool 3 Denver 1", [("Hartlepool", "ORG"), ("Denver", "ORG")], None),
    # v3: a short aside in brackets ("in 12" innings, a town's letter) stays in the table.
    ("Hartlepool 5 Denver 4 ( in 12 )", [("Hartlepool", "ORG"), ("Denver", "ORG")], None),
    ("Velmo 2 Brelko ( Z ) 0", [("Velmo", "ORG"), ("Brelko", "ORG")], None),
]

# cap_run v4: the word opening a data line before ":" and a letter alone are no names.
DATA_LINES: Table = [
    ("Teams : the usual ones", [], None),
    ("Distances : three lengths", [], None),
    ("Total shares offered N / A", [], None),
    ("Velmora : Brelcorp 214", [("Brelcorp", "ORG")], None),
    # cap_run v5, org_acronym v2: a word in capitals before ":" inside a line names a field.
    ("The sale of 1,200 lots AMT : 5 and BRELCO : 6 more", [], None),
    # Nouns for groups of people head results lines (function_words.txt).
    ("Women 's 400 metres", [], None),
    # Sports statistics are no organisations (orgs.yaml not_acronyms).
    ("He drove in three RBI and lowered his ERA .", [], None),
]

DATELINES: Table = [
    ("VELMORA , Peru 2001-05-04", [("VELMORA", "GPE"), ("Peru", "GPE")], None),
    ("SAN VELMO , Chile", [("SAN VELMO", "GPE"), ("Chile", "GPE")], None),
    ("BRELCO , the miner , cut jobs .", [("BRELCO", "ORG")], None),
]

# place_context v2: after a compass word and "of", and "In" opening a sentence.
PLACES: Table = [
    ("The plane came down just east of Velmora on Monday.", [("Velmora", "GPE")], None),
    ("It fell south-west of Velmora.", [("Velmora", "GPE")], None),
    ("In Velmora, the shops stayed shut.", [("Velmora", "GPE")], None),
    # v5: a name before ", <place>" is a town; before ", <place>'s" an apposition names it.
    ("Shelling hit Velmora, Ukraine, on Monday.", [("Velmora", "GPE"), ("Ukraine", "GPE")], None),
    (
        "Brelgrid, Ukraine's state grid operator, said nothing.",
        [("Brelgrid", "ORG"), ("Ukraine", "GPE")],
        None,
    ),
]

ORG_CONTEXT: Table = [
    (
        "On Monday, Brelcorp spokesman Anton Weiss declined to comment.",
        [("Brelcorp", "ORG"), ("Anton Weiss", "PERSON")],
        None,
    ),
    ("Investors bought shares of Velmo Haulage on Monday.", [("Velmo Haulage", "ORG")], None),
    ("Analysts expect Velmo Haulage 's profits to fall.", [("Velmo Haulage", "ORG")], None),
    ("About 100 Velmo Air workers marched.", [("Velmo Air", "ORG")], None),
    ("Velmo Tidings daily said on Monday the plan failed.", [("Velmo Tidings", "ORG")], None),
    # orgs.yaml suffixes: "Reserve".
    ("Rates stayed as the Brelvan Reserve met.", [("Brelvan Reserve", "ORG")], None),
    (
        "The report came from Velmo Tidings , the state news agency , on Monday.",
        [("Velmo Tidings", "ORG")],
        None,
    ),
    # orgs.yaml suffixes: the NGOs named "... Sans Frontières".
    (
        "Pharmaciens Sans Frontières flew in doctors.",
        [("Pharmaciens Sans Frontières", "ORG")],
        None,
    ),
    # v3: before "radio" or "television", but not after a possessive.
    ("Velmo Kanal radio said on Monday the plan failed.", [("Velmo Kanal", "ORG")], None),
    # v3: an apposition after ", <Name> 's" (one word or two), over hyphens, mid-sentence and
    # after one capitalised word first in the sentence.
    (
        "He joined Brelcorp, New Zealand's second-largest grid operator, in 2001.",
        [("Brelcorp", "ORG"), ("New Zealand", "GPE")],
        None,
    ),
    (
        "He joined Velmo Grid, Ukraine’s biggest operator, in 2001.",
        [("Velmo Grid", "ORG"), ("Ukraine", "GPE")],
        None,
    ),
    ("Meanwhile, the group, which has members, voted.", [], None),
    (
        "Brelcorp, Ukraine's second-largest grid operator, said nothing.",
        [("Brelcorp", "ORG"), ("Ukraine", "GPE")],
        None,
    ),
    (
        "Velmo Re, Europe's biggest insurer, cut jobs.",
        [("Velmo Re", "ORG"), ("Europe", "LOC")],
        None,
    ),
    (
        "Velmora, France's second city, voted.",
        [("Velmora", "GPE"), ("France", "GPE")],
        "an apposition headed by a place noun names a place: no rule reads it yet",
    ),
    # A known place keeps its type: "the Warsaw stock exchange", a suffix after a place.
    ("Shares rose on the Warsaw stock exchange.", [("Warsaw", "GPE")], None),
    ("Troops left the Russian Federation in May.", [("Russian Federation", "GPE")], None),
    (
        "Velmo Tidings reported the fire.",
        [("Velmo Tidings", "ORG")],
        "an organisation with no cue around it reads as a person",
    ),
]


# misc_suffix v4: holidays and sports events.
EVENTS: Table = [
    ("Markets closed for Labor Day.", [("Labor Day", "EVENT")], None),
    ("He was picked for the Pro Bowl again.", [("Pro Bowl", "EVENT")], None),
]

# analysis.py: particles after a single given name, and several in a row; cap_run v5: one
# capitalised word that is a given name is a person, not an organisation.
PEOPLE: Table = [
    (
        "The try came from Pieter van der Brelsma on the wing.",
        [("Pieter van der Brelsma", "PERSON")],
        None,
    ),
    ("A pass from Ronald de Brelk set it up.", [("Ronald de Brelk", "PERSON")], None),
    ("Rio de Janeiro is large.", [("Rio de Janeiro", "GPE")], None),
    (
        "Later, Randall and Brelcorp met in Lisbon.",
        [("Randall", "PERSON"), ("Brelcorp", "ORG"), ("Lisbon", "GPE")],
        None,
    ),
    (
        "The lawyers of Velmo de la Cruz spoke.",
        [("Velmo de la Cruz", "PERSON")],
        "a person with an unknown given name reads as an organisation",
    ),
]


GOLDEN = TABLES + DATA_LINES + DATELINES + PLACES + ORG_CONTEXT + EVENTS + PEOPLE


@pytest.mark.parametrize(("text", "expected"), _cases(GOLDEN))
def test_golden(text: str, expected: list[tuple[str, str]]) -> None:
    assert sorted(named(text)) == sorted(expected)


def test_a_particle_between_hyphens_stays_inside_the_name() -> None:
    assert [v[0] for v in lf_votes("cap_run", "They played at Brel-le-Velmo today.")] == [
        "Brel-le-Velmo"
    ]
    assert [v[0] for v in lf_votes("cap_run", "An Anti-war march left Velmora.")] == ["Velmora"]


def test_a_bracket_in_prose_is_no_table() -> None:
    assert lf_votes("org_sports_team", "Denver 2 ( as ever ) Portland 0 and more") == []
    assert lf_votes("org_sports_team", "Denver 2 ( an aside that runs on ) Portland 0") == []


def test_a_city_in_a_team_role_is_a_team_in_a_sports_report() -> None:
    report = [
        "The pitcher homered twice in the win.",
        "Denver has won six of its last seven.",
        "A late goal for Portland settled it.",
        "The teams meet again in Chicago on Friday.",
    ]
    labels = in_document(report)
    assert ("Denver", "ORG") in labels[1]
    assert ("Portland", "ORG") in labels[2]
    assert ("Chicago", "GPE") in labels[3]  # "in Chicago": the place


def test_a_city_stays_a_place_outside_sports_reports() -> None:
    labels = in_document(["The council met on Monday.", "Denver has won a grant for roads."])
    assert ("Denver", "GPE") in labels[1]


_PIECES = st.sampled_from(
    [
        *("DENVER ", "SAN DIEGO ", "AT ", "at ", "v ", "Denver ", "Portland ", "Peru ", "VELMO "),
        *("4 ", "63 ", ".526 ", "1/2 ", "-", "1996-08-30 ", ", ", "the ", "agency ", "'s "),
        *("spokesman ", "shares ", "of ", "for ", "has ", "won ", "homered ", "Brelcorp ", "x"),
        *(" ", "’", "\u00a0", "İ", "ǅ"),
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=40).map("".join))
def test_new_rules_votes_slice_back_exactly(text: str) -> None:
    ctx = DocContext("p", state={"entities.sport": True})
    sentence: Sentence = _sentence(text)
    for lf in (lf for lf in LFS if lf.name in NEW_RULES):
        for vote in lf(sentence, ctx):
            assert isinstance(vote, EntityVote)
            assert 0 <= vote.start < vote.end <= len(text), (lf.name, vote)
            span = text[vote.start : vote.end]
            assert span == span.strip() and span, (lf.name, span)
