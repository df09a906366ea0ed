"""DATE's two patterns, branch by branch, and each without the branches a sentence's words
rule out (``numeric_gates.Narrowed``; issue 14): DATE's word pattern took the most of the
numeric scans (some 110 µs a sentence where it ran, the lookahead letting most word starts
through to its five branches); a sentence with "last week" needs neither the weekdays, the
number words before "ago" nor "today". The whole patterns are the branches joined
(``numeric._patterns``)."""

from __future__ import annotations

import re
from functools import cache, partial

from builder.prelabel.digit_lead import lead
from builder.prelabel.entities.numeric_gates import Narrowed, Variant, low
from builder.prelabel.entities.numeric_parts import Branch, alt, from_number, joined


@cache
def date_branches() -> tuple[tuple[Branch, ...], tuple[Branch, ...]]:
    """DATE's two patterns, branch by branch: "March 3, 2022", "3 March", "March 2022",
    "1996-08-30", "the 1990s", "in 2014", "a 77-year-old" (ages are DATEs in OntoNotes) /
    "last Thursday", "next week", "three years ago", "today"."""
    month, wday = alt("months"), alt("weekdays")
    mods, units = alt("date_modifiers", caps=True), alt("date_units")
    ago = rf"\s(?:{units})s?\s(?:ago|earlier|later)\b"
    months, ago_words = (
        (low("months"),),
        (low("date_units"), frozenset({"ago", "earlier", "later"})),
    )
    return (
        (
            rf"\b(?:{month})\.?\s\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s\d{{4}})?\b",
            False,
            ("months",),
            "",
            months,
        ),
        (rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s(?:{month})(?:,?\s\d{{4}})?\b", True, (), "", months),
        (rf"\b(?:{month})\s\d{{4}}\b", False, ("months",), "", months),
        (r"\b\d{4}-\d{2}-\d{2}\b", True, (), "", ()),
        (r"\b(?:the\s)?(?:19|20)\d0s\b", True, (), "t", ()),
        (r"(?<=\b(?:in|In|by|of) )(?:19|20)\d\d\b(?![.,]\d)", True, (), "", ()),
        (r"\b\d{1,3}-(?:year|month|week|day)s?-old\b", True, (), "", ()),
    ), (
        (
            rf"\b(?:(?:{mods})\s)?(?:{wday})\b",
            False,
            ("date_modifiers", "weekdays"),
            "",
            (low("weekdays"),),
        ),
        (
            rf"\b(?:{mods})\s(?:{units})\b",
            False,
            ("date_modifiers",),
            "",
            (low("date_units"), low("date_modifiers")),
        ),
        (
            rf"\b(?:{alt('number_words', caps=True)}|an?|A){ago}",
            False,
            ("number_words",),
            "aA",
            ago_words,
        ),
        (from_number(ago), True, (), "", ago_words),
        (
            rf"\b(?:{alt('date_words', caps=True)})\b",
            False,
            ("date_words",),
            "",
            (low("date_words"),),
        ),
    )


def _variant(
    branches: tuple[Branch, ...], kept: tuple[bool, ...], *, digit: bool
) -> Variant | None:
    """The pattern of the ``kept`` branches, its lead if it runs on a digit (DATE's first), and
    whether it has a group ``late``; None if no branch is kept."""
    if not any(kept):
        return None
    p = re.compile(joined(tuple(b for b, k in zip(branches, kept, strict=True) if k)))
    return p, lead(p) if digit else None, "late" in p.groupindex


@cache
def narrowed() -> dict[tuple[str, int], Narrowed]:
    """DATE's patterns without the branches a sentence's words rule out (``Narrowed``)."""
    return {
        ("DATE", k): Narrowed(
            tuple(branch[4] for branch in branches), partial(_variant, branches, digit=k == 0)
        )
        for k, branches in enumerate(date_branches())
    }
