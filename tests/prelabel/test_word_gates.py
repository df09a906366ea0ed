"""A whole-word pattern behind the words it needs finds what it found (issue 14): the gate
never hides a match, and the check-worthiness rules fire on the same sentences with their
patterns gated as with their one expression each."""

from __future__ import annotations

import re

from hypothesis import example, given
from hypothesis import strategies as st

from builder.prelabel.claims.checkworthy import INDEX, PARTS, RULES, fired
from builder.prelabel.sentence_words import lower_words
from builder.prelabel.word_gates import FOLDED, FOLDS, gate
from tests.prelabel.test_first_chars import flag_sets
from tests.text_strategies import UNUSUAL

# Pieces of patterns: words, alternations of words, optional and repeated items, classes,
# anchors, possessive runs, and what cannot be told (lookarounds, local flags).
PATTERN_PIECES = [
    *["the", "(?:he|she)", "(?:a|bc)", " ", r"\s+", r"\d+", "x?", "(?:no )?", "[$£-]", r"\w+"],
    *[r"\w++'s", "[a-c]", "'", "k", "s", "^", "$", r"\b", "(?=s)", "(?i:q)", ",", "(?:ly )?"],
]
patterns = st.lists(st.sampled_from(PATTERN_PIECES), min_size=1, max_size=6).map("".join)
TEXT_PIECES = ["the", "The", "he", "she", "a", "bc", "x", "no", "ly", "K", "ſ", "İ", "ı", "s"]
TEXT_PIECES += ["3", "£", "-", "'", "’", ",", " ", "\u212a", "q"]
texts = st.lists(st.sampled_from([*TEXT_PIECES, *UNUSUAL]) | st.text(max_size=3), max_size=14)


def _whole(pattern: str, flags: int) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-])(?:{pattern})(?![\w-])", flags)


@example("the", "ſhe", re.IGNORECASE)  # no word "the" in its lower-case words: not gated
@example("(?:he|she) (?:ly )?bc", "She  bc", 0)
@given(patterns, texts.map("".join), flag_sets)
def test_a_gated_pattern_matches_only_where_its_words_are(
    pattern: str, text: str, flags: int
) -> None:
    words = gate(pattern, flags)
    if _whole(pattern, flags).search(text) and words is not None:
        assert FOLDED.search(text) or not words.isdisjoint(lower_words(text))


def test_the_folds_are_every_character_that_matches_an_ascii_letter() -> None:
    letter = re.compile("[a-z]", re.IGNORECASE)
    found = [chr(n) for n in range(128, 0x110000) if letter.fullmatch(chr(n))]
    assert "".join(found) == FOLDS


GATES = [
    ("(?:voted|cut) by", {"voted", "cut"}),  # the first words
    ("(?:he|[A-Z]\\w+) (?:\\w+ly )?(?:voted|cut)", {"voted", "cut"}),  # the last ones
    ("I'm|we are", {"i", "we"}),  # an apostrophe ends a word
    ("tax(?:es)?", None),  # a letter may follow "tax": no whole word
    ("\\w+ed|cut", None),
]


def test_the_gates_of_patterns() -> None:
    for pattern, expected in GATES:
        assert gate(pattern, re.IGNORECASE) == expected, pattern


CUE_TEXTS = [w for r in RULES for w in sorted(r.triggers)] + ["I", "We", "'s", "5", "?", "ſ"]
cue_texts = st.lists(
    st.sampled_from([*CUE_TEXTS, *TEXT_PIECES, "has", "ly", "Senator"]), min_size=5, max_size=16
)


@example("Smith has     not been cut by them at all")
@example("He ſigned the law and ſhe voted for it today")
@given(cue_texts.map(" ".join) | texts.map("".join))
def test_the_rules_fire_alike_gated_or_not(text: str) -> None:
    assert fired(text, RULES, INDEX, PARTS) == fired(text, RULES, INDEX)
