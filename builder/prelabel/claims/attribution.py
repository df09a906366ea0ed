"""One attribution found in a sentence: its cue, source and content spans (sentence-relative)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Attribution:
    kind: str  # leading | trailing | inverted | according
    cue: tuple[int, int]
    source: tuple[int, int] | None
    content: tuple[int, int]
    direct: bool
