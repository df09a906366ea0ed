"""The fifth claims pass of issue 13, as golden cases (cue, source, claim, direct): each rule
with a PolNeAR-style sentence that motivates it (texts written for the test), and the offsets
of every part checked against the sentence."""

from __future__ import annotations

import pytest

from builder.prelabel.apply import Prelabeler
from tests.prelabel.test_claims import CLAIMS, claims_of, sentence

Claim = tuple[str | None, str | None, str, bool]

GOLDEN: list[tuple[str, list[Claim]]] = [
    # The fallback: a participle before "by" is a reduced passive, no cue of the words before.
    ("Tea Party groups supported by the two brothers had seized on the issue.", []),
    ("Charter schools remain popular, promoted by the governor and the mayor.", []),
    # ... the active verb stays a cue.
    ("The mayor supported the plan.", [("supported", "The mayor", "the plan", False)]),
]


@pytest.mark.parametrize(("text", "expected"), GOLDEN)
def test_fifth_pass_golden(text: str, expected: list[Claim]) -> None:
    assert claims_of(text) == expected


@pytest.mark.parametrize("text", [t for t, _ in GOLDEN])
def test_fifth_pass_offsets(text: str) -> None:
    (item,) = Prelabeler(CLAIMS).label_document([sentence(text)])
    for claim in item.prediction["claims"]:
        for part in ("claim", "source", "cue"):
            if span := claim[part]:
                assert text[span["start"] : span["end"]] == span["text"]
