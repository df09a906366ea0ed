"""Issue 13, the train gap (ninth session): "X claims that" (a form that is a plural noun as
often), a question put in the passive ("When asked by X whether"), a poll's finding ("In a
poll released on Monday, X"), a view ("To many farmers, X") and a participle after a
preposition (an adjective: "a lead in pledged votes") and the subject of a gerund after "by"
past an object ("X went further than Y on Z by proposing"), as golden cases written for the
test, with the offsets of every part checked against the sentence."""

from __future__ import annotations

import pytest
from hypothesis import given, settings

from tests.prelabel.test_claims import Claim, assert_parts_hold, claims_of
from tests.text_strategies import sentences_of

GOLDEN: list[tuple[str, list[Claim]]] = [
    # "claims" before a clause is the verb; after a possessive or a preposition, or before
    # "of" or "as", it is the noun.
    (
        "The ferry company claims that the harbour fees doubled.",
        [("claims", "The ferry company", "that the harbour fees doubled", False)],
    ),
    (
        "The fisherman also claims he was never paid for the catch.",
        [("also claims", "The fisherman", "he was never paid for the catch", False)],
    ),
    ("Doubts grew over claims that the harbour fees doubled.", []),
    # ... and only after a subject: not after a verb, a preposition or a gerund.
    (
        "The mayor derided union claims they could cut the harbour fees.",
        [("derided", "The mayor", "union claims they could cut the harbour fees", False)],
    ),
    ("Protests came amid fresh claims that the harbour fees doubled.", []),
    (
        "The ferry company raised its fares and claims that the harbour fees doubled.",
        [("claims", "The ferry company", "that the harbour fees doubled", False)],
    ),
    ("Nobody has checked the claims of unpaid wages.", []),
    # A modifier alone is no subject, nor a word after the preposition the walk stopped at.
    ("Ferry shares fell after fresh claims that the harbour fees doubled.", []),
    ("Such claims that the harbour fees doubled are wrong.", []),
    ("Her claims that the harbour fees doubled were wrong.", []),
    ("Ferry shares fell after union claims that the harbour fees doubled.", []),
    ("A row with union claims that the harbour fees doubled.", []),
    ("The ferry boss makes claims that the harbour fees doubled.", []),
    # A possessive inside the subject is no bar; "the" opens a clause only with a verb.
    (
        "His skipper claims that the harbour fees doubled.",
        [("claims", "His skipper", "that the harbour fees doubled", False)],
    ),
    (
        "Her crew claims the harbour board ignored the warnings.",
        [("claims", "Her crew", "the harbour board ignored the warnings", False)],
    ),
    ("The ferry claims the record with a crossing in two hours.", []),
    ("The skipper, claims that the harbour fees doubled.", []),
    ("Dredging claims that the harbour fees doubled.", []),
    # A question put in the passive: "asked" the cue, the asker (if named) its source.
    (
        "When asked by a reporter whether the bridge would open in May, the mayor smiled.",
        [("asked", "a reporter", "whether the bridge would open in May", False)],
    ),
    (
        'Asked if the levy was "fair to small farms," the minister smiled.',
        [("Asked", None, 'if the levy was "fair to small farms,"', False)],
    ),
    # Any question word opens the question.
    (
        "Asked how the ferry would pay for itself, the mayor smiled.",
        [("Asked", None, "how the ferry would pay for itself", False)],
    ),
    (
        "Asked why the line closed, the skipper shrugged.",
        [("Asked", None, "why the line closed", False)],
    ),
    (
        "The skipper shrugged when asked how the ferry would pay for itself.",
        [("asked", None, "how the ferry would pay for itself", False)],
    ),
    (
        "She was asked by a caller why the ferry line was closed.",
        [("asked", "a caller", "why the ferry line was closed", False)],
    ),
    (
        "Once asked how the ferry would pay, the mayor left.",
        [("asked", None, "how the ferry would pay", False)],
    ),
    # A passive "asked" the speech verb found already is no second cue.
    (
        "The mayor was asked whether the levy would rise.",
        [("was asked", None, "The mayor was asked whether the levy would rise", False)],
    ),
    # A walk to the left that found a source only a word or three into the question ends the
    # question at the answer's cue, not at that source.
    (
        'Asked if Hale would sail Roe said: "Not this year."',
        [
            ("Asked", None, "if Hale would sail Roe", False),
            ("said:", "Hale would sail Roe", '"Not this year."', True),
        ],
    ),
    ('"Asked whether the levy would rise, the mayor smiled."', []),
    # With no comma, the question ends where the answer's attribution begins.
    (
        'Asked whether the levy would rise he said: "Not this year."',
        [
            ("Asked", None, "whether the levy would rise", False),
            ("said:", "he", '"Not this year."', True),
        ],
    ),
    # The asker's own question is the speech verb's, with its subject.
    (
        "Several growers asked whether the levy would rise.",
        [("asked", "Several growers", "whether the levy would rise", False)],
    ),
    # A poll's finding, as "according to" a poll.
    (
        "In a county poll released on Monday, most voters backed the new ferry line.",
        [
            (
                "In",
                "a county poll released on Monday",
                "most voters backed the new ferry line",
                False,
            )
        ],
    ),
    ("In the polls, anyway.", []),
    # A comma between digits is the number's, not the source's end.
    (
        "In a survey of 2,140 ferry users, most riders backed the new line.",
        [("In", "a survey of 2,140 ferry users", "most riders backed the new line", False)],
    ),
    # The clause after the comma has a cue of its own: the speech verb's.
    (
        "In a poll released on Monday, riders said they backed the new line.",
        [("said", "riders", "they backed the new line", False)],
    ),
    # The poll noun must head the opening phrase.
    ("In the weeks after the poll closed, the ferry company cut two routes.", []),
    ("In a town where polls close early, the ferry company cut two routes.", []),
    # After a conjunction, a lower-case "in".
    (
        "But in a new poll, most riders backed the new line.",
        [("in", "a new poll", "most riders backed the new line", False)],
    ),
    # The finding's clause ends before ", but".
    (
        "In a county poll, most riders backed the new line, but few of them pay for it.",
        [("In", "a county poll", "most riders backed the new line", False)],
    ),
    # A poll inside a quotation is the quotation's.
    ('"In a county poll, most riders backed the new line."', []),
    (
        "In a recent study, two economists found that harbour wages fell.",
        [
            ("found", "two economists", "that harbour wages fell", False),
        ],
    ),
    # A view held by someone named first.
    (
        "To many farmers, the levy is a tax by another name.",
        [("To", "many farmers", "the levy is a tax by another name", False)],
    ),
    (
        "To Ms. Hale, the harbour plan is a gamble with public money.",
        [("To", "Ms. Hale", "the harbour plan is a gamble with public money", False)],
    ),
    ("To date, the harbour plan has cost four million pounds.", []),
    # A holder is a person: a titled name, a pronoun, a quantifier or a plural for people.
    ("To Harwich, the win meant a place in the final.", []),
    (
        "To many Londoners, the levy is a tax by another name.",
        [("To", "many Londoners", "the levy is a tax by another name", False)],
    ),
    (
        "But to many farmers, the levy is a tax by another name.",
        [("to", "many farmers", "the levy is a tax by another name", False)],
    ),
    (
        "To sceptics, the levy is a tax by another name.",
        [("To", "sceptics", "the levy is a tax by another name", False)],
    ),
    ("to many farmers, the levy is a tax by another name.", []),
    (
        "To many farmers, the levy is a tax, but few of them vote.",
        [("To", "many farmers", "the levy is a tax", False)],
    ),
    ('"To many farmers, the levy is a tax by another name."', []),
    ("To make matters worse, the ferry broke down off the point.", []),
    ("To some extent, the harbour plan has paid for itself.", []),
    ("To Ann Roe, of Leeds: when you earned ten pounds a week, it was worth something.", []),
    # A gerund after "by" whose walk to the left stopped inside an object and its phrase
    # ("than Mr. Dean on the harbour by"): the sentence's subject speaks.
    (
        "The mayor went further than Mr. Dean on the harbour by proposing a new levy.",
        [("proposing", "The mayor", "a new levy", False)],
    ),
    (
        "Ann Roe has stepped up her feud with Mr. Dean by claiming the harbour plan is unlawful.",
        [("claiming", "Ann Roe", "the harbour plan is unlawful", False)],
    ),
    # A participle after a preposition is an adjective: no cue.
    ("The mayor holds a wide lead in pledged votes before the count.", []),
]


@pytest.mark.parametrize(("text", "expected"), GOLDEN)
def test_train_gap_golden(text: str, expected: list[Claim]) -> None:
    assert claims_of(text) == expected


@pytest.mark.parametrize("text", [t for t, _ in GOLDEN])
def test_train_gap_offsets(text: str) -> None:
    assert_parts_hold(text)


@settings(max_examples=300, deadline=None)
@given(
    sentences_of(
        *("In", "in", "But", "a", "poll", "survey", ",", "2,140", "To", "many", "Ms.", "Hale"),
        *("asked", "Asked", "how", "fresh", "Such", "makes", "council", "ignored", "with"),
        *("by", "whether", "if", "about", "when", "was", "claims", "that", "he", "his", "of"),
        *("the", "levy", "is", "a", "tax", '"', "“", "”", "pledged", "in", "votes", "."),
    )
)
def test_new_patterns_slice_back_to_their_text(text: str) -> None:
    assert_parts_hold(text)
