"""A pattern that needs a digit, scanned from its lead before the first digit, finds what it
found scanned from the start (issue 14)."""

from __future__ import annotations

import re

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from builder.prelabel.claims.checkworthy import PARTS, RULES, fired
from builder.prelabel.digit_lead import DIGIT, lead, scan_from
from builder.prelabel.entities import numeric
from builder.prelabel.entities.lexicon import NUMBERS, words
from tests.text_strategies import UNUSUAL

# Pieces of patterns: digits, classes of digits and not, repeats bounded and not, optional
# and alternative parts, lookarounds and anchors (zero width), and what cannot be told.
PATTERN_PIECES = [
    *[r"\d", "5", "[0-9]", r"\d+", r"\d?", r"[.,]", r"\s?", "US$", "(?:Sept|May)", "the ", "a*"],
    *[r"(?:\d|x)", r"(?:ab|\d)", "[a5]", r"\w", r"\b", r"(?<!\w)", r"(?=\d)", "^", "$", "."],
    *["x{2,3}", r"(?:a\d)+", r"\d*+", "[^a]", r"(?i:q)", r"(\d)\1", "٣", r"[\d.]"],
]
patterns = st.lists(st.sampled_from(PATTERN_PIECES), min_size=1, max_size=6).map("".join)
TEXT_PIECES = ["5", "12", "1,5", "٣", "x", "a", "ab", "US$", "Sept", "May", "the", ".", "q", "Q"]
texts = st.lists(st.sampled_from([*TEXT_PIECES, *UNUSUAL]) | st.text(max_size=3), max_size=14)


def _matches(pattern: re.Pattern[str], text: str, pos: int) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(text, pos)]


def _same_from_the_lead(pattern: re.Pattern[str], text: str) -> None:
    first = DIGIT.search(text)
    pos = scan_from(first.start() if first else -1, lead(pattern))
    found = _matches(pattern, text, 0)
    if pos is None:
        assert found == []
    else:
        assert _matches(pattern, text, pos) == found


@example("US$5", "xy US$5", 0)
@example(r"(?:\d|x)", "x5", 0)  # may match without a digit: no lead
@example(r"[a5]\d", "aa5", 0)
@given(patterns, texts.map(" ".join), st.sampled_from([0, re.IGNORECASE, re.ASCII]))
def test_a_scan_from_the_lead_finds_every_match(pattern: str, text: str, flags: int) -> None:
    try:
        compiled = re.compile(pattern, flags)
    except re.error:
        return
    _same_from_the_lead(compiled, text)
    found = lead(compiled)
    if found is not None:  # every match holds a digit at most ``found`` characters in
        for m in compiled.finditer(text):
            first = DIGIT.search(m.group())
            assert first is not None and first.start() <= found


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"\d+", 0),
        (r"US\$\s?\d", 4),
        (r"(?:September|May)\.?\s\d", 11),
        (r"(?<=in )\d", 0),
        (r"a*\d", None),  # no bound before the digit
        (r"(?:\d|x)", None),  # a match without a digit
        (r"x\d?", None),
        (r"[^a]\d", 1),
    ],
)
def test_leads(pattern: str, expected: int | None) -> None:
    assert lead(re.compile(pattern)) == expected


def test_the_families_patterns_have_the_leads_the_code_reads() -> None:
    leads = {label: [lead(p) for p, _t in family] for label, family in numeric._patterns().items()}
    assert leads["MONEY"] == [4] and leads["DATE"][0] == 11  # "HK$ 5", "September 3"
    assert all(f[0] is not None for f in leads.values())  # every family's digit pattern
    figures = PARTS[[r.name for r in RULES].index("figures")]
    assert figures is not None and figures[0][2] == 2  # "$ 5"


NUMERIC_WORDS = [
    w for key in ("months", "currency_symbols", "currency_codes") for w in words(NUMBERS, key)
]
NUMERIC_TEXTS = [*NUMERIC_WORDS, "5", "1,200", "3.5", "2014", "in", "%", "am", "-", "/", "x1,5"]
cue_texts = st.lists(st.sampled_from(NUMERIC_TEXTS) | st.text(max_size=3), max_size=30)


@given(cue_texts.map(" ".join) | cue_texts.map("".join))
def test_the_numeric_patterns_and_the_rules_from_their_leads(text: str) -> None:
    for family in numeric._patterns().values():
        for pattern, trigger in family:
            if trigger is None:
                _same_from_the_lead(pattern, text)
    for parts in PARTS:
        for pattern, _needs, _lead, _spelled, _marks, _scan in parts or ():
            _same_from_the_lead(pattern, text)
    assert fired(text, RULES, None, PARTS) == fired(text, RULES)
