"""'The depot, which, according to officials, was shelled': a relative clause interrupted by
"according to" is what the source says, drawn over both of its parts (as a quotation resumed
after its attribution is) to the end of the relative clause, not the words before the
pronoun. Golden cases written for the test, with the offsets of every part checked."""

from __future__ import annotations

import pytest
from hypothesis import given, settings

from tests.prelabel.test_claims import Claim, assert_parts_hold, claims_of
from tests.text_strategies import sentences_of

GOLDEN: list[tuple[str, list[Claim]]] = [
    (
        "Smoke rose from the fuel depot, which, according to the harbour police, was hit by a "
        "drone near Lowmoor, Eastshire, in a picture released on Tuesday.",
        [
            (
                "according to",
                "the harbour police",
                "which, according to the harbour police, was hit by a drone near Lowmoor",
                False,
            )
        ],
    ),
    # The clause ends at its comma: what follows belongs to the sentence's main clause.
    (
        "The bakery, which, according to its owners, employs 40 people, was sold on Monday.",
        [
            (
                "according to",
                "its owners",
                "which, according to its owners, employs 40 people",
                False,
            )
        ],
    ),
    (
        "The skipper, who, according to his crew, was unwell, stayed ashore.",
        [("according to", "his crew", "who, according to his crew, was unwell", False)],
    ),
    (
        "The port hired a pilot whom, according to the crew, nobody had paid.",
        [("according to", "the crew", "whom, according to the crew, nobody had paid", False)],
    ),
    # A comma inside a quotation ends nothing.
    (
        'The shop sells a kettle which, according to its maker, can "boil, pour and keep warm".',
        [
            (
                "according to",
                "its maker",
                'which, according to its maker, can "boil, pour and keep warm"',
                False,
            )
        ],
    ),
    # Without a relative pronoun before it, the clause before the comma is said, as before.
    (
        "Ferry fares rose by a fifth, according to the operator, more than last year.",
        [("according to", "the operator", "Ferry fares rose by a fifth", False)],
    ),
    # "which" inside a word is no pronoun.
    (
        "The ferry left Sandwhich, according to the operator, on time.",
        [("according to", "the operator", "The ferry left Sandwhich", False)],
    ),
]


@pytest.mark.parametrize(("text", "expected"), GOLDEN)
def test_relative_clause_golden(text: str, expected: list[Claim]) -> None:
    assert claims_of(text) == expected


@settings(max_examples=300, deadline=None)
@given(
    sentences_of(
        "which,",
        "who,",
        "whom,",
        "which",
        "according",
        "to",
        "officials,",
        "the",
        "depot",
        '"was',
        'shelled,"',
        "shelled,",
        "hit",
        ",",
        "(",
        ")",
        "—",
        "The",
        "said",
        ".",
    )
)
def test_relative_clauses_slice_back_to_their_text(text: str) -> None:
    assert_parts_hold(text)
