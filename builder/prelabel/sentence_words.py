"""The lower-case words of a sentence, found once and read by several families.

The numeric patterns (``entities/numeric.py``) and the check-worthiness rules
(``claims/checkworthy.py``) both gate their regular expressions on trigger words: each
lower-cased the sentence and collected its words, some 10 µs a sentence each; both looked for
a digit too. The labeler runs the families sentence by sentence, so remembering the last
sentence's answer is enough.
"""

from __future__ import annotations

import re

from builder.prelabel.digit_lead import DIGIT

_WORD = re.compile(r"[a-z]+")
_last: tuple[str, frozenset[str]] = ("", frozenset())
_last_digit: tuple[str, int] = ("", -1)


def lower_words(text: str) -> frozenset[str]:
    """The runs of ASCII letters of ``text`` lower-cased ("U.S." -> {"u", "s"})."""
    global _last
    last = _last  # one read: the text and its words stay a pair
    if last[0] == text:
        return last[1]
    words = frozenset(_WORD.findall(text.lower()))
    _last = (text, words)
    return words


def first_digit(text: str) -> int:
    """Where the first digit of ``text`` is (``\\d``), -1 if it has none."""
    global _last_digit
    last = _last_digit
    if last[0] == text:
        return last[1]
    found = DIGIT.search(text)
    at = -1 if found is None else found.start()
    _last_digit = (text, at)
    return at
