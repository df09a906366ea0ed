"""One attribution found in a sentence: its cue, source and content spans (sentence-relative)."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from builder.prelabel.claims.spans import Runs, in_runs, merged_runs, trim


@dataclass(frozen=True, slots=True)
class Attribution:
    kind: str  # leading | trailing | inverted | according
    cue: tuple[int, int]
    source: tuple[int, int] | None
    content: tuple[int, int]
    direct: bool


@dataclass(frozen=True, slots=True)
class Found:
    """What the attributions found so far hold, gathered once and asked by binary search (a
    line of thousands of attributions made a scan of them all for each new cue quadratic):
    their cues, and where each one that is not leading begins ("..., aides said")."""

    cues: Runs
    trailing: list[int]

    @classmethod
    def of(cls, found: Sequence[Attribution]) -> Found:
        starts = sorted(min(a.cue[0], (a.source or a.cue)[0]) for a in found if a.kind != "leading")
        return cls(merged_runs([a.cue for a in found]), starts)

    def holds_cue(self, start: int, end: int) -> bool:
        """Whether ``[start, end)`` shares a character with a cue found."""
        return in_runs(self.cues, start, end)

    def before_trailing(self, text: str, content: tuple[int, int], after: int) -> tuple[int, int]:
        """``content`` cut before the first trailing attribution that begins after ``after``
        inside it: no part of the content."""
        k = bisect_right(self.trailing, after)
        if k < len(self.trailing) and self.trailing[k] < content[1]:
            return trim(text, content[0], self.trailing[k]) or content
        return content
