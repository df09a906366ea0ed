"""Bounded memos: answers that depend on their key alone (a chunk's cut, a word's analysis),
remembered in a dict that is emptied when full, so that memory stays bounded on any corpus and
the answers do not change (an entry emptied out is computed again).

A hot path looks its key up itself (``memo.get(key)``: no call on a hit) and calls
:func:`remember` on a miss.
"""

from __future__ import annotations

from typing import TypeVar

K = TypeVar("K")
V = TypeVar("V")


def remember(memo: dict[K, V], key: K, value: V, limit: int) -> V:
    """``value``, stored under ``key`` in ``memo``, which is emptied first if it holds
    ``limit`` entries."""
    if len(memo) >= limit:
        memo.clear()
    memo[key] = value
    return value
