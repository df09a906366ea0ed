"""The words without which a whole-word pattern cannot match: a gate read before the regex.

A check-worthiness rule is one regular expression of several patterns, run when the sentence
holds one of the rule's trigger words. Some triggers are common ("has", "'s") while a pattern
needs a rarer word: `past_action`'s second pattern ends in one of 29 verbs ("voted", "cut"),
yet it ran, at every word of half the sentences, whenever the first pattern's "has" or "'s"
was there (about a third of the rule's 20 µs a sentence). Each pattern here gets, read from
its parse (``re``'s own parser), the lower-case words one of which every match holds as a
whole word: the word of letters its matches start (or end) with, where what follows (or
precedes) it cannot be a letter. The pattern runs only when the sentence has one
(``sentence_words.lower_words``): the same matches, by construction.

One exception: with ``re.IGNORECASE`` four characters outside ASCII match ASCII letters ("ſ" is
an "s", the Kelvin sign a "k"; ``FOLDS``), which the sentence's lower-case words do not show.
A sentence with one of them runs every pattern, as before.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from builder.prelabel.re_parse import REPEATS, Items, c, group_body, parsed

# Every character outside ASCII that ``re.IGNORECASE`` matches to an ASCII letter (İ ı: i,
# ſ: s, K: k; tests/prelabel/test_word_gates.py reads all of Unicode to hold this).
FOLDS = "\u0130\u0131\u017f\u212a"
FOLDED = re.compile(f"[{FOLDS}]")


def has_folds(text: str) -> bool:
    """Whether ``text`` holds one of ``FOLDS`` (never an ASCII text: no scan then)."""
    return not text.isascii() and FOLDED.search(text) is not None


_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
_NOT_LETTER_CLASSES = (c.CATEGORY_SPACE, c.CATEGORY_DIGIT)


def _no_letter(op: Any, av: Any) -> bool:
    """Whether the item matches exactly one character that is no ASCII letter."""
    if op is c.LITERAL:
        return av < 128 and chr(av) not in _LETTERS
    if op is c.IN:
        return all(
            (o is c.LITERAL and a < 128 and chr(a) not in _LETTERS)
            or (o is c.CATEGORY and a in _NOT_LETTER_CLASSES)
            for o, a in av
        )
    return False


def ends_no_letter(items: Items) -> bool:
    """Whether every match of ``items`` (at a match's start, where the whole-word pattern has
    no word character before it) leaves no ASCII letter just before where it ends."""
    if not items:
        return True  # the pattern's start: ``(?<![\w-])`` before it
    *rest, (op, av) = items
    if _no_letter(op, av):
        return True
    if op is c.AT:  # zero width: what came before decides
        return ends_no_letter(rest)
    body = group_body(op, av)
    if body is not None:
        return ends_no_letter(rest + list(body))
    if op is c.BRANCH:
        return all(ends_no_letter(rest + list(alt)) for alt in av[1])
    if op in REPEATS:
        low, _high, inner = av
        return ends_no_letter(list(inner)) and (low >= 1 or ends_no_letter(rest))
    return False


def _starts_no_letter(items: Items) -> bool:
    """Whether every match of ``items``, after a letter, starts with no ASCII letter."""
    if not items:
        return True  # the pattern's end: ``(?![\w-])`` after it
    (op, av), *rest = items
    if _no_letter(op, av) or (op is c.AT and av is c.AT_BOUNDARY):
        return True  # "\b" after a letter: no word character follows
    body = group_body(op, av)
    if body is not None:
        return _starts_no_letter(list(body) + rest)
    if op is c.BRANCH:
        return all(_starts_no_letter(list(alt) + rest) for alt in av[1])
    if op in REPEATS:
        low, _high, inner = av
        return _starts_no_letter(list(inner)) and (low >= 1 or _starts_no_letter(rest))
    return False


def _letters(items: Items) -> int:
    """How many items from the start are literal ASCII letters."""
    n = 0
    while n < len(items) and items[n][0] is c.LITERAL and chr(items[n][1]) in _LETTERS:
        n += 1
    return n


def _union(options: list[Items], read: Callable[[Items], set[str] | None]) -> set[str] | None:
    """The words ``read`` finds in every one of ``options`` (the branches of an alternation),
    or None when it cannot tell for one of them."""
    out: set[str] = set()
    for items in options:
        words = read(items)
        if words is None:
            return None
        out |= words
    return out


def edge_words(items: Items, first: bool) -> set[str] | None:
    """The words of letters a match of ``items`` starts (``first``) or ends with, whole (no
    letter after or before them), or None when that cannot be told."""
    if not items:
        return None
    (op, av), rest = (items[0], items[1:]) if first else (items[-1], items[:-1])

    def joined(inner: Items) -> Items:  # ``inner`` in the place of the item read
        return inner + rest if first else rest + inner

    if op is c.AT:  # "^", "\b", "$": zero width
        return edge_words(rest, first)
    body = group_body(op, av)
    if body is not None:
        return edge_words(joined(list(body)), first)
    if op is c.BRANCH:
        return _union([joined(list(alt)) for alt in av[1]], lambda i: edge_words(i, first))
    n = _letters(items if first else items[::-1])
    if n == 0:
        return None
    if first:
        word, whole = items[:n], _starts_no_letter(items[n:])
    else:
        word, whole = items[len(items) - n :], ends_no_letter(items[: len(items) - n])
    return {"".join(chr(av) for _op, av in word).lower()} if whole else None


def gate(pattern: str, flags: int = 0) -> frozenset[str] | None:
    """The lower-case words one of which every match of ``(?<![\\w-])(?:pattern)(?![\\w-])``
    holds as a whole word (a run of ASCII letters between no letters), or None when that
    cannot be told (then the pattern runs on every sentence its rule is triggered in)."""
    items = parsed(pattern, flags)
    if items is None:
        return None
    words = edge_words(items, True) or edge_words(items, False)
    return frozenset(words) if words else None
