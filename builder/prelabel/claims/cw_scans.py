"""Check-worthiness scans that ``re`` can skip to (issue 14): the weak cues ``#past`` and
``#name``, and rule parts whose every match starts at the text's start, needs a last word
besides its first, or opens with a word and a mark. Each finds what the scan it replaces
finds (tests/prelabel/test_cw_scans.py).

``re`` skips in C to where a pattern's first literal (or class of literals) occurs; a pattern
that opens with an anchor, a lookaround or ``\\w`` is tried at every position instead, some
200 instructions each (``#past`` 28 k a sentence, past_action's ``\\w++['’]s`` 57 k).
"""

from __future__ import annotations

import re
from typing import Protocol

from builder.prelabel.re_parse import Items, c, group_body
from builder.prelabel.sentence_words import lower_words
from builder.prelabel.word_gates import has_folds


class Searcher(Protocol):
    """What ``checkworthy.fired`` calls of a rule part: ``re.Pattern.search``'s answer."""

    def search(self, text: str, pos: int = 0, /) -> object: ...


# "#past": a lower-case word in -ed (voted, increased), not in -eed (need, indeed, proceed),
# ``\b[a-z]{2,}[a-df-z]ed\b``, read backwards: the word then opens with the literal "de".
_PAST_REVERSED = re.compile(r"de(?<=\bde)[a-df-z][a-z]{2,}\b")
# "#name": a capitalised word after a lower-case one or a comma (a name, not a sentence
# start), ``[a-z,] [A-Z][a-z]``, from its blank.
_NAME_FROM_BLANK = re.compile(r" (?<=[a-z,] )[A-Z][a-z]")


def has_past(text: str) -> bool:
    """Whether ``text`` has a word ``#past`` reads (``\\b`` reads both ways alike)."""
    return _PAST_REVERSED.search(text[::-1]) is not None


def has_name(text: str) -> bool:
    """Whether ``text`` has a capitalised word after a lower-case one or a comma."""
    return _NAME_FROM_BLANK.search(text) is not None


def anchored(items: Items) -> bool:
    """Whether every match of the parsed ``items`` starts at ``^`` (no MULTILINE: ``parsed``
    refuses flags set inside, and the rules set none)."""
    if not items:
        return False
    op, av = items[0]
    if op is c.AT:
        return av is c.AT_BEGINNING or av is c.AT_BEGINNING_STRING
    body = group_body(op, av)
    if body is not None:
        return anchored(list(body))
    return op is c.BRANCH and all(anchored(list(alt)) for alt in av[1])


class AtStart:
    """A pattern every match of which starts at the text's start: ``search`` tried it at every
    position (``^`` behind the first characters' lookahead), ``match`` tries the start alone
    (and fails at a later ``pos``, where ``search`` finds nothing either). The slot holds the
    bound method: no Python call between."""

    __slots__ = ("search",)

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.search = pattern.match


class AlsoNeeds:
    """A part gated on the words its matches start with that needs one of those they end with
    too ("in the last ... years"): scanned only where the sentence has one of each (or a
    character that folds to an ASCII letter, as ``word_gates`` reads a gate)."""

    __slots__ = ("pattern", "words")

    def __init__(self, pattern: Searcher, words: frozenset[str]) -> None:
        self.pattern, self.words = pattern, words

    def search(self, text: str, pos: int = 0, /) -> object:
        if self.words.isdisjoint(lower_words(text)) and not has_folds(text):
            return None
        return self.pattern.search(text, pos)


def _word(ch: str) -> bool:
    """Whether ``ch`` is a word character as ``re``'s ``\\w`` reads one in a str."""
    return ch.isalnum() or ch == "_"


class WordThenMark:
    """``(?<![\\w-])\\w++TAIL(?![\\w-])`` where ``TAIL`` opens with a character that is no word
    character (past_action's ``\\w++['’]s``): ``re`` tried it at every word; here ``TAIL``
    (``tail``, with the end's test) is searched, skipped to its first character in C, and
    the word before it read back: a run of word characters (all of it: ``\\w++`` takes the
    run, and the tail's first character ends it) not after a hyphen."""

    __slots__ = ("tail",)

    def __init__(self, tail: re.Pattern[str]) -> None:
        self.tail = tail

    def search(self, text: str, pos: int = 0, /) -> object:
        at = pos
        while (found := self.tail.search(text, at)) is not None:
            end = start = found.start()
            while start > pos and _word(text[start - 1]):
                start -= 1
            before = text[start - 1] if start else " "  # the text's start: as after a blank
            if start < end and not _word(before) and before != "-":
                return found
            at = end + 1
        return None
