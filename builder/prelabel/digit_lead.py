"""Where a pattern that needs a digit can start: scanned from the sentence's first digit.

A numeric pattern (``entities/numeric.py``) or a figures rule (``claims/checkworthy.py``)
cannot match without a digit, yet ``re`` tries it at every position of the sentence, the
words before its first digit included (half the sentence, on corpus/bbc). Each such pattern
gets, read from its parse (``re``'s own parser), its *lead*: the most characters a match can
hold before its first digit ("US$ 5": 4, "September 3": 11). No match then starts before
``first digit - lead``: a scan from there (``pattern.search(text, pos)``) finds the same
matches, since lookbehinds and ``\\b`` still see the text before ``pos`` (``^`` matches only
at the text's start, where such a match would begin anyway). A sentence with no digit needs
no scan at all. Where a match may hold no digit, or its lead cannot be told (a repeat
without bound before the digit, a back-reference, local flags), there is no lead (None).
"""

from __future__ import annotations

import re
from typing import Any

from builder.prelabel.re_parse import REPEATS, ZERO_WIDTH, Items, c, group_body, parsed

DIGIT = re.compile(r"\d")  # what ``\d`` matches in a str pattern: the first digit's test
_ONE_CHAR = (c.LITERAL, c.NOT_LITERAL, c.IN, c.ANY)


def _digit_char(code: int) -> bool:
    return DIGIT.match(chr(code)) is not None


def _always_digit(op: Any, av: Any) -> bool:
    """Whether the item matches one character, always a digit (as ``DIGIT`` reads one)."""
    if op is c.LITERAL:
        return _digit_char(av)
    if op is c.IN:
        return all(
            (o is c.LITERAL and _digit_char(a))
            or (o is c.RANGE and all(_digit_char(k) for k in range(a[0], a[1] + 1)))
            or (o is c.CATEGORY and a is c.CATEGORY_DIGIT)
            for o, a in av
        )
    return False


def _max_width(body: Any) -> int | None:
    """The most characters ``body`` (a parsed sequence) can match, None without bound."""
    high: int = body.getwidth()[1]
    return None if high >= c.MAXREPEAT else high


def _then(bodies: Any, rest: Items) -> int | None:
    """The lead of any of ``bodies`` followed by ``rest``: a body's own when it holds a digit
    for sure, else its widest match and the lead of ``rest`` (read once, not again with each
    alternative of a large alternation)."""
    out = 0
    after: int | None = -1  # -1: not read yet
    for body in bodies:
        inner = lead_of(list(body))
        if inner is None:
            after = lead_of(rest) if after == -1 else after
            width = _max_width(body)
            if width is None or after is None:
                return None
            inner = width + after
        out = max(out, inner)
    return out


def lead_of(items: Items) -> int | None:
    """The most characters a match of ``items`` holds before its first digit (at most: a
    bound), or None when a match may hold no digit or that cannot be told."""
    width = 0
    for i, (op, av) in enumerate(items):
        rest = items[i + 1 :]
        if op in ZERO_WIDTH:
            continue
        if _always_digit(op, av):
            return width
        if op is c.SUBPATTERN:
            body = group_body(op, av)  # None: local flags
            inner = None if body is None else _then([body], rest)
            return None if inner is None else width + inner
        if op is c.BRANCH:
            inner = _then(av[1], rest)
            return None if inner is None else width + inner
        if op in REPEATS:
            low, high, body = av
            inner = lead_of(list(body))  # the first time through holds the digit
            if inner is not None:
                skipped = lead_of(rest) if low == 0 else inner
                return None if skipped is None else width + max(inner, skipped)
            per = _max_width(body)  # no digit for sure inside: it only adds width
            if per is None or high >= c.MAXREPEAT:
                return None
            width += high * per
            continue
        if op in _ONE_CHAR:
            width += 1
            continue
        return None  # a back-reference, a conditional...
    return None  # the match may end without a digit


def lead(pattern: re.Pattern[str]) -> int | None:
    """The lead of a compiled pattern (its flags read with it), None if it has none."""
    if not isinstance(pattern.pattern, str):
        return None
    # A compiled pattern's flags hold those set inside it: ``parsed`` does not refuse it
    items = parsed(pattern.pattern, pattern.flags)
    return None if items is None else lead_of(items)  # None: scanned from the start


def scan_from(first_digit: int, lead: int | None) -> int | None:
    """Where to scan a pattern of ``lead`` in a sentence whose first digit is at
    ``first_digit`` (-1: none): 0 for a pattern without a lead, None when it cannot match."""
    if lead is None:
        return 0
    if first_digit < 0:
        return None
    return max(0, first_digit - lead)
