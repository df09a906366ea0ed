"""A pattern behind the lookahead of its first characters finds what it found (issue 14)."""

from __future__ import annotations

import re

from hypothesis import example, given
from hypothesis import strategies as st

from builder.prelabel.claims.checkworthy import RULES
from builder.prelabel.first_chars import with_first_chars
from tests.text_strategies import UNUSUAL

# Pieces of patterns: literals, alternations, classes, categories, optional and repeated
# items, anchors and lookarounds (zero width), and what cannot be told (negated classes, any
# character, local flags, an empty group).
PATTERN_PIECES = [
    *["the", "(?:a|bc)", r"\d+", "x?", "[$£-]", r"\s*", "(?:no)?", "[a-c]", r"\w", "'", "k"],
    *["^", "$", r"\b", r"(?<![\w-])", "(?=s)", r"(?!t)", ".", "[^a]", "(?i:q)", "(?:)", "a*?"],
]
patterns = st.lists(st.sampled_from(PATTERN_PIECES), min_size=1, max_size=5).map("".join)
TEXT_PIECES = ["the", "a", "bc", "x", "no", "K", "\u212a", "ſ", "3", "£", "-", "'", "q", "Q"]
texts = st.lists(st.sampled_from([*TEXT_PIECES, *UNUSUAL]) | st.text(max_size=3), max_size=12)
flag_sets = st.sampled_from([0, re.IGNORECASE, re.IGNORECASE | re.MULTILINE])


def _spans(pattern: str, text: str, flags: int) -> list[tuple[int, int]]:
    return [m.span() for m in re.finditer(pattern, text, flags)]


@example("k", "\u212a", re.IGNORECASE)  # the Kelvin sign folds to k: the class must fold too
@given(patterns, texts.map(" ".join), flag_sets)
def test_the_lookahead_changes_no_match(pattern: str, text: str, flags: int) -> None:
    fast = with_first_chars(pattern, flags)
    assert _spans(fast, text, flags) == _spans(pattern, text, flags)


_LOOKAHEAD = re.compile(r"\(\?=\[(?:\\.|[^\]\\])*\]\)")
CUE_TEXTS = [w for r in RULES for w in sorted(r.triggers)] + ["I", "We", "$", "5", "?", '"']


@given(st.lists(st.sampled_from(CUE_TEXTS) | st.text(max_size=3), max_size=30).map(" ".join))
def test_check_worthiness_rules_fire_as_without_the_lookahead(text: str) -> None:
    for rule in RULES:
        if rule.pattern is None:
            continue
        found = _LOOKAHEAD.match(rule.pattern.pattern)
        assert found is not None, f"{rule.name}: no lookahead of first characters"
        bare = rule.pattern.pattern[found.end() :]
        assert _spans(rule.pattern.pattern, text, re.IGNORECASE) == _spans(
            bare, text, re.IGNORECASE
        )
