"""The sixth claims pass of issue 13, as golden cases (cue, source, claim, direct): each rule
with a PolNeAR-style sentence that motivates it (texts written for the test), the offsets of
every part checked against the sentence, and a property check over sentences built from the
words these rules read."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from builder.prelabel.claims.quotes import find_quotes
from tests.prelabel.test_claims import Claim, assert_parts_hold, claims_of

GOLDEN: list[tuple[str, list[Claim]]] = [
    # A straight mark after punctuation closes a quotation an earlier sentence opened.
    (
        'It would be a costly mistake," Mayor Lena Ortiz said.',
        [("said", "Mayor Lena Ortiz", 'It would be a costly mistake,"', True)],
    ),
    # An inverted source may open with its title in lower case.
    (
        '"The bridge is safe," said engineer Paul Varga.',
        [("said", "engineer Paul Varga", '"The bridge is safe,"', True)],
    ),
    # ... not with a preposition: when, not who.
    ('"The bridge is safe," he said on Tuesday.', [("said", "he", '"The bridge is safe,"', True)]),
    # A content ends before a clause of its own with a pronoun subject.
    (
        "Ms. Okafor said the levy would pass, and she left the room early.",
        [("said", "Ms. Okafor", "the levy would pass", False)],
    ),
    # ... and before a relative clause on a person.
    (
        "Ms. Okafor said the levy hurt Mr. Dunn, who has farmed here for years.",
        [("said", "Ms. Okafor", "the levy hurt Mr. Dunn", False)],
    ),
    # ... and before a second predicate negated after "but".
    (
        "Mr. Dunn said the plan was fair but did not attend the meeting.",
        [("said", "Mr. Dunn", "the plan was fair", False)],
    ),
    # A -s form before an auxiliary is a plural noun, no cue.
    ("Rising worries have slowed the market.", []),
    ("Only 12 electoral votes are still in play.", []),
    # "CONTENT, according to X, ...": the clause before the comma is what is said.
    (
        "Sales fell 4 percent, according to the Retail Council, the lowest in a decade.",
        [("according to", "the Retail Council", "Sales fell 4 percent", False)],
    ),
    # ... and "According to X, CONTENT" still reads right.
    (
        "According to the Retail Council, sales fell 4 percent.",
        [("According to", "the Retail Council", "sales fell 4 percent", False)],
    ),
    # "X issued a statement calling Y": the verb, its object and the participle are the cue.
    (
        "The council issued a statement calling the vote a mistake.",
        [("issued a statement calling", "The council", "the vote a mistake", False)],
    ),
    (
        "Ortiz keeps saying the count was wrong.",
        [("keeps saying", "Ortiz", "the count was wrong", False)],
    ),
    # A source stops before an aside between commas ...
    (
        "Governor Ann Pike, at a press conference, said the dam would hold.",
        [("said", "Governor Ann Pike", "the dam would hold", False)],
    ),
    # ... but keeps an apposition and its closing comma.
    (
        "Ann Pike, the governor, said the dam would hold.",
        [("said", "Ann Pike, the governor,", "the dam would hold", False)],
    ),
    # A content keeps the mark that opens its quotation.
    (
        "The senator attacked “the reckless budget.”",
        [("attacked", "The senator", "“the reckless budget.”", False)],
    ),
    # "which X called Y": the relative word is the cue's object, the content runs from it.
    (
        "The levy, which Mayor Lena Ortiz says is a tax on bread, was cut.",
        [("says", "Mayor Lena Ortiz", "which Mayor Lena Ortiz says is a tax on bread", False)],
    ),
    # ... in the cue fallback too.
    (
        "They kept the old mine, which the owners wanted to sell.",
        [("wanted", "the owners", "which the owners wanted to sell", False)],
    ),
    # ... not when a "that" clause follows the cue: "which" is its subject's antecedent.
    (
        "He cited a study, which critics argued that nobody had read.",
        [("cited", "He", "a study", False), ("argued", "critics", "that nobody had read", False)],
    ),
    # A quotation closed on a comma resumes after the rest of its attribution.
    (
        '"Every time you say that," Ortiz said, pointing at the chart, "you lose a vote."',
        [
            (
                "said",
                "Ortiz",
                '"Every time you say that," Ortiz said, pointing at the chart, "you lose a vote."',
                True,
            )
        ],
    ),
    # A source stops before a clitic, which the cue keeps.
    (
        "She’s claiming that the count was wrong.",
        [("’s claiming", "She", "that the count was wrong", False)],
    ),
    # A second predicate after "but" has the sentence's subject.
    (
        "Farmers said they want fair prices, but pledged to keep the roads open.",
        [
            ("said", "Farmers", "they want fair prices", False),
            ("pledged", "Farmers", "to keep the roads open", False),
        ],
    ),
    # A participle that names what the comma before it follows is no cue.
    ("The transition in Burma, also known as Myanmar, could succeed.", []),
    ("The levy, known as the bread tax, was cut.", []),
    # Names joined by "and" after a connective are one source.
    (
        "But Ms. Hale and Mr. Oduya say other changes are needed.",
        [("say", "Ms. Hale and Mr. Oduya", "other changes are needed", False)],
    ),
]


@pytest.mark.parametrize(("text", "expected"), GOLDEN)
def test_sixth_pass_golden(text: str, expected: list[Claim]) -> None:
    assert claims_of(text) == expected


@pytest.mark.parametrize("text", [t for t, _ in GOLDEN])
def test_sixth_pass_offsets(text: str) -> None:
    assert_parts_hold(text)


def test_a_straight_mark_that_opens_stays_an_opening() -> None:
    quotes = find_quotes('He said, "We will build it," and left.')
    assert quotes.regions == ((10, 27),)
    assert not quotes.continued
    closing = find_quotes('We will build it," he said.')
    assert closing.regions == ((0, 17),) and closing.continued


# The words and marks the rules of this pass read, so that generated sentences reach them.
WORDS = st.sampled_from(
    [
        "said",
        "says",
        "votes",
        "worries",
        "are",
        "have",
        "according",
        "to",
        "the",
        "Council",
        "Ann",
        "Pike",
        "widow",
        "engineer",
        "at",
        "like",
        "in",
        "and",
        "she",
        "he",
        "She’s",
        "I've",
        "claiming",
        ",",
        '"',
        '."',
        ',"',
        "''",
        "”",
        "“",
        ".",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(WORDS, max_size=20).map(" ".join))
def test_every_part_is_the_text_at_its_offsets(text: str) -> None:
    assert_parts_hold(text)
