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
from re import _constants as c  # type: ignore[attr-defined]
from re import _parser  # type: ignore[attr-defined]
from typing import Any

_CATEGORIES = {
    c.CATEGORY_DIGIT: r"\d",
    c.CATEGORY_NOT_DIGIT: r"\D",
    c.CATEGORY_SPACE: r"\s",
    c.CATEGORY_NOT_SPACE: r"\S",
    c.CATEGORY_WORD: r"\w",
    c.CATEGORY_NOT_WORD: r"\W",
}
_ZERO_WIDTH = (c.AT, c.ASSERT, c.ASSERT_NOT)
_REPEATS = (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT)


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
    if op is c.SUBPATTERN:
        _group, add_flags, del_flags, body = av
        if add_flags or del_flags:
            return None, False
        return first_pieces(body), False
    if op in _REPEATS:
        low, _high, body = av
        return first_pieces(body), low == 0
    return None, False


def first_pieces(items: Any) -> set[str] | None:
    """The class pieces of the characters a match of ``items`` (a parsed sequence) can start
    with; None when that cannot be told, or when a match may be empty."""
    out: set[str] = set()
    for op, av in items:
        if op in _ZERO_WIDTH:  # the next item consumes the first character
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
    if flags & re.VERBOSE:
        return pattern
    parsed = _parser.parse(pattern, flags)
    if parsed.state.flags & ~(flags | re.UNICODE):  # global flags inside: they must come first
        return pattern
    first = first_pieces(parsed)
    if not first:
        return pattern
    return f"(?=[{''.join(sorted(first))}]){pattern}"
