"""Regular-expression families for DATE, TIME, MONEY, PERCENT, QUANTITY, ORDINAL, CARDINAL.

The patterns are assembled from the word lists of numbers.yaml. All families run over the
sentence once; overlapping matches are resolved here, not in aggregation, by a fixed order
(the specific types before CARDINAL, longer before shorter), so that "March 3, 2022" is one
DATE and not a DATE plus two CARDINALs.
"""

from __future__ import annotations

import re
from functools import cache

from builder.prelabel.entities.lexicon import NUMBERS, words

DATA = (NUMBERS,)
# Resolution order: earlier families win overlaps.
ORDER = ("MONEY", "PERCENT", "TIME", "DATE", "QUANTITY", "ORDINAL", "CARDINAL")


def _alt(key: str, *, caps: bool = False) -> str:
    items = sorted(words(NUMBERS, key), key=len, reverse=True)
    if caps:  # sentence-initial "Last week", "Two soldiers"
        items += [w[:1].upper() + w[1:] for w in items if w[:1].islower()]
    return "|".join(re.escape(w) for w in items)


NUM = r"\d+(?:[.,]\d+)*"


Family = list[tuple[re.Pattern[str], frozenset[str] | None]]
_WORD = re.compile(r"[a-z]+")
_DIGIT = re.compile(r"\d")


def _low(*keys: str) -> frozenset[str]:
    out = {w.lower() for key in keys for w in words(NUMBERS, key)}
    return frozenset(out | {w + "s" for w in out})


@cache
def _patterns() -> dict[str, Family]:
    """Each family as (pattern, trigger words): a pattern runs only when the sentence has a
    digit (trigger None) or one of its trigger words. Python's ``re`` tries every branch of a
    large alternation at every position, so this gate is what keeps the family fast."""
    month, wday = _alt("months"), _alt("weekdays")
    mag = rf"(?:\s?(?:{_alt('magnitudes')})\b)?"
    numw = _alt("number_words", caps=True)
    amount = rf"(?:{NUM}|{numw}|an?|A)"
    mods, units = _alt("date_modifiers", caps=True), _alt("date_units")
    date_words = _low("weekdays", "date_units", "date_words")
    src: dict[str, list[tuple[str, frozenset[str] | None]]] = {
        # "$100", "£1.2 million", "US$5bn", "30 million hryvnias", "EUR 5"
        "MONEY": [
            (
                rf"(?:(?:{_alt('currency_symbols')})\s?{NUM}{mag}"
                rf"|\b(?:{_alt('currency_codes')})\s?{NUM}{mag}"
                rf"|\b{NUM}{mag}\s(?:{_alt('currency_words')})\b)",
                None,
            )
        ],
        # "5%", "5 percent", "5.5 per cent", "7 pct"
        "PERCENT": [(rf"\b{NUM}\s?(?:%|percent\b|per cent\b|pct\b)", None)],
        # "14:24", "5 a.m.", "1400 GMT" / "this morning", "last night"
        "TIME": [
            (
                r"\b\d{1,2}[:.]\d{2}(?!\d)(?:\s?(?:[ap]\.m\.|[ap]m\b))?"
                r"|\b\d{1,2}\s?(?:[ap]\.m\.|[ap]m\b)|\b\d{4}\s(?:GMT|UTC|BST|CET|EST)\b",
                None,
            ),
            (
                rf"\b(?:this|that|last|tomorrow|yesterday|This|Last)\s(?:{_alt('time_words')})\b",
                _low("time_words"),
            ),
        ],
        # "March 3, 2022", "3 March", "March 2022", "1996-08-30", "in 2014", "the 1990s" /
        # "last Thursday", "next week", "three years ago", "today"
        "DATE": [
            (
                rf"\b(?:{month})\.?\s\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s\d{{4}})?\b"
                rf"|\b\d{{1,2}}(?:st|nd|rd|th)?\s(?:{month})(?:,?\s\d{{4}})?\b"
                rf"|\b(?:{month})\s\d{{4}}\b|\b\d{{4}}-\d{{2}}-\d{{2}}\b"
                r"|\b(?:the\s)?(?:19|20)\d0s\b|(?<=\b(?:in|In|by|of) )(?:19|20)\d\d\b(?![.,]\d)"
                # ages are DATEs in OntoNotes: "a 77-year-old woman"
                r"|\b\d{1,3}-(?:year|month|week|day)s?-old\b",
                None,
            ),
            (
                rf"\b(?:(?:{mods})\s)?(?:{wday})\b|\b(?:{mods})\s(?:{units})\b"
                rf"|\b(?:{amount})\s(?:{units})s?\s(?:ago|earlier|later)\b"
                rf"|\b(?:{_alt('date_words', caps=True)})\b",
                date_words,
            ),
        ],
        # "30 km", "19 miles", "1.5 tonnes" / "two kilometres"
        "QUANTITY": [
            (rf"\b{NUM}\s?(?:{_alt('units')})(?![\w/])", None),
            (rf"\b(?:{numw})\s(?:{_alt('units')})(?![\w/])", _low("number_words")),
        ],
        "ORDINAL": [
            (r"\b\d+(?:st|nd|rd|th)\b", None),
            (rf"\b(?:{_alt('ordinal_words', caps=True)})\b", _low("ordinal_words")),
        ],
        # "1.5 million", "9,000" / "two", "one million", "dozens"
        "CARDINAL": [
            (rf"(?<![\w.,:-]){NUM}{mag}(?!\d)(?![\w.,:-]\w)", None),
            (rf"\b(?:{numw}){mag}\b", _low("number_words")),  # not "one" in "ones"
        ],
    }
    return {label: [(re.compile(p), trig) for p, trig in fams] for label, fams in src.items()}


def _free(taken: list[tuple[int, int, str]], s: int, e: int) -> bool:
    # A plain loop: ``all(<generator>)`` cost a microsecond per match here.
    for ts, te, _ in taken:  # noqa: SIM110
        if s < te and ts < e:
            return False
    return True


def find(text: str) -> list[tuple[int, int, str]]:
    """Non-overlapping ``(start, end, label)`` matches, in text order."""
    has_digit = _DIGIT.search(text) is not None
    present = set(_WORD.findall(text.lower()))
    taken: list[tuple[int, int, str]] = []
    patterns = _patterns()
    for label in ORDER:
        for pattern, trigger in patterns[label]:
            if not has_digit if trigger is None else present.isdisjoint(trigger):
                continue
            for m in pattern.finditer(text):
                s, e = m.span()
                if _free(taken, s, e):
                    taken.append((s, e, label))
    taken.sort()
    return taken
