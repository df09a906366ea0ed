"""``re``'s parse, read in one place (``re_parse.py``): what is read, what is not, and a group
with flags of its own, which every reader of the parse declines alike (issue 14's readers:
first characters, digit leads, word gates, spelled phrases, marks)."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

from builder.prelabel.claims.cw_phrases import phrases_of
from builder.prelabel.claims.cw_split import marks_of
from builder.prelabel.digit_lead import lead
from builder.prelabel.first_chars import with_first_chars
from builder.prelabel.re_parse import c, group_body, parsed
from builder.prelabel.word_gates import gate


def test_what_is_parsed() -> None:
    assert parsed("ab", 0) == [(c.LITERAL, ord("a")), (c.LITERAL, ord("b"))]
    assert parsed("a b", re.VERBOSE) is None  # verbose: not read
    assert parsed("(?i)ab", 0) is None  # flags set inside the pattern
    assert parsed("(?i)ab", re.IGNORECASE | re.UNICODE) is not None  # as a compiled one's
    assert parsed("(ab", 0) is None  # the parser fails on it


@pytest.mark.parametrize(
    ("pattern", "body"),
    [("(ab)", "ab"), ("(?i:ab)", None), ("(?-i:ab)", None), ("ab", None), ("(?:ab)", None)],
)
def test_the_body_of_a_group(pattern: str, body: str | None) -> None:
    items = parsed(pattern, re.IGNORECASE)
    assert items is not None
    found = group_body(*items[0])  # "(?:ab)": the parser inlines it, no group
    assert (None if found is None else list(found)) == (None if body is None else parsed(body, 0))


def _parse_then(read: Callable[[list[tuple[object, object]]], object]) -> Callable[[str], object]:
    def reader(pattern: str) -> object:
        items = parsed(pattern, re.IGNORECASE)
        assert items is not None
        return read(items)

    return reader


# Each reader of the parse; when it cannot tell, it answers None or the pattern as it is
READERS: list[tuple[str, Callable[[str], object]]] = [
    ("first characters", lambda p: with_first_chars(p, re.IGNORECASE)),
    ("digit lead", lambda p: lead(re.compile(p, re.IGNORECASE))),
    ("word gate", lambda p: gate(p, re.IGNORECASE)),
    ("phrases", _parse_then(phrases_of)),
    ("marks", _parse_then(marks_of)),
]
# (a group the reader tells something of, the same group with local flags)
GROUPS = {
    "first characters": ("(q)x", "(?i:q)x"),
    "digit lead": (r"(\d)", r"(?-i:\d)"),
    "word gate": ("(voted)", "(?-i:voted)"),
    "phrases": ("(the)", "(?-i:the)"),
    "marks": (r"(\w+')", r"(?-i:\w+')"),
}


@pytest.mark.parametrize(("name", "read"), READERS, ids=[r[0] for r in READERS])
def test_a_group_with_local_flags_is_not_read(name: str, read: Callable[[str], object]) -> None:
    plain, flagged = GROUPS[name]
    assert read(plain) not in (None, plain)  # told: a lookahead added, a lead, words...
    assert read(flagged) in (None, flagged)  # not told: the pattern as it is, or None
