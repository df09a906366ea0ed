"""The pieces the numeric patterns are written with (``numeric.py``): word lists as
alternations, numbers, and the lookahead of what a match starts with."""

from __future__ import annotations

import re

from builder.prelabel.entities.lexicon import NUMBERS, words


def alt(key: str, *, caps: bool = False) -> str:
    items = sorted(words(NUMBERS, key), key=len, reverse=True)
    if caps:  # sentence-initial "Last week", "Two soldiers"
        items += [w[:1].upper() + w[1:] for w in items if w[:1].islower()]
    return "|".join(re.escape(w) for w in items)


NUM = r"\d++(?:[.,]\d++)*+"


def from_number(rest: str) -> str:
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


def starts(pattern: str, digits: bool = True, *keys: str, also: str = "") -> str:
    """``pattern`` behind a lookahead for the characters its matches can start with: a digit,
    the first letter of a word of ``keys``, or one of ``also``. Python's ``re`` tries every
    branch of an alternation at every position; one character class first lets it move on at
    once where no match can begin (DATE's first family: three times as fast on corpus/bbc)."""
    # Upper case too: ``alt(..., caps=True)`` capitalises the words (a larger class than
    # needed is harmless: the lookahead only skips where no match can begin).
    chars = {c for key in keys for w in words(NUMBERS, key) for c in (w[0], w[0].upper())}
    chars |= set(also)
    first = "".join(re.escape(c) for c in sorted(chars)) + (r"\d" if digits else "")
    return rf"(?=[{first}])(?:{pattern})"


# A branch of an alternation: its source; what its matches start with (``starts``: a digit,
# the first letters of the words of keys, other characters); the word sets it needs, a word of
# each among the sentence's lower-case words (every match holds them whole), () for none.
Branch = tuple[str, bool, tuple[str, ...], str, tuple[frozenset[str], ...]]


def joined(branches: tuple[Branch, ...]) -> str:
    """``starts`` of the alternation of ``branches``, in their order."""
    keys = [key for branch in branches for key in branch[2]]
    also = "".join(branch[3] for branch in branches)
    digits = any(branch[1] for branch in branches)
    return starts("|".join(branch[0] for branch in branches), digits, *keys, also=also)
