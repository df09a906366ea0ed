"""Names listed together are names of one kind (issue 13): in "Hale , Marta Quinn , Tomas
Berg , Ivo Lind", the surname alone is a player like the full names around it, not the
organisation that a capitalised word alone is guessed to be."""

from __future__ import annotations

from collections.abc import Callable

from builder.prelabel.entities.analysis import Analysis, Run

# What may stand between two names of a list: a comma, or "and" before the last one.
_JOINS = frozenset({",", "and", "&"})
MIN_FULL_NAMES = 2


def chains(a: Analysis) -> list[list[int]]:
    """The runs of ``a`` (their indices) that follow each other with only a comma or "and"
    between them, in lists of three or more."""
    out: list[list[int]] = []
    chain: list[int] = []
    words = a.words
    for k, run in enumerate(a.runs):
        if chain:
            prev = a.runs[chain[-1]]
            between = words[prev.last : run.first]
            if len(between) == 1 and between[0] in _JOINS:
                chain.append(k)
                continue
            if len(chain) >= 3:
                out.append(chain)
        chain = [k]
    if len(chain) >= 3:
        out.append(chain)
    return out


def listed_with_people(a: Analysis, full_name: Callable[[Run], bool]) -> set[int]:
    """The one-word runs of lists whose longer names are all full names of people (at least
    ``MIN_FULL_NAMES``; ``full_name`` tells: a given name first, "Foo Fighters, Iron Maiden"
    are bands)."""
    out: set[int] = set()
    for chain in chains(a):
        longer = [k for k in chain if a.runs[k].last - a.runs[k].first > 1]
        if len(longer) >= MIN_FULL_NAMES and all(full_name(a.runs[k]) for k in longer):
            out.update(k for k in chain if a.runs[k].last - a.runs[k].first == 1)
    return out
