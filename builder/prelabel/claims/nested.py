"""Attributions nested in another's content: a verb of thinking or a passive inside what an
earlier cue reports is the reported speaker's own word (split from ``extract.py``, issue 13).
"""

from __future__ import annotations

import heapq
import re

from builder.prelabel.claims.attribution import Attribution
from builder.prelabel.claims.lexicon import Lexicon

# v8: a clause boundary between the earlier cue and a nested one: the earlier content may
# run on too far ("Obama emphasized that X, and rights groups warned"), so the later cue stays.
_BOUNDARY = re.compile(r"[,;:(—–]| and | but ")
_NEAR = 160  # farther than this from the earlier cue, a nested speech verb counts as its own


def own_clause(text: str, after: int, cue: int) -> bool:
    """Whether a cue at ``cue`` stands in a clause of its own after an earlier cue that ends at
    ``after``: a clause boundary between them, or too far to tell (a bounded look)."""
    return cue - after > _NEAR or _BOUNDARY.search(text, after, cue) is not None


def without_nested_thoughts(text: str, out: list[Attribution], lex: Lexicon) -> list[Attribution]:
    """v7: a verb of thinking inside the content of an earlier cue is the reported speaker's
    own word, which PolNeAR leaves inside that content: "He said he hoped it would ...",
    "Lynch said she recalled thinking" (issue 13, PolNeAR dev: 18 fewer wrong pre-labels).

    One sweep over the cues in order, with the contents of the earlier ones in a heap by
    start: a line of thousands of cues stays linear-logarithmic (issue 16)."""
    if len(out) < 2:
        return out
    dropped: set[int] = set()
    # (content start, content end, where its clause starts) of earlier cues
    waiting: list[tuple[int, int, int]] = []
    reach = -1  # the furthest end of an earlier content that starts at or before the cue
    host = -1  # the cue end of the earlier attribution whose content reaches furthest
    for k in sorted(range(len(out)), key=lambda k: out[k].cue[0]):
        a = out[k]
        while waiting and waiting[0][0] <= a.cue[0]:
            _, end, cue_end = heapq.heappop(waiting)
            if end > reach:
                reach, host = end, cue_end
        words = text[a.cue[0] : a.cue[1]].lower().rstrip(":").split()
        thought = a.kind == "passive" or any(lex.lemma.get(w) in lex.clausal for w in words)
        said = a.kind == "leading" and not own_clause(text, host, a.cue[0])
        if reach > a.cue[0] and (thought or said):
            dropped.add(k)
        # The clause is measured from where the earlier content starts when that is past its
        # cue ("According to the report, the mayor said X": the comma is the source's).
        heapq.heappush(waiting, (*a.content, max(a.cue[1], a.content[0])))
    return [a for k, a in enumerate(out) if k not in dropped]
