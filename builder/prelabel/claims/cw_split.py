"""A check-worthiness pattern that opens with an alternation, split where its branches differ.

``past_action``'s first pattern, ``(?:has|have|had|\\w++['’]s|\\w++['’]ve)\\s+...``, had no gate
(``word_gates.py``): two of its branches start with any word. It ran at every word of half the
sentences (some 35 k instructions a sentence, the rules' costliest scan). ``(?:a|b)rest``
matches where ``(?:a)rest`` or ``(?:b)rest`` does (``re`` tries every branch before it gives up
at a position), so its branches are parted here into those a word gate reads and the others,
each group one pattern. The others may need a mark (``marks``): a character without case, one
of which every match holds, nothing but non-blanks before it in the match (an apostrophe after
``\\w++``). Such a pattern runs only where the sentence has a mark, from the blank before the
first one (no match can start earlier). Tests: ``tests/prelabel/test_cw_split.py``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from builder.prelabel.re_parse import REPEATS, ZERO_WIDTH, Items, c, group_body

_NO_BLANK_CATEGORIES = (c.CATEGORY_WORD, c.CATEGORY_DIGIT)


def branches(pattern: str) -> tuple[list[str], str] | None:
    """(the branches, the rest) of a pattern ``(?:b1|b2|...)rest``, read from its text; None
    when it does not open so, has one branch, the group is repeated, or it has groups."""
    if not pattern.startswith("(?:") or re.compile(pattern).groups:  # groups: numbers move
        return None
    depth, at, cuts, n = 1, 3, [], len(pattern)
    while at < n:
        ch = pattern[at]
        if ch == "\\":
            at += 2
            continue
        if ch == "[":  # a class: "]" first (or after "^") is a literal
            at += 1
            at += pattern[at : at + 1] == "^"
            at += pattern[at : at + 1] == "]"
            while at < n and pattern[at] != "]":
                at += 2 if pattern[at] == "\\" else 1
            if at >= n:
                return None
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                break
        elif ch == "|" and depth == 1:
            cuts.append(at)
        at += 1
    rest = pattern[at + 1 :]
    if depth or not cuts or rest[:1] in ("*", "+", "?", "{"):
        return None
    edges = [3, *(k + 1 for k in cuts)]
    ends = [*cuts, at]
    return [pattern[a:b] for a, b in zip(edges, ends, strict=True)], rest


def _no_blank(op: Any, av: Any) -> bool:
    """Whether the item never matches a blank (" ")."""
    if op in ZERO_WIDTH:
        return True
    if op is c.LITERAL:
        return bool(av != 32)
    if op is c.IN:
        return all(
            (o is c.LITERAL and a != 32)
            or (o is c.RANGE and not a[0] <= 32 <= a[1])
            or (o is c.CATEGORY and a in _NO_BLANK_CATEGORIES)
            for o, a in av
        )
    if op in REPEATS:
        return all(_no_blank(o, a) for o, a in av[2])
    body = group_body(op, av)
    if body is not None:
        return all(_no_blank(o, a) for o, a in body)
    if op is c.BRANCH:
        return all(_no_blank(o, a) for alt in av[1] for o, a in alt)
    return False


def _caseless(code: int) -> bool:
    ch = chr(code)
    return not ch.isalnum() and ch != " " and ch.lower() == ch.upper() == ch.casefold() == ch


_WORD = re.compile(r"\w")


def no_word_first(item: tuple[Any, Any]) -> bool:
    """Whether the parsed ``item`` matches one character, never a word character (``\\w``):
    a literal or a class of literals."""
    op, av = item
    codes = [av] if op is c.LITERAL else [a for _o, a in av] if op is c.IN else []
    if op is c.IN and any(o is not c.LITERAL for o, _a in av):
        return False
    return bool(codes) and not any(_WORD.match(chr(code)) for code in codes)


def _mark(items: Items) -> set[str] | None:
    """The marks of a parsed sequence: the characters of its first item that matches one
    caseless character of a few, after items that match no blank; None if there is none."""
    for op, av in items:
        if op is c.LITERAL and _caseless(av):
            return {chr(av)}
        if op is c.IN and all(o is c.LITERAL and _caseless(a) for o, a in av):
            return {chr(a) for _o, a in av}
        if op is c.BRANCH:
            found: set[str] = set()
            for alt in av[1]:
                one = _mark(list(alt))
                if one is None:
                    break
                found |= one
            else:
                return found
        body = group_body(op, av)
        if body is not None:
            inner = _mark(list(body))
            if inner is not None:
                return inner
        if not _no_blank(op, av):
            return None
    return None


def marks_of(items: Items) -> frozenset[str] | None:
    """The characters one of which every match of a pattern holds with no blank before it in
    the match, read from its parse (``re_parse.parsed``); None when that cannot be told."""
    found = _mark(items)
    return frozenset(found) if found else None


def scan_after(text: str, found: frozenset[str]) -> int | None:
    """Where to scan a pattern of marks ``found`` in ``text``: after the blank before the
    first mark; None when ``text`` has none."""
    first = min((at for at in map(text.find, found) if at >= 0), default=-1)
    return None if first < 0 else text.rfind(" ", 0, first) + 1


Gate = Callable[[str], "frozenset[str] | None"]


def parted(pattern: str, gate_of: Gate) -> list[tuple[str, frozenset[str] | None]]:
    """``pattern`` with its gate, or its branches parted: those ``gate_of`` finds a gate for in
    one group, whose gate is the union of theirs (``re``'s parser factors an alternation's
    common prefix, "ha(?:s|d)", whose words no gate reads), and the others in another, each
    group with the rest of the pattern: the same matches between them."""
    split = branches(pattern)
    if split is None:
        return [(pattern, gate_of(pattern))]
    alts, rest = split
    gates = [gate_of(f"(?:{a}){rest}") for a in alts]
    gated = [a for a, g in zip(alts, gates, strict=True) if g is not None]
    others = [a for a, g in zip(alts, gates, strict=True) if g is None]
    if not gated or not others:
        return [(pattern, gate_of(pattern))]
    words = frozenset().union(*(g for g in gates if g is not None))
    return [(f"(?:{'|'.join(gated)}){rest}", words), (f"(?:{'|'.join(others)}){rest}", None)]


def without_implied(pattern: str) -> str:
    """``pattern`` without the branches of its top-level alternation that another branch
    finds a match beside: a branch that is a word, a blank and another branch (time_anchor's
    ``in (?:19|20)\\d\\d|(?:19|20)\\d\\d``, whose "in" ``re`` tried before every word after
    the first digit), or another branch, a blank and a word: that one matches in it as a whole
    word too (a blank beside it). The same sentences match."""
    split = branches(f"(?:{pattern})")
    if split is None:
        return pattern
    alts = split[0]

    def implied(alt: str) -> bool:
        return any(
            other != alt
            and (
                (alt.endswith(f" {other}") and alt[: -len(other) - 1].isalpha())
                or (alt.startswith(f"{other} ") and alt[len(other) + 1 :].isalpha())
            )
            for other in alts
        )

    kept = [alt for alt in alts if not implied(alt)]
    return pattern if len(kept) == len(alts) else "|".join(kept)
