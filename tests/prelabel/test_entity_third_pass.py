"""Entity rules of issue 13's third pass: no person right after "the", unless a noun a
person owns follows ("the Clinton administration").

All texts are written for these tests (no text from the evaluation sets); the names are made
up where a list could know them.
"""

from __future__ import annotations

import pytest

from tests.prelabel.test_entity_context import in_document, named


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # Two words that would read as a person: after "the", a team, an index, a building.
        ("Velmora lost to the Grey Brelks on Sunday .", "Grey Brelks"),
        ("The Tarvel Brokk index fell 31 points .", "Tarvel Brokk"),
        ("He spoke outside the Pale Hollins after the vote .", "Pale Hollins"),
        # A given name after "the" names no one either ("the Chelsea defender").
        ("He fouled the Karen defender in the box .", "Karen"),
    ],
)
def test_no_person_after_the(text: str, name: str) -> None:
    labels = dict(named(text))
    assert name in labels
    assert labels[name] != "PERSON"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # Without the article the same words still read as a person.
        ("Grey Brelks said he would stay .", "Grey Brelks"),
        ("On Friday , Tarvel Brokk lost the final .", "Tarvel Brokk"),
        # A title or a role noun between "the" and the name keeps the person.
        ("He met the coach Tarvel Brokk on Monday .", "Tarvel Brokk"),
    ],
)
def test_a_name_without_the_stays_a_person(text: str, name: str) -> None:
    assert (name, "PERSON") in named(text)


def test_the_memory_does_not_carry_a_person_from_after_the() -> None:
    labels = in_document(["Shares rose as the Tarvel Brokk index gained .", "Brokk rose again ."])
    assert ("Tarvel Brokk", "PERSON") not in labels[0]
    assert ("Brokk", "PERSON") not in labels[1]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Officials of the Karen Brelk administration resigned .", "Karen Brelk"),
        ("The Karen Brelk family sold the firm .", "Karen Brelk"),
    ],
)
def test_a_noun_a_person_owns_keeps_the_person_after_the(text: str, name: str) -> None:
    assert (name, "PERSON") in named(text)
