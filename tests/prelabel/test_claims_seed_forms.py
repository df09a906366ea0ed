"""Forms the first user's documents (a wire report and a live page on a war) showed wrong:
a quotation closed before its attribution is not resumed by the words after it ('she told
me, eyes filling up'), "US" after a cue is no object pronoun, a verb before "into" or
"appeared" before "behind" is a movement, not a stance ("blasted into ruins", "called into
the squad", "appeared behind the presenter"), and "does not rule out" keeps its particle.
Golden cases written for the test, with the offsets of every part checked."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings

from builder.errors import BuilderError
from builder.prelabel.claims import fallback_words
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
