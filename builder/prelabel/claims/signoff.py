"""A quotation signed with a dash and a name, as readers' letters and collected quotes are:

    '"Trump must stop portraying Latinos as dangerous gangsters."― Carla Sanchez.'
    '― Sonya Herridge'   (the quotation is the sentence before)

PolNeAR marks the dash as the cue and the name as the source (issue 13, PolNeAR dev: 24 of the
missed cues). Offsets are relative to the sentence text.
"""

from __future__ import annotations

import re

from builder.prelabel.claims.spans import trim

# The dash, then a name of capitalised words (with initials: "Edwin G. Monroy") ending the
# sentence; the quotation, if any, closes right before the dash.
_SIGNOFF = re.compile(
    r"(?:^|(?<=[\"”’]))\s*([―—])\s*([A-Z][\w'’-]*\.?(?:\s+[A-Z][\w'’-]*\.?){0,4})\s*\.?\s*$"
)


def signoff(text: str) -> tuple[tuple[int, int], tuple[int, int], tuple[int, int]] | None:
    """(cue, source, content) of a dash sign-off; the content is the quotation before the
    dash, or the name itself when the quotation is in the sentence before (a sentence-relative
    span cannot point there; the annotator moves it)."""
    if "―" not in text and "—" not in text:
        return None  # most sentences: no dash, no regular expression
    m = _SIGNOFF.search(text)
    if m is None:
        return None
    cue = m.span(1)
    source = trim(text, *m.span(2))
    if source is None:
        return None
    before = trim(text, 0, cue[0])
    return cue, source, before if before else source
