"""A regular expression behind a lookahead for the characters its matches can start with.

Python's ``re`` tries a pattern at every position of the text, and at each position every
branch of an alternation: a check-worthiness rule of a dozen phrases cost a dozen failed
attempts at every word. ``(?=[...])`` first fails at once where no match can begin, and
changes no match: the class holds every character a match can start with, read from the
parsed pattern (``re``'s own parser). Where that cannot be told for sure (a match that may be
empty, a negated class, a back-reference, local flags...), the pattern is left as it is.
"""

from __future__ import annotations

import re
from typing import Any

from builder.prelabel.re_parse import REPEATS, ZERO_WIDTH, c, group_body, parsed

_CATEGORIES = {
    c.CATEGORY_DIGIT: r"\d",
    c.CATEGORY_NOT_DIGIT: r"\D",
    c.CATEGORY_SPACE: r"\s",
    c.CATEGORY_NOT_SPACE: r"\S",
    c.CATEGORY_WORD: r"\w",
    c.CATEGORY_NOT_WORD: r"\W",
}


def _in(items: list[tuple[Any, Any]]) -> set[str] | None:
    """The class pieces of a character set ``[...]``."""
    out: set[str] = set()
    for op, av in items:
        if op is c.LITERAL:
            out.add(re.escape(chr(av)))
        elif op is c.RANGE:
            out.add(f"{re.escape(chr(av[0]))}-{re.escape(chr(av[1]))}")
        elif op is c.CATEGORY and av in _CATEGORIES:
            out.add(_CATEGORIES[av])
        else:  # NEGATE and the rest: not worth telling
            return None
    return out


def _item(op: Any, av: Any) -> tuple[set[str] | None, bool]:
    """(class pieces of the first character, whether the item may match nothing)."""
    if op is c.LITERAL:
        return {re.escape(chr(av))}, False
    if op is c.IN:
        return _in(av), False
    if op is c.BRANCH:
        out: set[str] = set()
        for branch in av[1]:
            first = first_pieces(branch)
            if first is None:
                return None, False
            out |= first
        return out, False
    body = group_body(op, av)  # None for a group with local flags too: not told
    if body is not None:
        return first_pieces(body), False
    if op in REPEATS:
        low, _high, body = av
        return first_pieces(body), low == 0
    return None, False


def first_pieces(items: Any) -> set[str] | None:
    """The class pieces of the characters a match of ``items`` (a parsed sequence) can start
    with; None when that cannot be told, or when a match may be empty."""
    out: set[str] = set()
    for op, av in items:
        if op in ZERO_WIDTH:  # the next item consumes the first character
            continue
        first, may_be_empty = _item(op, av)
        if first is None:
            return None
        out |= first
        if not may_be_empty:
            return out
    return None  # the whole sequence may match nothing: at any position


def with_first_chars(pattern: str, flags: int = 0) -> str:
    """``pattern`` behind ``(?=[...])`` of the characters its matches can start with (to be
    compiled with the same ``flags``), or as it is when they cannot be told."""
    items = parsed(pattern, flags)  # None: not read (re_parse.parsed)
    first = None if items is None else first_pieces(items)
    if not first:
        return pattern
    return f"(?=[{''.join(sorted(first))}]){pattern}"
