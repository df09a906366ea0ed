"""A sentence subject of a determiner and lower-case words ends before its simple past, the verb
of its clause: "The company reported losses and said X" is the company's, not "The company
reported"'s (the subject pattern took the "-s" object for the verb). Regular "-ed" pasts,
irregular ones (cues.yaml past_forms) and a cue's own past ("said") end it; a past after an
"-ly" adverb is an adjective and stays in it. So do an "-s" present before a plural object
("The company reports losses and says X") and a past spelled as its base ("The bank cut rates
and said X", cues.yaml base_pasts) where "and" and a cue follow, but not a noun ("The tax cut
passed"); a past after an "-ly" adverb right after the determiner is an adjective ("The newly
elected mayor said X, adding Y": the mayor adds, not "The"). Golden cases (texts written for
the test), and property checks over generated sentences."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.prelabel.test_claims import Claim, assert_parts_hold, claims_of
from tests.text_strategies import sentences_of

GOLDEN: list[tuple[str, list[Claim]]] = [
    # A regular past with a plural object, then "and" and a cue.
    (
        "The company reported losses and said profits would fall.",
        [
            ("reported", "The company", "losses", False),
            ("said", "The company", "profits would fall", False),
        ],
    ),
    # ... a participle after a comma, and an irregular past (cues.yaml past_forms).
    (
        "The bakery sold loaves at cost, saying that flour was cheap.",
        [("saying", "The bakery", "that flour was cheap", False)],
    ),
    (
        "A spokeswoman gave no figures but said the plant would close.",
        [("said", "A spokeswoman", "the plant would close", False)],
    ),
    # A cue's own past: the participle has its speaker, not "The minister said the".
    (
        "The minister said the talks failed, adding that jobs were safe.",
        [
            ("said", "The minister", "the talks failed", False),
            ("adding", "The minister", "that jobs were safe", False),
        ],
    ),
    # A noun of two words before the past.
    (
        "The rail operator opened depots and said fares would rise.",
        [("said", "The rail operator", "fares would rise", False)],
    ),
    # A past after an "-ly" adverb, or right after the determiner, is an adjective.
    (
        "The newly elected mayor said the levy passed.",
        [("said", "The newly elected mayor", "the levy passed", False)],
    ),
    (
        "The elected councillors said the levy passed, adding that farmers would pay.",
        [
            ("said", "The elected councillors", "the levy passed", False),
            ("adding", "The elected councillors", "that farmers would pay", False),
        ],
    ),
]


@pytest.mark.parametrize(("text", "expected"), GOLDEN)
def test_a_subject_ends_before_its_past(text: str, expected: list[Claim]) -> None:
    assert claims_of(text) == expected
    assert_parts_hold(text)


VERBS: list[tuple[str, list[Claim]]] = [
    # An "-s" present before a bare plural object: the verb, not a noun of the subject.
    (
        "The company reports losses and says profits would fall.",
        [("says", "The company", "profits would fall", False)],
    ),
    (
        "The union now posts losses and says pay is low, adding that the strike goes on.",
        [
            ("says", "The union", "pay is low", False),
            ("adding", "The union", "that the strike goes on", False),
        ],
    ),
    # ... but a plural noun after a noun is the subject's own ("The sports teams").
    (
        "The sports teams said the levy passed, adding that fans would pay.",
        [
            ("said", "The sports teams", "the levy passed", False),
            ("adding", "The sports teams", "that fans would pay", False),
        ],
    ),
    (
        "The union leaders voted to strike and said pay was low, adding that talks failed.",
        [
            ("voted", "The union leaders", "to strike", False),
            ("said", "The union leaders", "pay was low", False),
            ("adding", "The union leaders", "that talks failed", False),
        ],
    ),
    # A past spelled as its base, before "and" and a cue.
    (
        "The bank cut rates and said inflation would fall, adding that jobs were safe.",
        [
            ("said", "The bank", "inflation would fall", False),
            ("adding", "The bank", "that jobs were safe", False),
        ],
    ),
    (
        "The bank cut its rates and told reporters that inflation would fall.",
        [("told", "The bank", "that inflation would fall", False)],
    ),
    # ... not a noun: right after the determiner, or with no "and" and cue after it.
    (
        "The tax cut passed and the mayor said it worked, adding that jobs grew.",
        [
            ("said", "the mayor", "it worked", False),
            ("adding", "the mayor", "that jobs grew", False),
        ],
    ),
    # A past after an "-ly" adverb right after the determiner is an adjective.
    (
        "The newly elected mayor said the levy passed, adding that farmers would pay.",
        [
            ("said", "The newly elected mayor", "the levy passed", False),
            ("adding", "The newly elected mayor", "that farmers would pay", False),
        ],
    ),
    # ... but after a noun and an adverb it is the verb.
    (
        "The company quickly reported losses and said profits would fall.",
        [
            ("quickly reported", "The company", "losses", False),
            ("said", "The company", "profits would fall", False),
        ],
    ),
]


@pytest.mark.parametrize(("text", "expected"), VERBS)
def test_a_subject_ends_before_its_verb_of_any_form(text: str, expected: list[Claim]) -> None:
    assert claims_of(text) == expected
    assert_parts_hold(text)


# A determiner that the subject pattern took alone ("The" before a comma) runs on to its noun;
# a gerund after a preposition ("stopped short of calling") is said by the clause's subject,
# not by the words before it; a possessor is no such subject ("Hale’s rival").
GERUNDS: list[tuple[str, list[Claim]]] = [
    (
        "The union, which led the protest, said the levy was unfair, adding that farmers would"
        " pay.",
        [
            ("said", "The union,", "the levy was unfair", False),
            ("adding", "The union", "that farmers would pay", False),
        ],
    ),
    (
        "The firm, based in Leeds, posted a loss, citing weak sales.",
        [
            ("posted", "The firm, based in Leeds,", "a loss", False),
            ("citing", "The firm", "weak sales", False),
        ],
    ),
    (
        "The union, which led the protest, stopped short of calling it a strike.",
        [("calling", "The union", "it a strike", False)],
    ),
    (
        "Ms. Hale said the levy was unfair, but stopped short of calling it a tax.",
        [
            ("said", "Ms. Hale", "the levy was unfair", False),
            ("calling", "Ms. Hale", "it a tax", False),
        ],
    ),
    (
        "But it is steering clear of criticizing the mayor.",
        [("criticizing", "it", "the mayor", False)],
    ),
    (
        "Democrats have been at the forefront of questioning the levy.",
        [("questioning", "Democrats", "the levy", False)],
    ),
    (
        "But Hale’s rival has been courting voters with a theme of questioning trade deals.",
        [("questioning", "Hale’s rival", "trade deals", False)],
    ),
    # A passive after "and" has no speaker, as one after its subject ("was accused of").
    (
        "Ms. Hale is a donor to the party and has been mentioned as a likely minister.",
        [("has been mentioned as", None, "a likely minister", False)],
    ),
    # Known: no subject is found past the possessor, and the words stay.
    (
        "But Hale’s rival, Tom Cole, has been courting voters with a theme of questioning"
        " trade deals.",
        [("questioning", "courting voters with a theme of", "trade deals", False)],
    ),
]


@pytest.mark.parametrize(("text", "expected"), GERUNDS)
def test_a_gerund_or_a_lone_determiner_has_the_clause_subject(
    text: str, expected: list[Claim]
) -> None:
    assert claims_of(text) == expected
    assert_parts_hold(text)


SUBJECTS = st.sampled_from(["The company", "The bank", "A spokesman", "The rail operator"])
PASTS = st.sampled_from(["reported", "posted", "opened", "sold", "held", "found"])
OBJECTS = st.sampled_from(["losses", "gains", "offices", "shares", "stakes"])
LINKS = st.sampled_from([" and said", ", saying", ", adding that", " and argued"])
CLAUSES = st.sampled_from(["profits would fall", "the trend would go on", "rates were low"])


@settings(max_examples=150, deadline=None)
@given(SUBJECTS, PASTS, OBJECTS, LINKS, CLAUSES)
def test_the_second_cue_has_the_subject_alone(
    subject: str, past: str, obj: str, link: str, clause: str
) -> None:
    """Whatever the past and its object, no source of the sentence runs over the past."""
    text = f"{subject} {past} {obj}{link} {clause}."
    assert_parts_hold(text)
    sources = {source for _, source, _, _ in claims_of(text) if source}
    assert subject in sources
    assert not any(past in source.split() for source in sources)


BASES = st.sampled_from(["cut", "put", "set", "hit", "let", "cost", "quit", "spread", "shut"])
PRESENTS = st.sampled_from(["reports", "posts", "opens", "sells", "holds", "expects"])
AND_CUES = st.sampled_from([" and said", " and told reporters", " and argued"])


@settings(max_examples=150, deadline=None)
@given(SUBJECTS, BASES, OBJECTS, AND_CUES, CLAUSES)
def test_a_base_past_before_and_a_cue_ends_the_subject(
    subject: str, past: str, obj: str, link: str, clause: str
) -> None:
    text = f"{subject} {past} {obj}{link} that {clause}."
    assert_parts_hold(text)
    sources = {source for _, source, _, _ in claims_of(text) if source}
    assert sources == {subject}


@settings(max_examples=150, deadline=None)
@given(SUBJECTS, PRESENTS, OBJECTS, CLAUSES)
def test_a_present_before_a_plural_object_ends_the_subject(
    subject: str, verb: str, obj: str, clause: str
) -> None:
    text = f"{subject} {verb} {obj} and says {clause}, adding that it will grow."
    assert_parts_hold(text)
    sources = {source for _, source, _, _ in claims_of(text) if source}
    assert sources == {subject}


# A source that ran from its subject over its verb to the preposition ("The senator began by",
# "She made headlines by") is cut before the verb (a simple past or a cue's form): v19.
LED = st.sampled_from(["The union", "Ms. Hale", "Officials", "She", "Democrats"])
VERB_PHRASES = st.sampled_from(
    ["stopped short of", "began by", "made headlines by", "reacted to the ruling by"]
)


@settings(max_examples=100, deadline=None)
@given(LED, VERB_PHRASES, st.sampled_from(["calling", "criticizing", "questioning"]))
def test_a_gerund_after_its_subjects_verb_has_that_subject(
    subject: str, phrase: str, cue: str
) -> None:
    text = f"{subject} {phrase} {cue} the levy a tax."
    assert_parts_hold(text)
    assert [(c, s) for c, s, _, _ in claims_of(text)] == [(cue, subject)]


def test_words_before_a_gerund_that_open_with_no_subject_are_not_cut() -> None:
    """An "-s" word is a noun too often to be taken for the verb, and a source that opens in
    lower case has no subject to cut to ("23 hours of questioning" keeps its words)."""
    text = "Under 23 hours of questioning from a prosecutor, Mr Sullivan told the court it was so."
    assert_parts_hold(text)
    assert ("questioning", "23") not in [(c, s) for c, s, _, _ in claims_of(text)]


# After an auxiliary (which ends the words a source is walked over).
PHRASES = st.sampled_from(["has stopped short of", "is steering clear of", "has been wary of"])
GERUNDS_CUES = st.sampled_from(["calling", "criticizing", "questioning"])


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(["The union", "Ms. Hale", "it", "Democrats"]), PHRASES, GERUNDS_CUES)
def test_a_gerund_after_a_preposition_has_the_subject(subject: str, phrase: str, cue: str) -> None:
    text = f"But {subject} {phrase} {cue} the levy a tax."
    assert_parts_hold(text)
    assert [(c, s) for c, s, _, _ in claims_of(text)] == [(cue, subject)]


@settings(max_examples=300, deadline=None)
@given(
    sentences_of(
        *("The", "A", "company", "newly", "reported", "sold", "said", "losses"),
        *("and", ",", "saying", "that", "it", "fell", ".", "cut", "reports", "tax"),
        *("quickly", "elected", "rates", "says", "adding", "of", "calling", "short"),
    )
)
def test_every_part_is_the_text_at_its_offsets(text: str) -> None:
    assert_parts_hold(text)
