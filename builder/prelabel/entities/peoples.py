"""Nationalities and groups of several words, read as one NORP span (issue 13): two that
follow each other ("Iraqi Kurdish", "Bosnian Serb", "Arab-Israeli", "American Catholics"), and
one after a word that places it ("North American", "Southeast Asian", "Roman Catholic";
``norp_qualifiers`` of places.yaml). The gazetteer finds the words one by one."""

from __future__ import annotations

from collections.abc import Iterable


def norp_spans(
    text: str,
    hits: Iterable[tuple[int, int, str]],
    qualifiers: frozenset[str],
    political: frozenset[str] = frozenset(),
) -> list[tuple[int, int]]:
    """The NORP ``hits`` of ``text`` (in order), joined where one follows another after a
    space or a hyphen (but two ``political`` words, a party's name), each started at a
    qualifier written just before it."""
    out: list[tuple[int, int]] = []
    prev = ""
    for start, end, label in hits:
        if label != "NORP":
            continue
        word = text[start:end]
        party = word in political and prev in political
        if out and start - out[-1][1] == 1 and text[start - 1] in " -" and not party:
            out[-1] = (out[-1][0], end)
        else:
            out.append((_qualified(text, start, qualifiers), end))
        prev = word
    return out


def _qualified(text: str, start: int, qualifiers: frozenset[str]) -> int:
    """Where the qualifier written before ``start`` ("North " American) begins, or ``start``."""
    space = start - 1
    if space < 1 or text[space] != " ":
        return start
    k = space
    while k > 0 and text[k - 1].isalpha():
        k -= 1
    return k if text[k:space] in qualifiers and (k == 0 or not text[k - 1].isalnum()) else start
