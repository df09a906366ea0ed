"""Issue 13, sources: a participle cue whose left walk stops at a verb and its object ("She
also sent a letter urging"): the source is the subject before the verb, not "sent a letter"
(``verb_in.verb_in``, source v10). Texts written for the test; a property check over sentences built
from subjects, verbs, objects and participles."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.prelabel.test_claims import Claim, assert_parts_hold, claims_of

GOLDEN: list[tuple[str, list[Claim]]] = [
    # A pronoun subject and an adverb between it and the verb.
    (
        "She also sent a letter urging the board to resign.",
        [("also sent a letter urging", "She", "the board to resign", False)],
    ),
    # A relative word is the subject in a relative clause.
    (
        "The union, which released a statement questioning the ruling, will appeal.",
        [("released a statement questioning", "which", "the ruling, will appeal", False)],
    ),
    # A plural object with no determiner.
    (
        "Farm groups have launched petitions calling for lower fuel taxes.",
        [("have launched petitions calling for", "Farm groups", "lower fuel taxes", False)],
    ),
    # An object that is neither plural nor opened by a determiner is the participle's subject.
    (
        "The firm included staff members suggesting a new logo.",
        [("suggesting", "The firm included staff members", "a new logo", False)],
    ),
]


@pytest.mark.parametrize(("text", "expected"), GOLDEN)
def test_verb_first_golden(text: str, expected: list[Claim]) -> None:
    assert claims_of(text) == expected


@pytest.mark.parametrize("text", [t for t, _ in GOLDEN])
def test_verb_first_offsets(text: str) -> None:
    assert_parts_hold(text)


_SUBJECTS = ["She", "He", "The council", "Mayor Lena Ortiz", "Farm groups"]
_VERBS = ["sent", "released", "issued"]
_OBJECTS = ["a letter", "the statement", "its report", "several memos"]
_PARTICIPLES = ["urging", "saying", "questioning"]


@settings(max_examples=60, deadline=None)
@given(
    st.sampled_from(_SUBJECTS),
    st.sampled_from(["", " also"]),
    st.sampled_from(_VERBS),
    st.sampled_from(_OBJECTS),
    st.sampled_from(_PARTICIPLES),
)
def test_verb_first_source_is_the_subject(
    subject: str, adverb: str, verb: str, obj: str, participle: str
) -> None:
    text = f"{subject}{adverb} {verb} {obj} {participle} the plan was flawed."
    assert_parts_hold(text)
    claims = claims_of(text)
    assert claims
    assert claims[0][1] == subject
    assert claims[0][0] == f"{adverb.strip()} {verb} {obj} {participle}".strip()


def test_verb_first_needs_a_subject() -> None:
    # "appeared not to have enjoyed X saying": the word left of the verb ("to") is no subject.
    text = "Ms. Reyes appeared not to have enjoyed the visit saying it was too long."
    assert_parts_hold(text)
    assert all(source != "to" for _, source, _, _ in claims_of(text))
