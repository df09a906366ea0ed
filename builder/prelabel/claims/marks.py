"""Attributions told by punctuation, not by a cue verb (split from ``extract.py``):

- ``signoff``  '"...."― Carla Sanchez': a quotation signed with a dash and a name.
- ``colon``    'PENCE: Well, look, ...' (transcripts), 'Poll: Voters abandon ...' (headlines).
"""

from __future__ import annotations

from builder.prelabel.claims import vocab as v
from builder.prelabel.claims.attribution import Attribution
from builder.prelabel.claims.contents import quoted_content
from builder.prelabel.claims.quotes import Quotes
from builder.prelabel.claims.signoff import signoff
from builder.prelabel.claims.spans import trim


def marked(text: str, quotes: Quotes, out: list[Attribution]) -> list[Attribution]:
    """``out`` (the cued attributions) with the sign-off and the colon speaker of ``text``."""
    if (signed := signoff(text)) is not None:
        cue, signer, quoted = signed
        content, direct = (
            quoted_content(text, quoted, quotes) if quoted != signer else (quoted, False)
        )
        out.append(Attribution("signoff", cue, signer, content, direct))
    colon = v.COLON.match(text) if ":" in text else None  # the pattern's colon: most have none
    if (
        colon
        and colon.group(1).lower() not in v.NOT_SPEAKERS
        and not _verb_form(colon.group(1))
        and (said := trim(text, colon.end(), len(text)))
    ):
        content, direct = quoted_content(text, said, quotes)
        source = (colon.start(1), colon.end(1))
        if colon.group(1).isupper():
            # v7: "PENCE: Well, Clinton apparently thinks ...": a transcript's speaker says
            # all of it; the verbs in it are his words, not the article's attributions.
            out = [a for a in out if a.cue[0] < said[0]]
        out.append(Attribution("colon", (colon.end(1), colon.end(1) + 1), source, content, direct))
    return out


def _verb_form(speaker: str) -> bool:
    """Precision pass: a one-word colon speaker in -ed or -ing is a verb, no name ("Revealed:
    Here are ...", "BUSTED: Emails reveal ...", "Contributing: Ann Lee")."""
    lower = speaker.lower()
    return " " not in speaker and len(lower) > 5 and lower.endswith(("ed", "ing"))
