"""Forms the first user's documents (a wire report and a live page on a war) showed wrong:
a quotation closed before its attribution is not resumed by the words after it ('she told
me, eyes filling up'), "US" after a cue is no object pronoun, a verb before "into" or
"appeared" before "behind" is a movement, not a stance ("blasted into ruins", "called into
the squad", "appeared behind the presenter"), and "does not rule out" keeps its particle;
"ruled out of the match", "cannot be confirmed" and a verb before "as" opening a clause of
time ("A dog barked as workers walked") are no cues (twelfth session).
Golden cases written for the test, with the offsets of every part checked."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings

from builder.errors import BuilderError
from builder.prelabel.claims import fallback_words
from builder.prelabel.claims.as_words import as_clause, said_before
from builder.prelabel.claims.lexicon import CUES_FILE
from tests.prelabel.test_claims import Claim, assert_parts_hold, claims_of
from tests.text_strategies import sentences_of

GOLDEN: list[tuple[str, list[Claim]]] = [
    (
        '"I rarely cry, but this is awful," she told me, eyes filling up.',
        [("told", "she", '"I rarely cry, but this is awful,"', True)],
    ),
    # A clause the attribution interrupts still resumes, quoted or not.
    (
        "The latest launch, the ferry company said, was its busiest yet.",
        [
            (
                "said",
                "the ferry company",
                "The latest launch, the ferry company said, was its busiest yet",
                False,
            )
        ],
    ),
    (
        'Drivers must learn "safe habits" he says, such as locking the doors.',
        [
            (
                "says",
                "he",
                'Drivers must learn "safe habits" he says, such as locking the doors',
                False,
            )
        ],
    ),
    (
        "He also says US and EU officials were wrong about the fees.",
        [("also says", "He", "US and EU officials were wrong about the fees", False)],
    ),
    (
        "He told us the fees were wrong.",
        [("told", "He", "the fees were wrong", False)],
    ),
    # "out" is the cue's after "rule": the content starts after it.
    (
        "The harbour board did not rule out a fee rise.",
        [("did not rule out", "The harbour board", "a fee rise", False)],
    ),
    ("Whole streets of the harbour town have been blasted into rubble.", []),
    # A voice speaks into a microphone; "called into question" is a stance.
    (
        "The skipper said into the microphone that the fees were rigged.",
        [("said", "The skipper", "into the microphone that the fees were rigged", False)],
    ),
    (
        "The senator called into question the harbour figures.",
        [("called", "The senator", "into question the harbour figures", False)],
    ),
    ("The winger was called into the squad on Sunday night.", []),
    ("A protester appeared behind the presenter on the evening news.", []),
    # claim_cue_fallback v47: "ruled out" before a preposition has no object; what is ruled
    # out (a player, a try) is its subject, and no one's stance.
    ("The winger has been ruled out of the cup final with a torn hamstring.", []),
    ("The home side's late try was ruled out for a knock-on.", []),
    ("With their keeper ruled out until March, the club signed a loan player.", []),
    ("The striker was ruled out for six weeks after the clash.", []),
    # but "ruled out of hand" is the idiom of a refusal, a stance (review).
    (
        "Mayor Brelk ruled out of hand any pact with the ferry owners.",
        [("ruled out", "Mayor Brelk", "of hand any pact with the ferry owners", False)],
    ),
    (
        "The harbour board has ruled out any rise in fees.",
        [("has ruled out", "The harbour board", "any rise in fees", False)],
    ),
    # A negated passive of verification states what no one could check.
    (
        "The harbour board says it sold 900 tickets, though this cannot be confirmed.",
        [("says", "The harbour board", "it sold 900 tickets", False)],
    ),
    ("The figures could not be independently verified.", []),
    ("The ferry's new timetable hasn't yet been confirmed.", []),
    # "as" opening a clause of time after a verb is neither its particle nor its content.
    ("A dog barked as the ferry crews walked home.", []),
    ("Two councillors did not comment as they left the hall.", []),
    (
        'The port would stay open for "the forgotten towns", Tom Brelk pledged as he left.',
        [("pledged", "Tom Brelk", 'The port would stay open for "the forgotten towns"', False)],
    ),
    # A verb of regard keeps its "as", before an adverb and participle or a participle too.
    (
        "Critics denounced the levy as poorly planned.",
        [("denounced", "Critics", "the levy as poorly planned", False)],
    ),
    (
        "The harbour board was widely reported as having raised its fees.",
        [
            (
                "was widely reported as",
                None,
                "The harbour board was widely reported as having raised its fees",
                False,
            )
        ],
    ),
    # After "said" the clause may open what is said ("as costs rose, fees should too").
    (
        "The mayor said as costs rose, fees should rise too.",
        [("said", "The mayor", "as costs rose, fees should rise too", False)],
    ),
    # A set phrase of "as" opens the content, not a clause: no particle either (review).
    (
        "The dockers' union warned as many as 300 jobs were at risk.",
        [("warned", "The dockers' union", "as many as 300 jobs were at risk", False)],
    ),
    # "saying" is a form of "say" like "said": its "as" is no particle of the cue.
    (
        "Officials are saying as the gale struck that two piers were shut.",
        [
            (
                "are saying",
                "Officials",
                "as the gale struck that two piers were shut",
                False,
            )
        ],
    ),
    # Confirmation by someone stays an attribution.
    (
        "The closure was confirmed by the harbour board.",
        [("was confirmed", "the harbour board", "The closure", False)],
    ),
]


@pytest.mark.parametrize(("text", "expected"), GOLDEN)
def test_seed_forms_golden(text: str, expected: list[Claim]) -> None:
    assert claims_of(text) == expected


@settings(max_examples=300, deadline=None)
@given(
    sentences_of(
        '"It',
        'awful,"',
        "she",
        "told",
        "me,",
        "eyes",
        "filling",
        "US",
        "says",
        "into",
        "blasted",
        "appeared",
        "behind",
        ",",
        '"',
        "the",
        "said,",
        "was",
        "ruled",
        "out",
        "of",
        "for",
        "cannot",
        "be",
        "confirmed",
        "not",
        "as",
        "barked",
        "he",
        "walked",
        "crews",
        ".",
    )
)
def test_seed_forms_slice_back_to_their_text(text: str) -> None:
    assert_parts_hold(text)


@pytest.fixture
def cue_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A copy of cues.yaml the fallback's gates read, for a test to change."""
    copy = tmp_path / "cues.yaml"
    copy.write_bytes(CUES_FILE.read_bytes())
    monkeypatch.setattr(fallback_words, "CUES_FILE", copy)
    fallback_words.gates.cache_clear()
    yield copy
    fallback_words.gates.cache_clear()  # the real file's again for the next test


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ("into_voices: [say, mutter]", None),
        ("into_voices: [say, no]", "non-words"),  # YAML reads an unquoted "no" as false
        ("into_voices: say", "must be a list"),
        ("", "no `into_voices`"),
    ],
)
def test_the_voices_before_into_are_a_checked_word_list_of_the_cue_data(
    cue_data: Path, line: str, problem: str | None
) -> None:
    text = cue_data.read_text(encoding="utf-8")
    start = text.index("into_voices:")
    cue_data.write_text(text[:start] + line + text[text.index("\n", start) :], encoding="utf-8")
    if problem is None:
        assert fallback_words.gates()[2] == {"say", "mutter"}
        return
    with pytest.raises(BuilderError, match=problem) as raised:
        fallback_words.gates()
    assert raised.value.code == "E401"


@pytest.mark.parametrize(
    ("text", "opens"),
    [
        ("as the ferry crews walked home", True),
        ("as he left", True),
        ("as the river rose", True),
        ("  as costs rose", True),  # after the blanks a cue leaves
        ("as toothless", False),
        ("as poorly planned", False),  # an adverb and a participle: an adjective
        ("as having raised its fees", False),
        ("as a file called X", False),  # a participle that names
        ("as if the town had won", False),
        ("as flawed and the council claimed", False),  # past a conjunction: another clause
        ("as a man who failed", False),
        ("was seen as he left", False),  # no "as" here
        ("as many as 300 jobs were lost", False),  # set phrases of "as" (review)
        ("as much as the fees rose", False),
        ("as part of the board resigned", False),
        ("as well as the board resigned", False),
    ],
)
def test_as_clause(text: str, opens: bool) -> None:
    assert as_clause(text, 0) is opens


def test_as_clause_passive_keeps_the_particle() -> None:
    # A form of "be" just before: a passive cue, its content the subject (PolNeAR's).
    text = "The fees were made clear on Sunday as crews walked home."
    assert not as_clause(text, text.index(" as "))


def test_as_clause_reads_no_passive_inside_an_aside() -> None:
    # A "be" between commas belongs to a relative clause, not to the cue.
    text = "The warden, who was re-elected, pledged as he left that fees would fall."
    assert as_clause(text, text.index(" as "))


@pytest.mark.parametrize(
    ("text", "end", "said"),
    [
        ("officials are saying as", 20, True),
        ("he said as", 7, True),
        ("she says", 8, True),
        ("an essay", 8, False),
        ("unsaid", 6, False),
        ("say", 3, True),
    ],
)
def test_said_before_reads_the_whole_word(text: str, end: int, said: bool) -> None:
    assert said_before(text, end) is said
