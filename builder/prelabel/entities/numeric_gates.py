"""Gates finer than the numeric patterns' triggers (issue 14): a pattern runs only where the
sentence holds what each of its matches holds.

A word pattern ran wherever one of its trigger words was, and "year", "day" (DATE) or "two"
(QUANTITY) are common, yet a match needs a second word too ("last year", "two years ago",
"two miles"). A digit pattern ran wherever a digit was, yet a PERCENT needs "%" or "percent",
an ORDINAL "st", "nd", "rd" or "th" after the digits, a MONEY a currency sign, code or word,
a TIME "14:24", "5 a.m." or "1400 GMT".
Each gate is read from the branches of its pattern (``numeric._patterns``): a word a match
holds whole (no ASCII letter before or after it) is one of the sentence's lower-case words
(``sentence_words.lower_words``), a character it holds is in the text. A closed gate has no
match (tests/prelabel/test_numeric_gates.py, against the patterns), so the same hits.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from itertools import product
from typing import NamedTuple

from builder.prelabel.entities.lexicon import NUMBERS, words

# Options, one of which must hold: each a tuple of word sets, the sentence a word of each.
Words = tuple[tuple[frozenset[str], ...], ...]


class Gate(NamedTuple):
    marks: re.Pattern[str] | None  # a match of this in the text opens the gate
    words: Words


def low(*keys: str) -> frozenset[str]:
    """The words of ``keys`` lower-cased, and with an "s" (the triggers' own sets)."""
    out = {w.lower() for key in keys for w in words(NUMBERS, key)}
    return frozenset(out | {w + "s" for w in out})


def first_runs(*keys: str) -> frozenset[str]:
    """The first run of ASCII letters of each word of ``keys``, lower-cased: what a match of
    the word, with no letter before or after it, leaves among the sentence's lower-case words
    ("sq" of "sq km", "km" of "km/h", "usd" of "USD"). Empty when one word has no such run:
    that gate cannot be told (``gates`` leaves the pattern ungated)."""
    runs = [re.findall(r"[a-z]+", w.lower()) for key in keys for w in words(NUMBERS, key)]
    return frozenset(r[0] for r in runs) if all(runs) else frozenset()


def _marks(chars: set[str]) -> re.Pattern[str]:
    return re.compile("[" + "".join(re.escape(c) for c in sorted(chars)) + "]")


@cache
def gates() -> dict[tuple[str, int], Gate]:
    """The gates, by (label, index of the pattern in its family in ``numeric._patterns``)."""
    units = low("date_units")  # and their plurals ("years ago")
    unit_keys = first_runs("units")
    out = {
        # "(last) Monday" | "today" | "last week", "two / 2 years ago / earlier / later"
        ("DATE", 1): Gate(
            None,
            (
                (low("weekdays"),),
                (low("date_words"),),
                (units, low("date_modifiers") | {"ago", "earlier", "later"}),
            ),
        ),
        # "this morning", "last night": a time word after one of five words
        ("TIME", 1): Gate(
            None,
            ((low("time_words"), frozenset({"this", "that", "last", "tomorrow", "yesterday"})),),
        ),
        # "5%", "5 percent", "5 per cent", "7 pct"
        ("PERCENT", 0): Gate(_marks({"%"}), ((frozenset({"percent", "per", "pct"}),),)),
        # "14:24", "9.30" | "5 a.m.", "5pm" | "1400 GMT"
        ("TIME", 0): Gate(
            re.compile(r"\d[:.]\d"),
            (
                (frozenset({"a", "p"}), frozenset({"m"})),
                (frozenset({"am", "pm"}),),
                (frozenset({"gmt", "utc", "bst", "cet", "est"}),),
            ),
        ),
        # "1st", "22nd", "3rd", "4th"
        ("ORDINAL", 0): Gate(None, ((frozenset({"st", "nd", "rd", "th"}),),)),
    }
    # "$5", "US$5": a sign each holds; "USD 5"; "5 million dollars"
    signs = {w[-1] for w in words(NUMBERS, "currency_symbols")}
    money = first_runs("currency_codes") | first_runs("currency_words")
    if first_runs("currency_codes") and first_runs("currency_words"):
        out["MONEY", 0] = Gate(_marks(signs), ((money,),))
    if unit_keys:  # "30 km", "two miles": a unit after the number
        out["QUANTITY", 0] = Gate(None, ((unit_keys,),))
        out["QUANTITY", 1] = Gate(None, ((low("number_words"), unit_keys),))
    return out


def is_open(gate: Gate, text: str, present: frozenset[str]) -> bool:
    """Whether ``text`` (its lower-case words ``present``) may hold a match: a mark of the gate
    in it, or a word of each set of one option among ``present``. Loops, not ``any`` over
    generators: it is asked up to eight times a sentence."""
    marks, options = gate
    if marks is not None and marks.search(text) is not None:
        return True
    for option in options:
        for needed in option:
            if present.isdisjoint(needed):
                break
        else:
            return True
    return False


Needs = tuple[frozenset[str], ...]  # a word of each set among the sentence's lower-case words
# A pattern, its digit lead (``digit_lead.py``) and whether it has a group ``late``
Variant = tuple[re.Pattern[str], int | None, bool]


class Narrowed:
    """A pattern's alternation without the branches the sentence's words rule out (issue 14).

    ``re`` tries every branch of an alternation at each place its lookahead lets through, and
    the lookahead takes the first letters of every branch's words (most letters, for DATE's
    word pattern). A branch that needs words the sentence lacks has no match in it; at every
    place the alternation answers with its first branch that matches, so leaving such
    branches out finds the same matches, and the lookahead of the branches left skips more.
    A pattern is compiled for each set of the branches' distinct needs at once (DATE's: 2 and
    16, some 1 ms each), so that none is compiled while sentences are labelled."""

    def __init__(
        self, needs: tuple[Needs, ...], make: Callable[[tuple[bool, ...]], Variant | None]
    ) -> None:
        # The distinct needs, in their first order (a branch that needs nothing is always kept)
        kinds = tuple(dict.fromkeys(need for need in needs if need))
        self.kinds = kinds
        # The pattern for each set of needs met (True where met): of the branches whose needs
        # are met, ``make`` gives the pattern (None if there are none).
        self.variants: dict[tuple[bool, ...], Variant | None] = {
            met: make(tuple(not need or met[kinds.index(need)] for need in needs))
            for met in product((False, True), repeat=len(kinds))
        }

    def pick(self, present: frozenset[str]) -> Variant | None:
        """The pattern for a sentence of lower-case words ``present`` (None: no branch can
        match)."""
        met = tuple([all(not present.isdisjoint(words) for words in need) for need in self.kinds])
        return self.variants[met]
