"""A pattern that opens with an alternation, parted into its gated branches and the others,
finds what it found; a pattern of marks, scanned from the blank before the first mark, finds
what it found from the start (issue 14)."""

from __future__ import annotations

import re

from hypothesis import example, given
from hypothesis import strategies as st

from builder.prelabel.claims.checkworthy import INDEX, PARTS, RULES, fired
from builder.prelabel.claims.cw_parts import ignorecase_gate, whole
from builder.prelabel.claims.cw_split import branches, marks_of, parted, scan_after, without_implied
from builder.prelabel.digit_lead import lead
from builder.prelabel.re_parse import parsed
from builder.prelabel.sentence_words import lower_words
from builder.prelabel.word_gates import FOLDED
from tests.text_strategies import UNUSUAL, sentences_of

# Branches: words, a word then a mark, runs of word characters before a mark; the rest: blanks,
# optional words, words.
BRANCHES = ["has", "had", "ha", r"\w++'s", r"\w+['’]ve", "it's", r"\d+%", "[a-c]x", "(?:a|b)"]
RESTS = [r"\s+", " ", r"(?:\w+ly\s+)?", "cut", r"\w+ed", "been", "'", "x", "(?:not )?", "$"]
patterns = st.tuples(
    st.lists(st.sampled_from(BRANCHES), min_size=2, max_size=4),
    st.lists(st.sampled_from(RESTS), max_size=4),
).map(lambda d: f"(?:{'|'.join(d[0])}){''.join(d[1])}")
PIECES = ["has", "Had", "ha", "it", "'s", "’ve", "'", "’", "x", "ax", "cut", "voted", "been"]
PIECES += [" ", "  ", "\t", "-", "_", "5%", "not", "ly", "quickly", ",", "ſ", "K"]
texts = st.lists(st.sampled_from([*PIECES, *UNUSUAL]) | st.text(max_size=3), max_size=14)


def marks(pattern: str) -> frozenset[str] | None:
    """The marks of a rule's pattern (the rules ignore case)."""
    items = parsed(pattern, re.IGNORECASE)
    assert items is not None  # every pattern here is read
    return marks_of(items)


def _finds(pattern: str, text: str, pos: int = 0) -> bool:
    return whole([pattern]).search(text, pos) is not None


@example(r"(?:has|\w++'s)\s+cut", "Smith's cut")
@example(r"(?:ha|it's) x", "it's x")
@given(patterns, texts.map("".join))
def test_the_parted_branches_find_what_the_pattern_finds(pattern: str, text: str) -> None:
    found = [p for p, words in parted(pattern, ignorecase_gate) if _finds(p, text)]
    assert bool(found) == _finds(pattern, text)
    for p, words in parted(
        pattern, ignorecase_gate
    ):  # a part's gate holds: its words are in the text
        if words is not None and _finds(p, text):
            assert FOLDED.search(text) or not words.isdisjoint(lower_words(text))


@example(r"(?:\w++'s|\w+['’]ve)\s+cut", "ab cd's cut")
@example(r"(?:\w++'s|it's) x", "x\tit's x")  # a tab: no blank, yet no word character either
@given(patterns, texts.map("".join))
def test_a_pattern_of_marks_finds_from_the_blank_before_the_first_mark(
    pattern: str, text: str
) -> None:
    found = marks(pattern)
    if found is not None:
        pos = scan_after(text, found)
        expected = _finds(pattern, text)
        assert (pos is not None and _finds(pattern, text, pos)) == expected


def test_the_branches_read_from_the_text() -> None:
    assert branches(r"(?:a[)|]b|c\)|d)x") == (["a[)|]b", r"c\)", "d"], "x")
    assert branches("(?:a|b)?x") is None  # a repeated group
    assert branches("(?:a)x") is None  # one branch
    assert branches("(a|b)x") is None  # a group of its own
    assert branches("(?:(a)|b)\\1") is None  # numbered groups


def test_the_marks_of_patterns() -> None:
    assert marks(r"(?:\w++['’]s|\w++['’]ve)\s+x") == frozenset({"'", "’"})
    assert marks(r"(?:has|\w++'s)") is None  # "has" holds no mark
    assert marks(r"a b'") is None  # a blank before the mark


def test_past_action_is_parted() -> None:
    parts = PARTS[[r.name for r in RULES].index("past_action")] or ()
    assert [sorted(words) if words else None for _p, words, *_ in parts][:2] == [
        None,
        ["had", "has", "have"],
    ]
    assert parts[0][4] == frozenset({"'", "’"})


@example("The minister's budget has not been cut, Smith’s have")
@example("Mr Smith's  cut")
@given(sentences_of("has", "Smith's", "it’s", "they've", "cut", "voted", "quickly", "been"))
def test_the_rules_fire_alike_parted_or_not(text: str) -> None:
    assert fired(text, RULES, INDEX, PARTS) == fired(text, RULES, INDEX)


def test_a_parts_lead_is_its_whole_expressions() -> None:
    """A part's lead is read from its patterns' parse, once with the phrases and marks: the
    whole-word expression only adds zero-width checks around them, so its lead is the same."""
    leads = [(part[2], lead(part[0])) for parts in PARTS if parts for part in parts]
    assert leads and any(mine is not None for mine, _ in leads)
    assert all(mine == theirs for mine, theirs in leads)


# Branches that hold others after or before a word and a blank ("in 19\d\d" and "19\d\d").
IMPLIED = ["in", r"(?:19|20)\d\d", r"\d+", "x", "in x", "x in", r"in \d+", r"\bx", "(?:a|b)", "b x"]


@example(r"in (?:19|20)\d\d|(?:19|20)\d\d", "in 1990", 0)
@example(r"x in|x", "-x in", 1)
@given(
    st.lists(st.sampled_from(IMPLIED), min_size=1, max_size=4).map("|".join),
    st.lists(st.sampled_from(["in", "x", "b", "1990", "5", " ", "-", "_", "In"]), max_size=8),
    st.integers(0, 3),
)
def test_a_branch_another_finds_a_match_beside_is_left_out(
    pattern: str, words: list[str], pos: int
) -> None:
    text = "".join(words)
    kept = without_implied(pattern)
    assert _finds(kept, text, pos) == _finds(pattern, text, pos)


def test_the_implied_branches() -> None:
    assert without_implied(r"in (?:19|20)\d\d|(?:19|20)\d\d") == r"(?:19|20)\d\d"
    assert without_implied("x in|x|y") == "x|y"
    assert without_implied(r"in\ x|x") == r"in\ x|x"  # no blank of its own
