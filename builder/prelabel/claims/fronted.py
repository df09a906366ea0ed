"""A fronted participle of a cue verb: "Citing a new poll, the mayor said ...", "Asked about the
levy, Ms. Hale declined". PolNeAR draws it as an attribution of its own: the participle (with
its particle) is the cue, the words up to the comma what is cited or asked about, and the
subject of the main clause its source (none for "Asked", a passive) (issue 13, seventh pass;
the LF is in ``lfs.py``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from builder.prelabel.claims.attribution import Attribution
from builder.prelabel.claims.lexicon import load_lexicon
from builder.prelabel.claims.spans import has_words, trim, widen_right
from builder.prelabel.claims.subject import sentence_subject

# The sentence's first word, a capitalised participle, and the comma that ends its phrase
# within a bounded look (a line with no comma costs no more than this).
_FRONTED = re.compile(r"\s*([A-Z][a-z]+(?:ing|ed))\b[^,.;:!?“”\"]{3,200}?,\s+")
# "Asked" is the participle PolNeAR draws; other -ed forms open passives more often
# ("Known as", "Based on").
_PAST = frozenset(["asked"])


def fronted(
    text: str, found: Sequence[Attribution] = ()
) -> tuple[tuple[int, int], tuple[int, int] | None, tuple[int, int]] | None:
    """(cue, source, content) of a fronted participle of a cue verb, or None. ``found``: the
    attributions the analysis found; a source of theirs that opens the main clause is its
    subject ("Lamenting their luck, farmers often say"), else the subject read at its start;
    a cue of theirs inside the phrase makes it a frame ("Writing for a panel that agreed")."""
    m = _FRONTED.match(text)
    if m is None or any(a.cue[0] < m.end() for a in found):
        return None
    word = m.group(1).lower()
    if word.endswith("ed") and word not in _PAST:
        return None
    if load_lexicon().lemma.get(word) is None:
        return None
    cue = (m.start(1), widen_right(text, m.end(1), colon=False))
    content = trim(text, cue[1], m.end())
    if content is None or not has_words(text, *content, 2):
        return None
    source = next((a.source for a in found if a.source and a.source[0] == m.end()), None)
    if source is None and (subject := sentence_subject(text[m.end() :])) is not None:
        source = (subject[0] + m.end(), subject[1] + m.end())
    if source is None:
        return None
    # "Asked about X, Clinton said": a passive, whoever asked is its source, not the subject.
    return cue, None if word in _PAST else source, content
