"""A capitalised "-ing" word that opens a sentence before a name is a participle, no part of
the name (the twelfth session, from the seeds' corpus/bbc reading): "Combining SMFG, Japan's
third-biggest lender, and ...", "Struggling Japanese car maker X", "Using Braille for
speeches". It is cut off the run when what follows reads as its object: a known place or
nationality next ("Japanese", "Leeds"), or a name that ends before a comma, a possessive,
"and" or a preposition ("SMFG ,", "Beijing 's", "Braille for"). A name that is one stays
whole: a place or institution the gazetteer knows ("Downing Street", "Worthing"), a given
name ("Sterling"), an "-ing" name of orgs.yaml ("Reading", "Kettering", "Corning"), an
organisation's first word ("Racing Club"), and a title before a verb or a noun ("Finding
Nemo won", "Evening Standard film critic").
"""

from __future__ import annotations

from functools import cache

from builder.prelabel.entities import gazetteer
from builder.prelabel.entities.lexicon import ORGS, first_names, lexicon, word_set

# What may follow a participle's object: "Combining SMFG ,", "Unclogging Beijing 's streets",
# "Featuring Lena Brook and", "Using Braille for", "Putting Vioxx back on the shelves".
AFTER_OBJECT = frozenset(
    [",", "'", "’", "and", "for", "to", "in", "on", "at", "with", "from", "into", "back", "as"]
)
_VOWELS = frozenset("aeiouy")


@cache
def ing_names() -> frozenset[str]:
    """orgs.yaml ``ing_names`` (``word_set`` hashes its path argument per call)."""
    return word_set(ORGS, "ing_names")


def opening_participle(text: str, words: list[str], starts: list[int], i: int, j: int) -> bool:
    """Whether token ``i``, the first of the run of tokens ``i``..``j`` (two or more) that opens
    a sentence of ``text``, is a participle to cut off it."""
    word = words[i]
    # A participle's stem has a vowel: "Spring", "String", "King" are no participles.
    if len(word) < 5 or not word.endswith("ing") or _VOWELS.isdisjoint(word[:-3].lower()):
        return False
    if not word[1:].islower() or word in ing_names() or word in first_names():
        return False
    if word in lexicon().org_prefixes:
        return False
    nxt = words[j] if j < len(words) else ""
    rest = starts[i + 1] - starts[i]  # where the word after the participle starts in the run
    hits = gazetteer.spans(text[starts[i] : starts[j - 1] + len(words[j - 1])])
    for start, _end, label in hits:
        if start == 0:
            return False  # "Downing Street", "Worthing": the name opens with it
        if start == rest and label in ("GPE", "LOC", "NORP"):
            return True  # "Struggling Japanese", "Outgoing Leeds"
    return nxt in AFTER_OBJECT
