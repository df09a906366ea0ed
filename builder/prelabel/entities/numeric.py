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
from builder.prelabel.entities.lexicon import NUMBERS, words
from builder.prelabel.entities.numeric_gates import Gate, gates, is_open, low
from builder.prelabel.sentence_words import first_digit, lower_words

DATA = (NUMBERS,)
# Resolution order: earlier families win overlaps.
ORDER = ("MONEY", "PERCENT", "TIME", "DATE", "QUANTITY", "ORDINAL", "CARDINAL")


def _alt(key: str, *, caps: bool = False) -> str:
    items = sorted(words(NUMBERS, key), key=len, reverse=True)
    if caps:  # sentence-initial "Last week", "Two soldiers"
        items += [w[:1].upper() + w[1:] for w in items if w[:1].islower()]
    return "|".join(re.escape(w) for w in items)


NUM = r"\d++(?:[.,]\d++)*+"


def _from_number(rest: str) -> str:
    """``\\b{NUM}{rest}``, tried once per run of digits and separators.

    From a digit after a separator ("1,5" at "5") a number ends where the one from the start of
    the run ends, and ``rest`` holds or fails there alike: only the first digit the ``\\b`` lets
    through is tried. That is the run's first digit (not after a word character, nor after a
    digit and a separator) or, after a letter ("x1,5%": no ``\\b``), the first digit after a
    separator: group ``late`` then holds the match. The lookbehinds come after the first digit,
    so that the regex engine skips to the next digit quickly.
    """
    return (
        rf"\d(?:(?<!\w\d)(?<!\d[.,]\d)\d*+(?:[.,]\d++)*+{rest}"
        rf"|(?<=[^\W\d]\d)\d*+[.,](?P<late>{NUM}{rest}))"
    )


def _starts(pattern: str, digits: bool = True, *keys: str, also: str = "") -> str:
    """``pattern`` behind a lookahead for the characters its matches can start with: a digit,
    the first letter of a word of ``keys``, or one of ``also``. Python's ``re`` tries every
    branch of an alternation at every position; one character class first lets it move on at
    once where no match can begin (DATE's first family: three times as fast on corpus/bbc)."""
    # Upper case too: ``_alt(..., caps=True)`` capitalises the words (a larger class than
    # needed is harmless: the lookahead only skips where no match can begin).
    chars = {c for key in keys for w in words(NUMBERS, key) for c in (w[0], w[0].upper())}
    chars |= set(also)
    first = "".join(re.escape(c) for c in sorted(chars)) + (r"\d" if digits else "")
    return rf"(?=[{first}])(?:{pattern})"


Family = list[tuple[re.Pattern[str], frozenset[str] | None]]


@cache
def _patterns() -> dict[str, Family]:
    """Each family as (pattern, trigger words): a pattern runs only when the sentence has a
    digit (trigger None) or one of its trigger words. Python's ``re`` tries every branch of a
    large alternation at every position, so this gate is what keeps the family fast."""
    month, wday = _alt("months"), _alt("weekdays")
    mag = rf"(?:\s?(?:{_alt('magnitudes')})\b)?"
    numw = _alt("number_words", caps=True)
    mods, units = _alt("date_modifiers", caps=True), _alt("date_units")
    ago = rf"\s(?:{units})s?\s(?:ago|earlier|later)\b"
    money_after = rf"{mag}\s(?:{_alt('currency_words')})\b"
    date_words = low("weekdays", "date_units", "date_words")
    src: dict[str, list[tuple[str, frozenset[str] | None]]] = {
        # "$100", "£1.2 million", "US$5bn", "30 million hryvnias", "EUR 5"
        "MONEY": [
            (
                _starts(
                    rf"(?:{_alt('currency_symbols')})\s?{NUM}{mag}"
                    rf"|\b(?:{_alt('currency_codes')})\s?{NUM}{mag}"
                    rf"|{_from_number(money_after)}",
                    True,
                    "currency_symbols",
                    "currency_codes",
                ),
                None,
            )
        ],
        # "5%", "5 percent", "5.5 per cent", "7 pct"
        "PERCENT": [(_from_number(r"\s?(?:%|percent\b|per cent\b|pct\b)"), None)],
        # "14:24", "5 a.m.", "1400 GMT" / "this morning", "last night"
        "TIME": [
            (
                _starts(
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
        "DATE": [
            (
                _starts(
                    rf"\b(?:{month})\.?\s\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s\d{{4}})?\b"
                    rf"|\b\d{{1,2}}(?:st|nd|rd|th)?\s(?:{month})(?:,?\s\d{{4}})?\b"
                    rf"|\b(?:{month})\s\d{{4}}\b|\b\d{{4}}-\d{{2}}-\d{{2}}\b"
                    r"|\b(?:the\s)?(?:19|20)\d0s\b|(?<=\b(?:in|In|by|of) )(?:19|20)\d\d\b(?![.,]\d)"
                    # ages are DATEs in OntoNotes: "a 77-year-old woman"
                    r"|\b\d{1,3}-(?:year|month|week|day)s?-old\b",
                    True,
                    "months",
                    also="t",  # "the 1990s"
                ),
                None,
            ),
            (
                _starts(
                    rf"\b(?:(?:{mods})\s)?(?:{wday})\b|\b(?:{mods})\s(?:{units})\b"
                    rf"|\b(?:{numw}|an?|A){ago}|{_from_number(ago)}"
                    rf"|\b(?:{_alt('date_words', caps=True)})\b",
                    True,
                    *("date_modifiers", "weekdays", "number_words", "date_words"),
                    also="aA",
                ),
                date_words,
            ),
        ],
        # "30 km", "19 miles", "1.5 tonnes" / "two kilometres"
        "QUANTITY": [
            (_from_number(rf"\s?(?:{_alt('units')})(?![\w/])"), None),
            (
                _starts(rf"\b(?:{numw})\s(?:{_alt('units')})(?![\w/])", False, "number_words"),
                low("number_words"),
            ),
        ],
        "ORDINAL": [
            (_starts(r"\b\d+(?:st|nd|rd|th)\b"), None),
            (
                _starts(rf"\b(?:{_alt('ordinal_words', caps=True)})\b", False, "ordinal_words"),
                low("ordinal_words"),
            ),
        ],
        # "1.5 million", "9,000" / "two", "one million", "dozens"
        "CARDINAL": [
            # Not a number glued to another by "/" ("24/7", "3/4"): one token, no CARDINAL.
            (_starts(rf"(?<![\w.,:/-]){NUM}{mag}(?!\d)(?![\w.,:/-]\w)"), None),
            # not "one" in "ones"
            (_starts(rf"\b(?:{numw}){mag}\b", False, "number_words"), low("number_words")),
        ],
    }
    return {label: [(re.compile(p), trig) for p, trig in fams] for label, fams in src.items()}


def _free(taken: list[tuple[int, int, str]], s: int, e: int) -> bool:
    """Whether ``[s, e)`` overlaps none of ``taken`` (sorted spans that do not overlap: only
    the last one starting before ``e`` can)."""
    k = bisect_left(taken, (e,)) - 1
    return k < 0 or taken[k][1] <= s


Scan = tuple[str, re.Pattern[str], frozenset[str] | None, int | None, bool, Gate | None]


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
def _word_scans() -> tuple[tuple[Scan, ...], frozenset[str]]:
    """The scans of the patterns with trigger words (the only ones a sentence without a digit
    runs), in resolution order, and all their trigger words."""
    scans = tuple(scan for scan in _scans() if scan[2] is not None)
    return scans, frozenset().union(*(scan[2] for scan in scans if scan[2] is not None))


def find(text: str) -> list[tuple[int, int, str]]:
    """Non-overlapping ``(start, end, label)`` matches, in text order.

    A sentence without a digit runs only the word patterns, and none when it holds none of
    their trigger words (half of corpus/bbc's sentences): no loop over the twelve scans to
    skip each (tests/prelabel/test_entity_speed3.py holds this to the loop over all)."""
    digit = first_digit(text)
    present = lower_words(text)
    taken: list[tuple[int, int, str]] = []
    scans = _scans()
    if digit < 0:
        scans, triggers = _word_scans()
        if present.isdisjoint(triggers):
            return taken
    for label, pattern, trigger, ahead, late, finer in scans:
        if trigger is None:
            if finer is not None and not is_open(finer, text, present):  # (a digit: _scans)
                continue
            pos = scan_from(digit, ahead) or 0  # a digit: never None
        elif present.isdisjoint(trigger) or (
            finer is not None and not is_open(finer, text, present)
        ):
            continue
        else:
            pos = 0
        # The matches of one pattern do not overlap each other: each is checked against
        # the earlier patterns' only, then all are merged in.
        new: list[tuple[int, int, str]] = []
        for m in pattern.finditer(text, pos):
            s, e = m.span("late") if late and m.start("late") >= 0 else m.span()
            if _free(taken, s, e):
                new.append((s, e, label))
        taken = sorted(taken + new) if new else taken
    return taken
