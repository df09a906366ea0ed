"""Regular-expression families for DATE, TIME, MONEY, PERCENT, QUANTITY, ORDINAL, CARDINAL.

The patterns are assembled from the word lists of numbers.yaml. All families run over the
sentence once; overlapping matches are resolved here, not in aggregation, by a fixed order
(the specific types before CARDINAL, longer before shorter), so that "March 3, 2022" is one
DATE and not a DATE plus two CARDINALs.

Time stays linear in the sentence (issue 16: ``'1,' * 50000`` took over 120 s). A number is
matched whole, without backtracking (``NUM``: a shorter one is followed by a separator and a
digit, which no pattern accepts after a number); a pattern that starts at a number is tried
once per run of digits and separators (``_from_number``), not again from each digit after a
separator; overlaps are looked up in sorted spans, not against every earlier match.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import cache

from builder.prelabel.digit_lead import lead, scan_from
from builder.prelabel.entities.lexicon import NUMBERS
from builder.prelabel.entities.numeric_dates import date_branches, narrowed
from builder.prelabel.entities.numeric_gates import Gate, Narrowed, gates, is_open, low
from builder.prelabel.entities.numeric_parts import NUM, from_number, joined, starts
from builder.prelabel.entities.numeric_parts import alt as _alt
from builder.prelabel.sentence_words import first_digit, lower_words

DATA = (NUMBERS,)
# Resolution order: earlier families win overlaps.
ORDER: tuple[str, ...] = ("MONEY", "PERCENT", "TIME", "DATE", "QUANTITY", "ORDINAL", "CARDINAL")


Family = list[tuple[re.Pattern[str], frozenset[str] | None]]


@cache
def _patterns() -> dict[str, Family]:
    """Each family as (pattern, trigger words): a pattern runs only when the sentence has a
    digit (trigger None) or one of its trigger words. Python's ``re`` tries every branch of a
    large alternation at every position, so this gate is what keeps the family fast."""
    mag = rf"(?:\s?(?:{_alt('magnitudes')})\b)?"
    numw = _alt("number_words", caps=True)
    money_after = rf"{mag}\s(?:{_alt('currency_words')})\b"
    date_words = low("weekdays", "date_units", "date_words")
    date = date_branches()
    src: dict[str, list[tuple[str, frozenset[str] | None]]] = {
        # "$100", "£1.2 million", "US$5bn", "30 million hryvnias", "EUR 5"
        "MONEY": [
            (
                starts(
                    rf"(?:{_alt('currency_symbols')})\s?{NUM}{mag}"
                    rf"|\b(?:{_alt('currency_codes')})\s?{NUM}{mag}"
                    rf"|{from_number(money_after)}",
                    True,
                    "currency_symbols",
                    "currency_codes",
                ),
                None,
            )
        ],
        # "5%", "5 percent", "5.5 per cent", "7 pct"
        "PERCENT": [(from_number(r"\s?(?:%|percent\b|per cent\b|pct\b)"), None)],
        # "14:24", "5 a.m.", "1400 GMT" / "this morning", "last night"
        "TIME": [
            (
                starts(
                    r"\b\d{1,2}[:.]\d{2}(?!\d)(?:\s?(?:[ap]\.m\.|[ap]m\b))?"
                    r"|\b\d{1,2}\s?(?:[ap]\.m\.|[ap]m\b)|\b\d{4}\s(?:GMT|UTC|BST|CET|EST)\b"
                ),
                None,
            ),
            (
                rf"\b(?:this|that|last|tomorrow|yesterday|This|Last)\s(?:{_alt('time_words')})\b",
                low("time_words"),
            ),
        ],
        # "March 3, 2022", "3 March", "March 2022", "1996-08-30", "in 2014", "the 1990s" /
        # "last Thursday", "next week", "three years ago", "today"
        "DATE": [(joined(date[0]), None), (joined(date[1]), date_words)],
        # "30 km", "19 miles", "1.5 tonnes" / "two kilometres"
        "QUANTITY": [
            (from_number(rf"\s?(?:{_alt('units')})(?![\w/])"), None),
            (
                starts(rf"\b(?:{numw})\s(?:{_alt('units')})(?![\w/])", False, "number_words"),
                low("number_words"),
            ),
        ],
        "ORDINAL": [
            (starts(r"\b\d+(?:st|nd|rd|th)\b"), None),
            (
                starts(rf"\b(?:{_alt('ordinal_words', caps=True)})\b", False, "ordinal_words"),
                low("ordinal_words"),
            ),
        ],
        # "1.5 million", "9,000" / "two", "one million", "dozens"
        "CARDINAL": [
            # Not a number glued to another by "/" ("24/7", "3/4"): one token, no CARDINAL.
            (cardinal_digits(mag), None),
            # not "one" in "ones"
            (starts(rf"\b(?:{numw}){mag}\b", False, "number_words"), low("number_words")),
        ],
    }
    return {label: [(re.compile(p), trig) for p, trig in fams] for label, fams in src.items()}


def cardinal_digits(mag: str) -> str:
    r"""A number, not glued to a word or another number, with its magnitude. It opens with the
    digit and looks behind from there (not ``(?<![\w.,:/-])\d++`` behind a lookahead): a
    pattern that opens with a character class lets ``re`` skip to the next digit in C, where a
    lookahead first is tried at every place (the scan 20% faster; the same matches, since the
    character after the one looked at is that digit: tests/prelabel/test_entity_loop.py)."""
    return rf"\d(?<![\w.,:/-]\d)\d*+(?:[.,]\d++)*+{mag}(?!\d)(?![\w.,:/-]\w)"


def _free(taken: list[tuple[int, int, str]], s: int, e: int) -> bool:
    """Whether ``[s, e)`` overlaps none of ``taken`` (sorted spans that do not overlap: only
    the last one starting before ``e`` can)."""
    k = bisect_left(taken, (e,)) - 1
    return k < 0 or taken[k][1] <= s


Scan = tuple[str, re.Pattern[str], frozenset[str] | None, int | None, bool, Gate | None]
Step = tuple[
    str, re.Pattern[str], frozenset[str] | None, int | None, bool, Gate | None, Narrowed | None
]


@cache
def _plan() -> tuple[Step, ...]:
    """:func:`_scans`, each with its ``Narrowed`` or None."""
    narrow = narrowed()
    return tuple(
        (*scan, narrow.get((scan[0], k))) for scan, k in zip(_scans(), _indices(), strict=True)
    )


def _indices() -> list[int]:
    return [k for label in ORDER for k in range(len(_patterns()[label]))]


@cache
def _scans() -> tuple[Scan, ...]:
    """Every pattern in resolution order: (label, pattern, trigger words, lead, whether it has
    a group ``late``, finer gate or None: ``numeric_gates.py``). The lead (``digit_lead.py``)
    of a pattern run on a digit: a scan from that many characters before the sentence's first
    digit finds all its matches."""
    finer = gates()
    return tuple(
        (
            label,
            p,
            trigger,
            lead(p) if trigger is None else None,
            "late" in p.groupindex,
            finer.get((label, k)),
        )
        for label in ORDER
        for k, (p, trigger) in enumerate(_patterns()[label])
    )


@cache
def _word_scans() -> tuple[tuple[Step, ...], frozenset[str]]:
    """The scans of the patterns with trigger words (the only ones a sentence without a digit
    runs), in resolution order, and all their trigger words."""
    scans = tuple(step for step in _plan() if step[2] is not None)
    return scans, frozenset().union(*(step[2] for step in scans if step[2] is not None))


def find(text: str) -> list[tuple[int, int, str]]:
    """Non-overlapping ``(start, end, label)`` matches, in text order.

    A sentence without a digit runs only the word patterns, and none when it holds none of
    their trigger words (half of corpus/bbc's sentences): no loop over the twelve scans to
    skip each (tests/prelabel/test_entity_speed3.py holds this to the loop over all)."""
    digit = first_digit(text)
    present = lower_words(text)
    taken: list[tuple[int, int, str]] = []
    scans = _plan()
    if digit < 0:
        scans, triggers = _word_scans()
        if present.isdisjoint(triggers):
            return taken
    for label, pattern, trigger, ahead, late, finer, narrow in scans:
        if trigger is None:
            if finer is not None and not is_open(finer, text, present):  # (a digit: _scans)
                continue
        elif present.isdisjoint(trigger) or (
            finer is not None and not is_open(finer, text, present)
        ):
            continue
        if narrow is not None:
            variant = narrow.pick(present)
            if variant is None:
                continue
            pattern, ahead, late = variant
        pos = (scan_from(digit, ahead) or 0) if trigger is None else 0  # a digit: never None
        # The matches of one pattern do not overlap each other: each is checked against
        # the earlier patterns' only, then all are merged in.
        new: list[tuple[int, int, str]] = []
        for m in pattern.finditer(text, pos):
            s, e = m.span("late") if late and m.start("late") >= 0 else m.span()
            if _free(taken, s, e):
                new.append((s, e, label))
        taken = sorted(taken + new) if new else taken
    return taken
