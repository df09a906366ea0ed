"""A pattern that only spells out phrases is found in an ASCII text by looking its phrases up,
where the regex finds it (issue 14): generated patterns of words, optional parts, classes and
edges on generated texts, then every rule part of checkworthy.yaml that is looked up so."""

from __future__ import annotations

import re

from hypothesis import example, given
from hypothesis import strategies as st

from builder.prelabel.claims.checkworthy import INDEX, PARTS, RULES, fired, plan_cues
from builder.prelabel.claims.cw_parts import Spelled, spelled_of, whole
from builder.prelabel.claims.cw_phrases import occurs, phrases_of, table
from builder.prelabel.re_parse import parsed
from builder.prelabel.sentence_words import lower_words
from tests.text_strategies import sentences_of

# Pieces of patterns: words, alternations, optional parts, classes of literals, "\b", and
# what cannot be spelled (a repeat without bound, a category, an anchor, local flags).
PATTERN_PIECES = [
    *["the", "(?:he|she)", "(?:a|bc)", " ", "(?:es)?", "[sd]", "[- ]", "['’]", r"\b", "x"],
    *["(?:no )?", "s?", "'", "k", r"\w+", "^", "$", r"\d", "(?i:q)", "a{1,2}", "a+", "[a-c]"],
]
patterns = st.lists(st.sampled_from(PATTERN_PIECES), min_size=1, max_size=6).map("".join)
TEXT_PIECES = ["the", "The", "he", "SHE", "a", "bc", "x", "no", "es", "s", "d", "k", "aa"]
TEXT_PIECES += ["3", "_", "-", "'", ",", " ", "  ", ".", "(", "q"]
ascii_texts = st.lists(st.sampled_from(TEXT_PIECES), max_size=14).map("".join)


def _spelled(pattern: str) -> Spelled | None:
    """A rule's pattern looked up as ``cw_parts`` looks it up (the rules ignore case)."""
    return spelled_of(parsed(pattern, re.IGNORECASE))


def _found(spelled: Spelled, text: str) -> bool:
    return occurs(*spelled, lower_words(text), text.lower())


@example("(?:he|she)[sd]?", "she's")
@example(r"\bx(?:es)?\b", "xes-x")
@example("a{1,2}", "aaa")  # "aaa" is neither "a" nor "aa" as a whole word
@example("the[- ]x", "The x")
@example("(?:the )?(?:a|bc) x", "the bc x")  # "the bc x" is looked up as "bc x"
@example("a(?:'x)?|k", "a'x")
@given(patterns, ascii_texts)
def test_looked_up_phrases_are_found_where_the_regex_finds_them(pattern: str, text: str) -> None:
    spelled = _spelled(pattern)
    if spelled is not None:
        expected = whole([pattern]).search(text) is not None
        assert _found(spelled, text) == expected


CANNOT = ["^the", "the$", r"\w+ed", "a+", "[a-c]x", r"x\bx", "'s", "the|'s"]
CANNOT += ["\u212aey", "\\d", ""]  # the Kelvin sign matches "k"; a digit; no phrase at all


def test_what_is_not_looked_up() -> None:
    for pattern in CANNOT:
        assert _spelled(pattern) is None, pattern


def test_the_phrases_of_a_pattern() -> None:
    items = parsed(r"\bdisgrace(?:ful)?\b|I['’]ll", re.IGNORECASE)
    assert items is not None
    assert phrases_of(items) == frozenset(
        {
            "disgrace",
            "disgraceful",
            "i'll",
            "i’ll",
        }
    )
    assert table(frozenset({"i'll", "i’ll", "in"})) == {"i": ("i'll",), "in": ("in",)}
    # A phrase that holds another after or before a blank is found where that one is.
    pruned = table(frozenset({"the first time", "first time", "trade deficit", "deficit", "x-y"}))
    assert pruned == {"first": ("first time",), "deficit": ("deficit",), "x": ("x-y",)}


SPELLED = [
    (rule, pattern, spelled)
    for rule, rule_parts in zip(RULES, PARTS, strict=True)
    if rule_parts is not None
    for pattern, _needs, _lead, spelled, _marks, _scan in rule_parts
    if spelled is not None
]
RULE_WORDS = sorted({p for *_r, s in SPELLED for ps in s[0].values() for p in ps})
rule_texts = st.lists(
    st.sampled_from([*RULE_WORDS, *TEXT_PIECES, "Tax", "GDP", "I'll", "cover-up", "x-rays"]),
    max_size=12,
).map("".join)


@example("the tax-free deal")
@example("Taxes, 5GDP and spending_")
@example("they could've paid")
@given(st.lists(rule_texts, min_size=1, max_size=3).map(" ".join))
def test_every_looked_up_rule_part_finds_what_its_regex_finds(text: str) -> None:
    for rule, pattern, spelled in SPELLED:
        assert _found(spelled, text) == (pattern.search(text) is not None), (rule.name, text)


def test_most_rules_are_looked_up() -> None:
    assert {"economy", "casualties", "accusation", "future"} <= {r.name for r, *_ in SPELLED}


# Words of the weak cues scanned later (a past tense in -ed, a name after a lower-case word)
# and of the rules that make them count or not (a figure, "tax"; "was" triggers a past tense).
LATER_WORDS = ["jumped", "Smith", "was", "had", "said", "tax", "5", "he", "the", "need"]
LATER_WORDS += ["Indeed", ",", "voted", "agreed", "I", "Ted", "on", "TAXED", "x-rayed"]


@example("the Smith jumped on tax")
@example("Smith jumped on the tax")  # too short for a "yes": nothing counts
@given(sentences_of(*LATER_WORDS))
def test_the_weak_cues_scanned_later_fire_as_when_scanned_first(text: str) -> None:
    assert fired(text, RULES, INDEX, PARTS) == fired(text, RULES, INDEX)


def test_the_cues_scanned_later_are_those_of_weak_word_rules() -> None:
    first, later = plan_cues(RULES, INDEX)
    assert not first
    assert sorted(RULES[n].name for _scan, ns in later for n in ns) == [
        "past_tense",
        "proper_name",
    ]
