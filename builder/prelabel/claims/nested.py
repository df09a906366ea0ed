"""Attributions nested in another's content: a verb of thinking or a passive inside what an
earlier cue reports is the reported speaker's own word (split from ``extract.py``, issue 13).
"""

from __future__ import annotations

import heapq

from builder.prelabel.claims.attribution import Attribution
from builder.prelabel.claims.lexicon import Lexicon


def without_nested_thoughts(text: str, out: list[Attribution], lex: Lexicon) -> list[Attribution]:
    """v7: a verb of thinking inside the content of an earlier cue is the reported speaker's
    own word, which PolNeAR leaves inside that content: "He said he hoped it would ...",
    "Lynch said she recalled thinking" (issue 13, PolNeAR dev: 18 fewer wrong pre-labels).

    One sweep over the cues in order, with the contents of the earlier ones in a heap by
    start: a line of thousands of cues stays linear-logarithmic (issue 16)."""
    if len(out) < 2:
        return out
    dropped: set[int] = set()
    waiting: list[tuple[int, int]] = []  # (content start, content end) of earlier cues
    reach = -1  # the furthest end of an earlier content that starts at or before the cue
    for k in sorted(range(len(out)), key=lambda k: out[k].cue[0]):
        a = out[k]
        while waiting and waiting[0][0] <= a.cue[0]:
            reach = max(reach, heapq.heappop(waiting)[1])
        words = text[a.cue[0] : a.cue[1]].lower().rstrip(":").split()
        thought = a.kind == "passive" or any(lex.lemma.get(w) in lex.clausal for w in words)
        if reach > a.cue[0] and thought:
            dropped.add(k)
        heapq.heappush(waiting, a.content)
    return [a for k, a in enumerate(out) if k not in dropped]
