"""A cue that continues a reporting verb (", adding that", "and said") shares its speaker: the
subject of that verb's clause, also after a first clause with a regular "-ed" past ("Sales
dropped and the company said X, adding Y": the company adds, as after "Sales fell"), and the
source of a trailing attribution right before the comma ("X, BMW said, adding Y"). Golden
cases (texts written for the test), offsets, and property checks over generated sentences."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from builder.model import ClaimVote, Sentence
from builder.prelabel.claims.fallback import claim_cue_fallback
from builder.prelabel.lf import DocContext
from tests.prelabel.test_claims import Claim, assert_parts_hold, claims_of

GOLDEN: list[tuple[str, list[Claim]]] = [
    # A regular past ends a clause of its own before "and", as an irregular one does.
    (
        "Sales dropped and the company said profits would fall, adding that jobs were safe.",
        [
            ("said", "the company", "profits would fall", False),
            ("adding", "the company", "that jobs were safe", False),
        ],
    ),
    (
        "Sales fell and the company said profits would fall, adding that jobs were safe.",
        [
            ("said", "the company", "profits would fall", False),
            ("adding", "the company", "that jobs were safe", False),
        ],
    ),
    # ... with a time or an auxiliary after the verb, or before the second cue.
    (
        "Exports recovered last year and Ms. Hale predicted the trend would go on, saying that"
        " rates were low.",
        [
            ("predicted", "Ms. Hale", "the trend would go on", False),
            ("saying", "Ms. Hale", "that rates were low", False),
        ],
    ),
    (
        "The firm has cut jobs and analysts said it was wise, adding that more would go.",
        [
            ("said", "analysts", "it was wise", False),
            ("adding", "analysts", "that more would go", False),
        ],
    ),
    # A stance participle (the cue fallback) has that speaker too.
    (
        "Shares slumped and the bank said profits would fall, opposing any new tax.",
        [
            ("said", "the bank", "profits would fall", False),
            ("opposing", "the bank", "any new tax", False),
        ],
    ),
    # The subject's own cue, or a second verb of the same subject, keeps it the speaker.
    (
        "The mayor said the levy passed, adding that farmers would pay.",
        [
            ("said", "The mayor", "the levy passed", False),
            ("adding", "The mayor", "that farmers would pay", False),
        ],
    ),
    (
        "Ms. Hale opposed the levy and said it was unfair, adding that farmers would pay.",
        [
            ("opposed", "Ms. Hale", "the levy", False),
            ("said", "Ms. Hale", "it was unfair", False),
            ("adding", "Ms. Hale", "that farmers would pay", False),
        ],
    ),
    # No speaker after "and" is found past a number and "will": the subject stays.
    (
        "A hearing scheduled for May 16 and 17 will rule on whether the court has a say.",
        [("will rule", "A hearing", "on whether the court has a say", False)],
    ),
    # After a trailing attribution, its source, not the first words of the sentence.
    (
        "The levy will cost jobs, the union said, adding that it would strike.",
        [
            ("said", "the union", "The levy will cost jobs", False),
            ("adding", "the union", "that it would strike", False),
        ],
    ),
    # ... also after the cue's frame ("on Monday", "in a statement").
    (
        "The levy will cost jobs, the union said on Monday, adding that it would strike.",
        [
            ("said", "the union", "The levy will cost jobs", False),
            ("adding", "the union", "that it would strike", False),
        ],
    ),
    # ... as the chained cue already had it where the sentence opens with a quotation.
    (
        '"It will cost jobs," the union said, adding that it would strike.',
        [
            ("said", "the union", '"It will cost jobs,"', True),
            ("adding", "the union", "that it would strike", False),
        ],
    ),
    (
        "Sales dropped and profits plunged, the company said, adding that jobs were safe.",
        [
            ("said", "the company", "Sales dropped and profits plunged", False),
            ("adding", "the company", "that jobs were safe", False),
        ],
    ),
]


@pytest.mark.parametrize(("text", "expected"), GOLDEN)
def test_a_continuing_cue_has_the_speaker_of_the_verb_it_continues(
    text: str, expected: list[Claim]
) -> None:
    assert claims_of(text) == expected
    assert_parts_hold(text)


SUBJECTS = st.sampled_from(["Sales", "Prices", "The shares", "Oil output", "Exports"])
REGULAR = st.sampled_from(["dropped", "climbed", "slumped", "jumped", "recovered"])
IRREGULAR = st.sampled_from(["fell", "rose", "sank", "grew"])
AFTER = st.sampled_from(["", " sharply", " in 2016", " last year"])
SPEAKERS = st.sampled_from(["the company", "analysts", "the bank", "Ms. Hale", "officials"])
CUES = st.sampled_from(["said", "argued", "predicted", "has said"])
CLAUSES = st.sampled_from(["profits would fall", "the trend would go on", "rates were low"])
PARTICIPLES = st.sampled_from(["adding", "noting", "saying"])


@settings(max_examples=150, deadline=None)
@given(SUBJECTS, REGULAR, IRREGULAR, AFTER, SPEAKERS, CUES, CLAUSES, CLAUSES, PARTICIPLES)
def test_a_regular_past_is_read_as_an_irregular_one(
    subject: str,
    regular: str,
    irregular: str,
    after: str,
    speaker: str,
    cue: str,
    said: str,
    added: str,
    participle: str,
) -> None:
    """The claims read the same with either past before "and" (no part spans it), and the
    continuing cue has the second clause's speaker."""
    rest = f"{after} and {speaker} {cue} {said}, {participle} that {added}."
    text = f"{subject} {regular}{rest}"
    assert_parts_hold(text)
    claims = claims_of(text)
    assert claims == claims_of(f"{subject} {irregular}{rest}")
    assert (participle, speaker, f"that {added}", False) in claims


@settings(max_examples=100, deadline=None)
@given(SUBJECTS, REGULAR, SPEAKERS, CUES, PARTICIPLES, CLAUSES)
def test_a_participle_after_a_trailing_attribution_has_its_source(
    subject: str, verb: str, speaker: str, cue: str, participle: str, added: str
) -> None:
    text = f"{subject} {verb} by a tenth, {speaker} {cue}, {participle} that {added}."
    assert_parts_hold(text)
    claims = claims_of(text)
    assert (participle, speaker, f"that {added}", False) in claims


def _fallback_sources(text: str) -> dict[str, str | None]:
    """cue -> source of the cue fallback's own votes (before aggregation)."""
    votes = claim_cue_fallback(Sentence("s", "d", 0, 0, len(text), text), DocContext("d"))
    return {
        text[v.cue.start : v.cue.end]: text[v.source.start : v.source.end] if v.source else None
        for v in votes
        if isinstance(v, ClaimVote) and v.cue is not None
    }


@settings(max_examples=100, deadline=None)
@given(SUBJECTS, REGULAR, SPEAKERS, CUES, st.sampled_from(["opposing", "supporting", "backing"]))
def test_the_fallback_gives_a_stance_participle_the_trailing_source(
    subject: str, verb: str, speaker: str, cue: str, participle: str
) -> None:
    """The cue fallback's own vote for a stance participle after a trailing attribution ("X,
    the bank said, opposing Y") has the attribution's source, as the chained cue's has."""
    text = f"{subject} {verb} by a tenth, {speaker} {cue}, {participle} any new tax."
    assert _fallback_sources(text).get(participle) == speaker


# Words the continuation reads (verbs, "and", auxiliaries, times, commas), for offsets.
WORDS = st.sampled_from(
    [
        "Sales",
        "The",
        "company",
        "dropped",
        "fell",
        "and",
        "has",
        "will",
        "last",
        "year",
        "16",
        "said",
        "adding",
        "saying",
        "opposing",
        "that",
        "jobs",
        "were",
        "safe",
        "Ms.",
        "Hale",
        ",",
        '"',
        ".",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(WORDS, max_size=20).map(" ".join))
def test_every_part_is_the_text_at_its_offsets(text: str) -> None:
    assert_parts_hold(text)
