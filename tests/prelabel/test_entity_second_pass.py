"""Entity rules of issue 13's second pass: the document memory keeps the stronger evidence
(a person heuristic's PERSON revises an earlier one-word ORG guess), "St" begins names, and
nationalities of several words are one NORP span, regnal numbers end people's names, and a
surname listed with full names of people is a person, datelines name their places, a list of events is read in any case, and the heads of rows of figures are no names.

All texts are written for these tests (no text from the evaluation sets); the names are made
up where a list could know them.
"""

from __future__ import annotations

from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from builder.prelabel.entities import gazetteer
from builder.prelabel.entities.lexicon import lexicon
from builder.prelabel.entities.peoples import norp_spans
from tests.prelabel.test_entities import LABELER, _cases, _sentence
from tests.prelabel.test_entity_context import Table, in_document, named

MATCH = [
    "When the umpire ruled , Velgard shrieked .",
    '" I called him a cheat , " said Velgard , who is 27 .',
    "Later Velgard won the game .",
]


def test_a_person_heuristic_revises_an_earlier_one_word_org_guess() -> None:
    labels = in_document(MATCH)
    assert labels[0] == [("Velgard", "ORG")]  # capitals alone: the weak guess
    assert ("Velgard", "PERSON") in labels[1]  # a speech verb and ", who"
    assert labels[2] == [("Velgard", "PERSON")]  # the memory follows the stronger evidence


def test_a_speech_verb_alone_revises_nothing() -> None:
    # Companies and broadcasters say things too ("Sky said"): no person evidence of its own.
    labels = in_document(
        [
            "When the umpire ruled , Velgard shrieked .",
            '" We listened , " said Velgard .',
            "Later Velgard won the game .",
        ]
    )
    assert labels[2] == [("Velgard", "ORG")]


def test_a_hyphenated_surname_is_remembered_whole() -> None:
    labels = in_document(["Actor Karen Velmo-Brelk won an award .", "Velmo-Brelk has won before ."])
    assert labels == [[("Karen Velmo-Brelk", "PERSON")], [("Velmo-Brelk", "PERSON")]]


def test_the_memory_alone_revises_nothing() -> None:
    # The same name, remembered as an organisation, with no person heuristic voting.
    labels = in_document(["Brelkor rose 3 percent on Friday .", "Shares in Brelkor fell ."])
    assert ("Brelkor", "PERSON") not in labels[1]


def test_st_begins_a_name_and_no_person() -> None:
    assert named("Fans of St Velmora cheered the side .") == [("St Velmora", "ORG")]
    assert named("Postponed : Velmo v St Brennick .") == [("St Brennick", "ORG")]
    assert named("He flew to St Petersburg on Friday .") == [("St Petersburg", "GPE")]


NORP: Table = [
    # gazetteer_norp v3: two nationalities or groups in a row, after a space or a hyphen.
    ("Bosnian Serb leaders met .", [("Bosnian Serb", "NORP")], None),
    ("Iraqi Kurds fled .", [("Iraqi Kurds", "NORP")], None),
    ("The Arab-Israeli talks stalled .", [("Arab-Israeli", "NORP")], None),
    # ... a qualifier before one (places.yaml norp_qualifiers).
    ("The North American unit grew .", [("North American", "NORP")], None),
    ("A Roman Catholic priest spoke .", [("Roman Catholic", "NORP")], None),
    # ... but a comma parts them, a place stays a place, and a longer name keeps its type.
    (
        "Chinese , Japanese and Korean firms bid .",
        [("Chinese", "NORP"), ("Japanese", "NORP"), ("Korean", "NORP")],
        None,
    ),
    ("Sales in North America rose .", [("North America", "LOC")], None),
    ("The Velmoran Democratic Party won .", [("Velmoran Democratic Party", "ORG")], None),
    # Two political words name a party, not one group (places.yaml norp_political).
    ("The Liberal Democrats won the seat .", [("Liberal Democrats", "ORG")], None),
]


@given(
    st.lists(st.sampled_from(["North", "Iraqi", "Kurd", "-", " ", "Serb", "x", ","]), max_size=12)
)
def test_norp_spans_slice_back(pieces: list[str]) -> None:
    text = "".join(pieces)
    hits = [(h.start, h.end, h.label) for h in gazetteer.find(text)]
    spans = norp_spans(text, hits, lexicon().norp_qualifiers)
    for (_, e), (s2, _) in pairwise(spans):
        assert e <= s2  # in order, without overlaps
    for s, e in spans:
        assert 0 <= s < e <= len(text) and text[s:e] == text[s:e].strip()


PEOPLE: Table = [
    # person_first_name v6, cap_run v8: a regnal number ends a person's name ...
    ("Daughter of Henry VIII , she ruled .", [("Henry VIII", "PERSON")], None),
    ("Pope John Paul II said so .", [("John Paul II", "PERSON")], None),
    # ... an event keeps its number, a product after an acronym is no person.
    ("They fought in World War II .", [("World War II", "EVENT")], None),
    ("Phones like the XDA II sold well .", [("XDA II", "ORG")], None),
    # person_first_name v7: a role noun, capitalised at the start, is no part of the name.
    (
        "Economist Tom Velmore of Brelko Bank said spending rose .",
        [("Tom Velmore", "PERSON"), ("Brelko Bank", "ORG")],
        None,
    ),
    (
        "Economist Tom Velmore said so .",
        [("Tom Velmore", "PERSON")],
        "person_speech votes on the whole run, role noun included",
    ),
    ("Fullback Karen Brennick scored .", [("Karen Brennick", "PERSON")], None),
    # person_title v5: positions among the role nouns.
    ("The golfer Tom Velmore won .", [("Tom Velmore", "PERSON")], None),
    # cap_run v8: a surname in a list of full names.
    (
        "Wood , Karen Velmore , Tom Brennick , Anna Lisk",
        [
            ("Wood", "PERSON"),
            ("Karen Velmore", "PERSON"),
            ("Tom Brennick", "PERSON"),
            ("Anna Lisk", "PERSON"),
        ],
        None,
    ),
    # ... but not in a list of one-word names, nor beside an organisation, nor a place, nor
    # beside names that start with no given name (bands).
    (
        "Pixies , Foo Fighters and Iron Maiden will play .",
        [("Pixies", "ORG"), ("Foo Fighters", "PERSON"), ("Iron Maiden", "PERSON")],
        None,
    ),
    (
        "Velmo , Brelko , Lisk and Tovar rose .",
        [("Velmo", "ORG"), ("Brelko", "ORG"), ("Lisk", "ORG"), ("Tovar", "ORG")],
        None,
    ),
    (
        "Velmo , Karen Velmore and Brelko Chemical gained .",
        [("Velmo", "ORG"), ("Karen Velmore", "PERSON"), ("Brelko Chemical", "ORG")],
        None,
    ),
    (
        "Paris , Karen Velmore , Tom Brennick .",
        [("Paris", "GPE"), ("Karen Velmore", "PERSON"), ("Tom Brennick", "PERSON")],
        None,
    ),
]


DATELINES: Table = [
    # place_dateline v2: a hyphen inside the capitals, the region before the date ...
    ("VELMO-BRELKA , Velmoria 1996-08-31", [("VELMO-BRELKA", "GPE"), ("Velmoria", "GPE")], None),
    ("BRELTON , N.H. 1996-08-30", [("BRELTON", "GPE"), ("N.H.", "GPE")], None),
    # ... capitals and a date alone, and a dateline of ten tokens (the date is five).
    ("VELMO HARBOUR 1996-08-30", [("VELMO HARBOUR", "GPE")], None),
    (
        "SAN VELMO DEL MAR , Costa Rica 1996-08-30",
        [("SAN VELMO DEL MAR", "GPE"), ("Costa Rica", "GPE")],
        None,
    ),
    # A results line and a date in a sentence are no dateline.
    ("VELMO 3 BRELKO 2", [("VELMO", "ORG"), ("BRELKO", "ORG")], None),
    ("He said 1996-08-30", [], None),
]


EVENTS: Table = [
    # gazetteer_event v1 (misc.yaml names): in a headline in capitals, where no run is read ...
    ("SOCCER - VELMORA BEAT BRELKO IN WORLD CUP QUALIFIER .", [("WORLD CUP", "EVENT")], None),
    # ... a competition, not the organisation an org suffix ("League") makes of it ...
    ("He leads the American League in homers .", [("American League", "EVENT")], None),
    ("The Olympic champion won again .", [("Olympic", "EVENT")], None),
    # ... but inside a longer name the longer name wins.
    (
        "The International Olympic Committee met .",
        [("International Olympic Committee", "ORG")],
        None,
    ),
]


ROWS: Table = [
    # cap_run v9: the head of a row of figures, before a figure, a bracket or the line's end.
    ("Sales 7.12 7.40 8.42", [], None),
    ("Net 410 million 680 million", [], None),
    ("First Half", [], None),
    # ... but not a name before figures, nor the word at the start of a sentence.
    ("Brelko 14 9 3", [("Brelko", "ORG")], None),
    ("Sales at Velmo Chemical rose .", [("Velmo Chemical", "ORG")], None),
]


@pytest.mark.parametrize(("text", "expected"), _cases(NORP + PEOPLE + DATELINES + EVENTS + ROWS))
def test_golden(text: str, expected: list[tuple[str, str]]) -> None:
    assert sorted(named(text)) == sorted(expected)


_PIECES = st.sampled_from(
    [
        *("Velgard ", "St ", "Velmora ", "said ", ", ", "who ", "is ", "27 ", ". ", '" '),
        *("Karen ", "Brennick ", "Brelkor ", "the ", "in ", "x", " ", "\u00a0", "İ", "’"),
        *("Iraqi ", "North ", "Serb", "-", "American "),
        *("Henry ", "VIII ", "and ", "Tom ", "Wood ", "Anna "),
        *("VELMO", "-", "BRELKA ", "1996-08-30", "N.H. "),
        *("WORLD CUP ", "Olympic ", "League ", "American League"),
    ]
)
_DOCS = st.lists(
    st.lists(st.lists(_PIECES, max_size=20).map("".join), min_size=1, max_size=4),
    min_size=1,
    max_size=3,
)


@settings(max_examples=60, deadline=None)
@given(_DOCS)
def test_documents_are_labelled_alone_and_slice_back(docs: list[list[str]]) -> None:
    """A document's pre-labels do not depend on the documents labelled before it (workers
    split the stream between documents, never inside one), and every entity slices back."""
    sentences = [
        _sentence(t, f"d{d}", i) for d, texts in enumerate(docs) for i, t in enumerate(texts)
    ]
    together = [item.prediction for item in LABELER.label(sentences)]
    alone = [
        item.prediction
        for d in range(len(docs))
        for item in LABELER.label(s for s in sentences if s.doc_id == f"d{d}")
    ]
    assert together == alone
    for s, pred in zip(sentences, together, strict=True):
        for e in pred["entities"]:
            assert s.text[e["start"] : e["end"]] == e["text"] and e["text"].strip() == e["text"]
