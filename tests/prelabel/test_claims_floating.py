"""Issue 13, sources: a quantifier floated to the verb ("Ms. Hale and Mr. Oduya both said") is
no source; the walk passes it to the noun phrase before it (``Lexicon.floats``, cues.yaml
``floating``). Texts written for the test; a property check over built sentences."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.prelabel.test_claims import Claim, assert_parts_hold, claims_of

GOLDEN: list[tuple[str, list[Claim]]] = [
    (
        "Ms. Hale and Mr. Oduya both said the bridge was unsafe.",
        [("said", "Ms. Hale and Mr. Oduya", "the bridge was unsafe", False)],
    ),
    # ... past an auxiliary before it too.
    (
        "The two senators have both argued that the levy is a tax.",
        [("argued", "The two senators", "that the levy is a tax", False)],
    ),
    ("The ministers all urged a new vote.", [("urged", "The ministers", "a new vote", False)]),
    # A quantifier that opens the sentence, or follows "and", is the source itself.
    ("Both said the bridge was unsafe.", [("said", "Both", "the bridge was unsafe", False)]),
    (
        "Both are farmers and both have said the levy is unfair.",
        [("have said", "both", "the levy is unfair", False)],
    ),
]


@pytest.mark.parametrize(("text", "expected"), GOLDEN)
def test_floating_golden(text: str, expected: list[Claim]) -> None:
    assert claims_of(text) == expected


@pytest.mark.parametrize("text", [t for t, _ in GOLDEN])
def test_floating_offsets(text: str) -> None:
    assert_parts_hold(text)


@settings(max_examples=60, deadline=None)
@given(
    st.sampled_from(["The farmers", "Ms. Hale and Mr. Oduya", "The two unions", "They"]),
    st.sampled_from(["both", "all", "each"]),
    st.sampled_from(["said", "argued", "claimed", "have said"]),
)
def test_floating_quantifier_is_no_source(subject: str, quantifier: str, verb: str) -> None:
    text = f"{subject} {quantifier} {verb} that the levy was unfair."
    assert_parts_hold(text)
    claims = claims_of(text)
    assert claims
    assert claims[0][1] == subject
