"""Word lists of cues.yaml as the lexicon reads them (split from ``lexicon.py``, issue 14)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

_LETTERS = re.compile(r"[a-z]+")


def words(data: dict[str, Any], key: str, path: Path) -> frozenset[str]:
    """The lower-cased words of a list of ``path``; an item that YAML read as no string is an
    error: ``on``, ``off``, ``yes`` and ``no`` unquoted are booleans (an unquoted "on" once
    dropped out of a list of prepositions, and changed two bbc sources)."""
    items = data.get(key, ())
    if bad := [w for w in items if not isinstance(w, str)]:
        raise ValueError(f"{path}: {key}: {bad!r} read as no word (quote it)")
    return frozenset(w.lower() for w in items)


def longest_words(phrases: list[str]) -> frozenset[str] | None:
    """The longest word of each phrase (the rarest, roughly), lower-cased; None if a phrase has
    a word that is not all ASCII letters."""
    split = [p.lower().split() for p in phrases]
    if not all(words and all(_LETTERS.fullmatch(w) for w in words) for words in split):
        return None
    return frozenset(max(words, key=len) for words in split)
