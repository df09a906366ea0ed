"""The words right before a word the cue fallback looks at (split from ``fallback.py``): what
stands between them, the auxiliary and the head before it, and the word lists they are read
against.
"""

from __future__ import annotations

import re

from builder.prelabel.claims.fallback_words import WORD
from builder.prelabel.claims.spans import adverb


def gap(text: str, found: list[re.Match[str]], i: int) -> str:
    """What stands between word ``i - 1`` (or the start) and word ``i`` besides white space."""
    return text[found[i - 1].end() if i > 0 else 0 : found[i].start()].strip()


def before(
    text: str, found: list[re.Match[str]], i: int, whole: bool = True
) -> tuple[str, str, str] | None:
    """(prev, aux, head) for word ``i``: the word right before it (v7: "" across anything but
    white space, "ad in 2008 questioned" has none); the "be" before an adverb before it ("is
    also encouraging"); and the last word before it that is no soft word or "-ly" adverb, or
    "do" after a clitic ("didn't", "’ll": an auxiliary). Not ``whole`` (``found`` are the
    words of a window that may begin after the text's first word): None where the answer
    reads what stands before ``found[0]``."""
    if i == 0 and not whole:
        return None
    if between := gap(text, found, i):
        return "", "", "do" if _CLITIC.search(between) else ""
    if i == 0:
        return "", "", ""
    prev = found[i - 1].group().lower()
    aux = ""
    if prev in _ADVERBS and i == 1 and not whole:
        return None
    if prev in _ADVERBS and i > 1 and not gap(text, found, i - 1):
        earlier = found[i - 2].group().lower()
        aux = earlier if earlier in BE else ""
    j = i - 1
    while True:
        word = found[j].group().lower()
        if word not in SOFT and not adverb(word):
            return prev, aux, word
        if j == 0 and not whole:
            return None
        if between := gap(text, found, j):
            return prev, aux, "do" if _CLITIC.search(between) else ""
        if j == 0:
            return prev, aux, ""
        j -= 1


def around(text: str, found: list[re.Match[str]], i: int) -> tuple[tuple[str, str, str], str]:
    """``before`` and ``gap`` of word ``i`` of all the text's words ``found``."""
    got = before(text, found, i)
    assert got is not None  # every word is read: an answer
    return got, gap(text, found, i)


_WINDOW = 40  # characters before a cue word whose words are read first (``near``)


def near(text: str, start: int, end: int) -> tuple[tuple[str, str, str], str]:
    """``before`` and ``gap`` of the ``WORD`` at ``start:end``, from the words of a window
    before it (its last 40 characters, four times as many each time the answer reads
    further): a scan of every word of the sentence was most of the fallback's cost (issue
    14, tenth session). The window's words are the text's words there: ``WORD``'s looks
    either side read the text's characters outside the window too."""
    size = _WINDOW
    while True:
        lo = max(0, start - size)
        found = list(WORD.finditer(text, lo, end))
        i = len(found) - 1
        got = before(text, found, i, whole=lo == 0)
        if got is not None:
            return got, gap(text, found, i)
        size *= 4  # (not the whole text at once: a line of long chains stays linear)


def plural(word: str, noun_markers: frozenset[str]) -> bool:
    """A plural noun, the subject of a base form: "some Democrats privately express"."""
    return len(word) > 4 and word.endswith("s") and word not in noun_markers


BE = frozenset(["is", "are", "was", "were", "been", "be", "'s", "’s"])
MODALS = frozenset(
    ["do", "does", "did", "would", "will", "may", "might", "could", "should", "can", "must"]
)
# v10: an -s form before one of these is a plural noun: "electoral votes are", "worries have".
AUX_AFTER = MODALS | {"are", "were", "have", "had"}
# Words between the auxiliary and the base form: "did not immediately respond".
SOFT = frozenset(["not", "never", "also", "even", "ever", "immediately", "just", "really"])
# A base form after these (or a plural noun) is a present tense: "I know", "they say".
PLURAL_SUBJECTS = frozenset(["i", "we", "they", "you"])
_CLITIC = re.compile(r"(?:n['’]t|['’]ll|['’]d)$")
# Adverbs between the auxiliary and the -ing form: "is also encouraging", "are now slamming".
_ADVERBS = frozenset(["also", "still", "now", "again", "already", "increasingly", "openly"])
