"""A check-worthiness pattern that only spells out phrases, found without the regex engine.

Most patterns of ``checkworthy.yaml`` are alternations of fixed words and phrases ("killed|
died|dead|deaths?", "tax(?:es)?|...|interest rates"): ``re`` tries each of them, behind the
lookahead of their first characters, at every position of the sentence (the economy rule some
7 µs where its trigger words occur). Such a pattern matches a finite set of phrases, read here
from its parse (``re``'s own parser): literals, classes of literals, alternations, optional or
bounded repeats of those, and ``\\b`` at a phrase's edge next to a letter. Every such phrase
starts with a run of ASCII letters, its *key*: in an ASCII text (95% of corpus/bbc) a whole-word
match (``(?<![\\w-])...(?![\\w-])``, as ``cw_parts.whole`` builds it) holds its key as a
whole run of letters, one of the sentence's lower-case words (``sentence_words.lower_words``);
so only the phrases of the keys the sentence has are looked up, with ``str.find`` in the
lower-cased text and a test of the characters around. Case-insensitive matching of an ASCII
text is the comparison of its lower case (the characters outside ASCII that match ASCII
letters, ``word_gates.FOLDS``, cannot be in it, and a pattern holding one is not read here).
A text outside ASCII is left to the regex. Tests: ``tests/prelabel/test_cw_phrases.py``.
"""

from __future__ import annotations

import re
from collections.abc import Set
from typing import Any

from builder.prelabel.re_parse import Items, c, group_body
from builder.prelabel.word_gates import FOLDS

_MOST = 4096  # more phrases than this: the pattern is left to the regex
_EDGE = None  # "\b" in a phrase being spelled: allowed only at its ends, next to a letter
_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyz")
# What ``(?<![\w-])`` and ``(?![\w-])`` refuse beside a match, in a lower-cased ASCII text.
_WORDISH = frozenset("abcdefghijklmnopqrstuvwxyz0123456789_-")
_KEY = re.compile(r"[a-z]+")
Spellings = list[tuple[str | None, ...]]
# key (the first run of letters) -> the phrases that start with it, longest first
Table = dict[str, tuple[str, ...]]


def _char(code: int) -> str:
    """A literal, lower-cased; "\x00" (no phrase holds it: the pattern is not read) for a
    character outside ASCII whose case forms reach ASCII ("\u212a", the Kelvin sign, is a "k")."""
    ch = chr(code)
    if ch.isascii():
        return ch.lower()
    forms = ch.lower() + ch.upper() + ch.casefold()
    return "\x00" if ch in FOLDS or any(f.isascii() for f in forms) else ch


def _spell(items: Any) -> Spellings | None:
    """Every sequence of characters (and ``_EDGE``) the parsed ``items`` match, or None."""
    out: Spellings = [()]
    for op, av in items:
        if op is c.LITERAL:
            options: Spellings | None = [(_char(av),)]
        elif op is c.IN and all(o is c.LITERAL for o, _a in av):
            options = [(_char(a),) for _o, a in av]
        elif op is c.AT and av is c.AT_BOUNDARY:
            options = [(_EDGE,)]
        elif op is c.BRANCH:
            options = []
            for alt in av[1]:
                spelled = _spell(alt)
                if spelled is None:
                    return None
                options += spelled
        elif (body := group_body(op, av)) is not None:
            options = _spell(body)
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT) and av[1] <= 2:  # a possessive one may match less
            once = _spell(av[2])
            if once is None:
                return None
            options = []
            for n in range(av[0], av[1] + 1):
                times: Spellings = [()]
                for _ in range(n):
                    times = [a + b for a in times for b in once]
                options += times
        else:
            return None
        if options is None or len(out) * len(options) > _MOST:
            return None
        out = [a + b for a in out for b in options]
    return out


def _phrase(spelled: tuple[str | None, ...]) -> str | None:
    """The phrase without its edges, or None when an edge is not at an end next to a letter
    (there "\\b" says something the whole-word test does not)."""
    chars = list(spelled)
    if chars and chars[0] is _EDGE and len(chars) > 1 and chars[1] in _LETTERS:
        chars = chars[1:]
    if chars and chars[-1] is _EDGE and len(chars) > 1 and chars[-2] in _LETTERS:
        chars = chars[:-1]
    if any(ch is _EDGE for ch in chars):
        return None
    return "".join(ch for ch in chars if ch is not None)


def phrases_of(items: Items) -> frozenset[str] | None:
    """The lower-case phrases a pattern compiled with ``re.IGNORECASE`` matches, read from its
    parse (``re_parse.parsed``; lower-cased, they are not those of a case-sensitive pattern);
    None when they cannot be spelled, or one does not start with a letter or holds a character
    outside ASCII that case-insensitive matching may take for one."""
    spelled = _spell(items)
    if spelled is None:
        return None
    out = set()
    for one in spelled:
        phrase = _phrase(one)
        if phrase is None or phrase[:1] not in _LETTERS or "\x00" in phrase:
            return None
        out.add(phrase)
    return frozenset(out)


def _implied(phrase: str, found: Set[str]) -> bool:
    """Whether another of ``found`` occurs wherever ``phrase`` occurs as a whole word: its part
    before or after a character that is no word character ("the first time" holds "first
    time", which then has "the" and a blank before it and what follows the phrase after it)."""
    return any(
        phrase[:at] in found or phrase[at + 1 :] in found
        for at, ch in enumerate(phrase)
        if ch not in _WORDISH and 0 < at < len(phrase) - 1
    )


def table(found: Set[str]) -> Table:
    """The phrases of an ASCII text by their key (those outside ASCII cannot occur in one),
    without those another of them implies: "the" keyed comparison's 15 "the ..." phrases,
    each looked up in most sentences."""
    by_key: dict[str, list[str]] = {}
    for phrase in found:
        if phrase.isascii() and not _implied(phrase, found):
            key = _KEY.match(phrase)
            assert key is not None  # phrases_of lets through only those that start with one
            by_key.setdefault(key.group(), []).append(phrase)
    return {key: tuple(sorted(ps, key=lambda p: (-len(p), p))) for key, ps in by_key.items()}


def occurs(by_key: Table, keys: frozenset[str], words: frozenset[str], low: str) -> bool:
    """Whether a phrase of ``by_key`` (whose keys are ``keys``) occurs as a whole word in the
    ASCII text whose lower case is ``low`` and lower-case words ``words``."""
    end = len(low)
    for key in keys & words:
        for phrase in by_key[key]:
            at = low.find(phrase)
            while at >= 0:
                after = at + len(phrase)
                if (at == 0 or low[at - 1] not in _WORDISH) and (
                    after == end or low[after] not in _WORDISH
                ):
                    return True
                at = low.find(phrase, at + 1)
    return False
