"""The check-worthiness scans that ``re`` skips to (issue 14) find what the scans before them
found: ``#past`` read backwards and ``#name`` from its blank against their patterns, a pattern
whose matches all start at ``^`` matched at the start, a word-and-mark pattern searched from
its tail, and every rule part so scanned (or gated on its last words too) against the rule's
one expression."""

from __future__ import annotations

import re

from hypothesis import example, given
from hypothesis import strategies as st

from builder.prelabel.claims.checkworthy import INDEX, PARTS, RULES, fired
from builder.prelabel.claims.cw_parts import _tail, whole
from builder.prelabel.claims.cw_scans import (
    AlsoNeeds,
    AtStart,
    WordThenMark,
    anchored,
    has_name,
    has_past,
)
from builder.prelabel.re_parse import parsed
from tests.text_strategies import UNUSUAL, sentences_of

# The scans before (checkworthy.py until 2026-12-07).
PAST = re.compile(r"\b[a-z]{2,}[a-df-z]ed\b")
NAME = re.compile(r"[a-z,] [A-Z][a-z]")

PIECES = ["voted", "need", "Indeed", "eed", "ed", "sed", "aed", "xed", "Ted", "TAXED", "x-rayed"]
PIECES += [" ", ",", "  ", "Smith", "A", "Ab", "a", "_", "5", "é", "ſ", "\u212a", "-", "'", "’"]
texts = st.lists(st.sampled_from([*PIECES, *UNUSUAL]) | st.text(max_size=3), max_size=16)


@example("the cost was Xtended, raised and 2voted")
@example("need indeed, a Named Smith")
@given(texts.map("".join))
def test_the_weak_cues_find_what_their_patterns_find(text: str) -> None:
    assert has_past(text) == (PAST.search(text) is not None)
    assert has_name(text) == (NAME.search(text) is not None)


# Patterns that open with "^" in some or all branches, and texts that start with their words.
STARTS = ["^(?:I|we) x", "^thanks\\b", "(?:^a|^b)c", "(?:^a|b)", "(^x)y", "\\b^x", "x^"]
WORDS = ["I", "we", "x", "thanks", "a", "b", "c", "ac", "bc", "y", " ", "-", "\n"]


@given(st.sampled_from(STARTS), st.lists(st.sampled_from(WORDS), max_size=6), st.integers(0, 3))
def test_a_pattern_anchored_at_the_start_is_matched_there(
    pattern: str, words: list[str], pos: int
) -> None:
    items = parsed(pattern, re.IGNORECASE)
    assert items is not None
    if anchored(items):
        text = "".join(words)
        expr = whole([pattern])
        assert (AtStart(expr).search(text, pos) is None) == (expr.search(text, pos) is None)


def test_the_anchored_patterns() -> None:
    read = [p for p in STARTS if anchored(parsed(p, re.IGNORECASE) or [])]
    assert read == ["^(?:I|we) x", "^thanks\\b", "(?:^a|^b)c", "(^x)y"]


# Word-and-mark patterns (and some that are not), and texts of their pieces.
BRANCHES = [r"\w++'s", r"\w+['’]ve", r"\w++-x", r"\w++_s", r"\w++s", "it's", "has"]
RESTS = [r"\s+", " ", r"(?:\w+ly\s+)?", "cut", r"\w+ed", "been", "x", "(?:not )?", "$"]
word_mark_patterns = st.tuples(
    st.lists(st.sampled_from(BRANCHES), min_size=2, max_size=3),
    st.lists(st.sampled_from(RESTS), max_size=3),
).map(lambda d: f"(?:{'|'.join(d[0])}){''.join(d[1])}")
MARKED = ["it", "Smith", "'s", "’ve", "'", "’", "s", "x", "cut", "been", "voted", " ", "-"]
MARKED += ["_", "5", "quickly", "ly", "not", "é", "\t"]
marked_texts = st.lists(st.sampled_from(MARKED), max_size=12).map("".join)


@example(r"(?:\w++'s|\w+['’]ve)\s+cut", "a-b's cut Smith's cut", 0)
@example(r"(?:\w++'s|\w+['’]ve)\s+cut", "a-b's cut", 0)  # a possessive word after a hyphen
@example(r"(?:\w++'s|\w++'s)x", "ab'sx", 1)
@given(word_mark_patterns, marked_texts, st.integers(0, 4))
def test_a_word_and_mark_pattern_searched_from_its_tail_finds_what_it_finds(
    pattern: str, text: str, pos: int
) -> None:
    tail = _tail([pattern])
    if tail is not None:
        found = WordThenMark(tail).search(text, pos) is not None
        assert found == (whole([pattern]).search(text, pos) is not None)


def test_the_rule_parts_so_scanned() -> None:
    kinds = {
        (rule.name, type(part[5]).__name__)
        for rule, parts in zip(RULES, PARTS, strict=True)
        for part in parts or ()
    }
    assert ("past_action", WordThenMark.__name__) in kinds
    assert ("opinion", AtStart.__name__) in kinds
    assert ("comparison", AlsoNeeds.__name__) in kinds


# The rules' words, and the marks and pieces around them, for sentences of every rule part.
RULE_WORDS = sorted({w for r in RULES for w in r.triggers if not w.startswith("#")})
RULE_WORDS += ["'s", "’ve", "Smith", "Senator", "the", "last", "years", "been", "by", "bill"]
RULE_WORDS += ["-", ",", "5", "1990", "?", "Thanks", "I", "We", "than", "record", "ſ"]
RULE_WORDS += ["in", "over", "month", "Decades", "administration", "people", "ago-years"]


@example("Smith's cut 5 by 1990, more than the last years")
@example("We think it has been cut by half - Smith's ſ")
@example("Thanks, I voted for the bill")
@example("in the last few years, over the past decades, five Americans")
@given(sentences_of(*RULE_WORDS, max_size=14))
def test_the_rules_fire_as_with_their_whole_patterns(text: str) -> None:
    assert fired(text, RULES, INDEX, PARTS) == fired(text, RULES, INDEX)
