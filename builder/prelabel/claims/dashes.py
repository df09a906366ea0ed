"""The speaker before an aside that stands between the source and its cue (issue 13, the train
gap): between dashes, "Ann Roe — who chairs the farm board — backs X", "The farmer -- a
former mayor -- said": the name before the first dash, as an apposition between commas
gives it (``source.appositive``); or a participle phrase between commas ("Trump, appearing
after Clinton, cited": ``source.participle_aside``)."""

from __future__ import annotations

import re

from builder.prelabel.claims.lexicon import Lexicon
from builder.prelabel.claims.source import participle_aside, source_left

# A spaced dash, an aside of 3 to 200 characters with no dash or quotation mark, a spaced dash
# right before the cue.
_DASH_ASIDE = re.compile(r"\s(?:—|–|--?)\s[^—–\"“”]{3,200}?\s(?:—|–|--?)\s*$")
Named = tuple[tuple[int, int], int]  # the source and where the clause before it ends


def dash_aside(text: str, boundary: int, cue_start: int, lex: Lexicon) -> Named | None:
    """The capitalised name before an aside between dashes that ends right before the cue at
    ``cue_start`` (``boundary``: where the walk left of the cue stopped, the closing dash)."""
    if text[boundary] not in "—–-":
        return None
    m = _DASH_ASIDE.search(text, max(0, cue_start - 220), cue_start)
    if m is None:
        return None
    name, before = source_left(text, m.start(), lex)
    return (name, before) if name and text[name[0]].isupper() else None


def aside_source(text: str, boundary: int, cue_start: int, lex: Lexicon) -> Named | None:
    """The name before a participle phrase between commas or an aside between dashes."""
    if text[boundary] == ",":
        return participle_aside(text, boundary, lex)
    return dash_aside(text, boundary, cue_start, lex)
