"""The fifth claims pass of issue 13, as golden cases (cue, source, claim, direct): each rule
with a PolNeAR-style sentence that motivates it (texts written for the test), and the offsets
of every part checked against the sentence."""

from __future__ import annotations

import pytest

from tests.prelabel.test_claims import Claim, assert_parts_hold, claims_of

GOLDEN: list[tuple[str, list[Claim]]] = [
    # The fallback: a participle before "by" is a reduced passive, no cue of the words before.
    ("Tea Party groups supported by the two brothers had seized on the issue.", []),
    ("Charter schools remain popular, promoted by the governor and the mayor.", []),
    # ... the active verb stays a cue.
    ("The mayor supported the plan.", [("supported", "The mayor", "the plan", False)]),
    # A content inside a fronted prepositional or participle phrase ends with the phrase.
    (
        "Back when he wrote his book, Mr. McKinley said that debt was a last resort.",
        [
            ("wrote", "he", "his book", False),
            ("said", "Mr. McKinley", "that debt was a last resort", False),
        ],
    ),
    (
        "Writing for a panel that all agreed Pence won the debate, Mark Barabak noted that his "
        "calm was key.",
        [
            ("agreed", "all", "Pence won the debate", False),
            ("noted", "Mark Barabak", "that his calm was key", False),
        ],
    ),
    # A content inside a relative clause ends with the clause, before the main verb.
    (
        "Mr. Obama, who understood that a push would be fruitless, told his advisers to act.",
        [
            ("understood", "who", "that a push would be fruitless", False),
            (
                "told",
                "Mr. Obama, who understood that a push would be fruitless,",
                "his advisers to act",
                False,
            ),
        ],
    ),
    # The subject of a passive cue or of "seems" is part of the content, with no source.
    (
        "He seems to have a different set of rules for his wife.",
        [("seems", None, "He seems to have a different set of rules for his wife", False)],
    ),
    (
        "The veto is expected to come before the deadline.",
        [("is expected", None, "The veto is expected to come before the deadline", False)],
    ),
    (
        "Peacekeepers have been blamed for introducing cholera to Haiti.",
        [
            (
                "have been blamed for",
                None,
                "Peacekeepers have been blamed for introducing cholera to Haiti",
                False,
            )
        ],
    ),
    # A question word after "asked" opens the content; it is no object of the cue.
    (
        "Lawmakers also asked whether the deals required the aides to cooperate.",
        [
            (
                "also asked",
                "Lawmakers",
                "whether the deals required the aides to cooperate",
                False,
            )
        ],
    ),
    # ... and the content of the main clause after the phrase is whole.
    (
        "Speaking to reporters on Friday, the mayor said the bridge would reopen.",
        [("said", "the mayor", "the bridge would reopen", False)],
    ),
]


@pytest.mark.parametrize(("text", "expected"), GOLDEN)
def test_fifth_pass_golden(text: str, expected: list[Claim]) -> None:
    assert claims_of(text) == expected


@pytest.mark.parametrize("text", [t for t, _ in GOLDEN])
def test_fifth_pass_offsets(text: str) -> None:
    assert_parts_hold(text)
