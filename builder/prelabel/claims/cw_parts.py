"""The check-worthiness rules' patterns as ``fired`` runs them (``checkworthy.py``): each
rule's patterns in one whole-word expression, or parted behind the words they need, with what
lets a part be skipped, scanned from later than the start, or looked up instead of scanned.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from pathlib import Path

from builder.datafiles import load_mapping
from builder.prelabel.claims.cw_phrases import Table, phrases_of, table
from builder.prelabel.claims.cw_scans import AlsoNeeds, AtStart, Searcher, WordThenMark, anchored
from builder.prelabel.claims.cw_split import (
    branches,
    marks_of,
    no_word_first,
    parted,
    without_implied,
)
from builder.prelabel.digit_lead import lead_of
from builder.prelabel.first_chars import with_first_chars
from builder.prelabel.re_parse import Items, parsed
from builder.prelabel.word_gates import edge_words, ends_no_letter, gate


def _joined(patterns: Sequence[str]) -> str:
    return "|".join(f"(?:{p})" for p in patterns)


@functools.lru_cache(maxsize=256)  # load_rules and load_parts build the same ones
def _whole(patterns: tuple[str, ...]) -> re.Pattern[str]:
    """One expression of ``patterns``: whole words only ("taxi" is no "tax"); anchors and "\b"
    in a pattern still apply."""
    expr = rf"(?<![\w-])(?:{_joined(patterns)})(?![\w-])"
    return re.compile(with_first_chars(expr, re.IGNORECASE), re.IGNORECASE)


def whole(patterns: Sequence[str]) -> re.Pattern[str]:
    """``_whole`` of any sequence (remembered by its tuple)."""
    return _whole(tuple(patterns))


# A rule's patterns, each behind the words one of which it needs (None: no gate), for the rules
# with at least one such pattern (word_gates.py; a pattern that opens with an alternation
# parted first, cw_split.py); those without one in one expression, first. Each with its lead
# (digit_lead.py): scanned from that many characters before the first digit; where it only
# spells out phrases, their table (cw_phrases.py): looked up in an ASCII text instead of
# scanned; and its marks (cw_split.py): run only where one occurs, from the blank before it.
# A rule whose patterns have no gate but all spell phrases: its one expression with their table.
# Last, its scan (cw_scans.py): the expression, or what finds what it finds with less of ``re``.
Spelled = tuple[Table, frozenset[str]]  # the phrases by their key, and the keys
Part = tuple[
    re.Pattern[str],
    frozenset[str] | None,
    int | None,
    Spelled | None,
    frozenset[str] | None,
    Searcher,
]
Parts = tuple[Part, ...]


def spelled_of(items: Items | None) -> Spelled | None:
    """The phrases of a pattern's parse by their key, or None when it does not spell phrases."""
    found = None if items is None else phrases_of(items)
    if found is None:
        return None
    by_key = table(found)
    return by_key, frozenset(by_key)


# Pattern text that spells no phrases (a category, an anchor, a negated class): not parsed
# for phrases at start-up (some 40 parses of the rules' patterns, a third of their loading).
_UNSPELLED = ("\\w", "\\d", "\\s", "^", "$")


def _part(patterns: list[str], words: frozenset[str] | None) -> Part:
    expr = whole(patterns)
    joined = _joined(patterns)
    spells = not any(piece in joined for piece in _UNSPELLED)
    # Read once for the lead, the phrases and the marks (which only matter to a part without
    # a gate); ``expr`` only adds zero-width checks around ``joined``, so its lead is the same.
    items = parsed(joined, re.IGNORECASE)
    spelled = spelled_of(items) if spells else None
    marked = None if items is None or words is not None else marks_of(items)
    ahead = None if items is None else lead_of(items)
    scan: Searcher = expr
    tail = _tail(patterns) if words is None else None
    if tail is not None:
        scan = WordThenMark(tail)
    elif items is not None and anchored(items):
        scan = AtStart(expr)
    if items is not None and words is not None:
        ends = edge_words(items, True), edge_words(items, False) or _last_words(items)
        also = [frozenset(e) for e in ends if e and frozenset(e) != words]
        scan = AlsoNeeds(scan, also[0]) if also else scan
    return expr, words, ahead, spelled, marked, scan


def _last_words(items: Items) -> set[str] | None:
    """The words a match ends with where its last item spells them and no letter comes before
    it ("... (?:\\w+ )?(?:years?|months?)": ``edge_words`` reads no optional letter), or None."""
    if len(items) < 2 or not ends_no_letter(items[:-1]):
        return None
    found = phrases_of(items[-1:])
    return set(found) if found and all(w.isascii() and w.isalpha() for w in found) else None


_OPENING_WORDS = ("\\w++", "\\w+")


def _tail(patterns: list[str]) -> re.Pattern[str] | None:
    """The tail (cw_scans.WordThenMark) of a pattern ``(?:\\w++T1|\\w++T2...)rest`` whose
    every ``T`` opens with a character that is no word character, or None."""
    split = branches(patterns[0]) if len(patterns) == 1 else None
    if split is None:
        return None
    alts, rest = split
    tails = []
    for alt in alts:
        opening = next((o for o in _OPENING_WORDS if alt.startswith(o)), "")
        items = parsed(alt[len(opening) :], re.IGNORECASE) if opening else None
        if not items or not no_word_first(items[0]):
            return None
        tails.append(alt[len(opening) :])
    return re.compile(f"(?:(?:{'|'.join(tails)}){rest})(?![\\w-])", re.IGNORECASE)


@functools.lru_cache(maxsize=256)  # a parted branch's gate is read again for its part
def ignorecase_gate(pattern: str) -> frozenset[str] | None:
    """The words a rule's pattern needs (``word_gates.gate``): the rules ignore case."""
    return gate(pattern, re.IGNORECASE)


def load_parts(path: Path) -> list[Parts | None]:
    """Per rule of ``checkworthy.load_rules(path)``, its gated or spelled patterns, or None (its one
    expression, scanned)."""
    out: list[Parts | None] = []
    for r in load_mapping(path)["rules"]:
        gates = [(p, ignorecase_gate(p)) for p in r.get("patterns", ())]
        if not any(words for _p, words in gates):
            joined = _joined([p for p, _words in gates])
            spelled = spelled_of(parsed(joined, re.IGNORECASE)) if gates else None
            expr = whole([p for p, _words in gates]) if spelled is not None else None
            out.append(None if expr is None else ((expr, None, None, spelled, None, expr),))
            continue
        gates = [
            part
            for p, words in gates
            for part in ([(p, words)] if words else parted(p, ignorecase_gate))
        ]
        # Only these are read for implied branches: each read compiles its pattern (the groups).
        free = [without_implied(p) for p, words in gates if words is None]
        gated = tuple(_part([p], words) for p, words in gates if words is not None)
        out.append(((_part(free, None),) if free else ()) + gated)
    return out
