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
# Byte tables for ASCII texts: a letter lower-cased, any other byte a space; a digit "0".
_ASCII_LOWER = bytes(c + 32 if 65 <= c <= 90 else c if 97 <= c <= 122 else 32 for c in range(256))
_ASCII_DIGIT = bytes(48 if 48 <= c <= 57 else 32 for c in range(256))
_last: tuple[str, frozenset[str]] = ("", frozenset())
_last_digit: tuple[str, int] = ("", -1)


def lower_words(text: str) -> frozenset[str]:
    """The runs of ASCII letters of ``text`` lower-cased ("U.S." -> {"u", "s"})."""
    global _last
    last = _last  # one read: the text and its words stay a pair
    if last[0] == text:
        return last[1]
    if text.isascii():
        # Each byte that is no ASCII letter made a space, each letter lower-cased, in one C
        # loop (``bytes.translate``): the runs are the chunks between spaces. Half the cost of
        # the regex scan, whose every match is a call (issue 14; tests/prelabel/
        # test_entity_speed3.py holds it to the scan).
        words = frozenset(text.encode().translate(_ASCII_LOWER).decode().split())
    else:
        words = frozenset(_WORD.findall(text.lower()))
    _last = (text, words)
    return words


def first_digit(text: str) -> int:
    """Where the first digit of ``text`` is (``\\d``), -1 if it has none."""
    global _last_digit
    last = _last_digit
    if last[0] == text:
        return last[1]
    if text.isascii():
        # An ASCII text's digits are "0" to "9" (``\\d`` matches no other ASCII character):
        # each made "0" and the rest spaces, in one C loop, and the first "0" found.
        at = text.encode().translate(_ASCII_DIGIT).find(b"0")
    else:
        found = DIGIT.search(text)
        at = -1 if found is None else found.start()
    _last_digit = (text, at)
    return at
