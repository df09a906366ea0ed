"""The lower-case words of a sentence, found once and read by several families.

The numeric patterns (``entities/numeric.py``) and the check-worthiness rules
(``claims/checkworthy.py``) both gate their regular expressions on trigger words: each
lower-cased the sentence and collected its words, some 10 µs a sentence each. The labeler runs
the families sentence by sentence, so remembering the last sentence's answer is enough.
"""

from __future__ import annotations

import re

_WORD = re.compile(r"[a-z]+")
_last: tuple[str, frozenset[str]] = ("", frozenset())


def lower_words(text: str) -> frozenset[str]:
    """The runs of ASCII letters of ``text`` lower-cased ("U.S." -> {"u", "s"})."""
    global _last
    last = _last  # one read: the text and its words stay a pair
    if last[0] == text:
        return last[1]
    words = frozenset(_WORD.findall(text.lower()))
    _last = (text, words)
    return words
