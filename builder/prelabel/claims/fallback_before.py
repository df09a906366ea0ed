"""The words right before a word the cue fallback looks at (split from ``fallback.py``): what
stands between them, the auxiliary and the head before it, and the word lists they are read
against.
"""

from __future__ import annotations

import re

from builder.prelabel.claims.spans import adverb


def gap(text: str, found: list[re.Match[str]], i: int) -> str:
    """What stands between word ``i - 1`` (or the start) and word ``i`` besides white space."""
    return text[found[i - 1].end() if i > 0 else 0 : found[i].start()].strip()


def before(text: str, found: list[re.Match[str]], i: int) -> tuple[str, str, str]:
    """(prev, aux, head) for word ``i``: the word right before it (v7: "" across anything but
    white space, "ad in 2008 questioned" has none); the "be" before an adverb before it ("is
    also encouraging"); and the last word before it that is no soft word or "-ly" adverb, or
    "do" after a clitic ("didn't", "’ll": an auxiliary)."""
    if between := gap(text, found, i):
        return "", "", "do" if _CLITIC.search(between) else ""
    if i == 0:
        return "", "", ""
    prev = found[i - 1].group().lower()
    aux = ""
    if prev in _ADVERBS and i > 1 and not gap(text, found, i - 1):
        earlier = found[i - 2].group().lower()
        aux = earlier if earlier in BE else ""
    j = i - 1
    while True:
        word = found[j].group().lower()
        if word not in SOFT and not adverb(word):
            return prev, aux, word
        if between := gap(text, found, j):
            return prev, aux, "do" if _CLITIC.search(between) else ""
        if j == 0:
            return prev, aux, ""
        j -= 1


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
