"""A passive cue with its agent: the source follows "by", the content is the subject.

    'The Democratic nominee has been endorsed by dozens of papers.'
    'The registration issue was first reported by The Washington Post.'

PolNeAR marks the verb (with its auxiliaries) as the cue, the agent as the source and the
subject as the content (issue 13, PolNeAR dev: 11 missed attributions of this form). Only
the participles of the cue verbs of cues.yaml count: "was hit by a car" is no attribution.
"""

from __future__ import annotations

import re
from functools import cache

from builder.datafiles import load_mapping
from builder.prelabel.claims.attribution import Attribution
from builder.prelabel.claims.contents import quoted_content
from builder.prelabel.claims.lexicon import CUES_FILE, Lexicon, forms, nouns
from builder.prelabel.claims.quotes import Quotes, inside
from builder.prelabel.claims.source import source_left
from builder.prelabel.claims.spans import trim, widen_left

# A form of "be", up to two adverbs, a participle and "by": "has been widely praised by".
_PASSIVE = re.compile(
    r"\b(?:is|are|was|were|been|being|be)\s+(?:[a-z]+ly\s+|also\s+|first\s+|not\s+|never\s+){0,2}"
    r"(?P<verb>[a-z]+)\s+by\s+"
)
# The agent ends at punctuation or at a word that starts another phrase or clause.
_AGENT = re.compile(
    r"(?:[^\s,;:.!?()—–\"“”]+\.?(?:\s+|$)(?!(?:in|on|at|after|during|since|for|from|with|who|"
    r"which|that|because|as|while|to|when|and|but|or|over|than|before|until)\b)){0,9}"
    r"[^\s,;:.!?()—–\"“”]+"
)


@cache
def participles() -> frozenset[str]:
    """The past participles (and past forms) of every cue verb of cues.yaml."""
    data = load_mapping(CUES_FILE)
    entries = [*data["speech"], *data["attitude"], *data["clausal"]]
    found = forms(entries, drop=nouns(data)).items()
    return frozenset(
        f for f, lemma in found if f != lemma and " " not in f and not f.endswith(("s", "ing"))
    )


def passive(text: str, quotes: Quotes, lex: Lexicon) -> list[Attribution]:
    """The passive cues of ``text`` with their agent and subject."""
    if " by " not in text:
        return []  # most sentences: no agent, no regular expression
    out: list[Attribution] = []
    verbs = participles()
    for m in _PASSIVE.finditer(text):
        start, end = m.span("verb")
        if m.group("verb") not in verbs or inside(quotes, start):
            continue
        agent = _AGENT.match(text, m.end())
        source = trim(text, *agent.span()) if agent else None
        subject = _subject(text, m.start(), start, lex, quotes)
        if source is None or subject is None:
            continue
        cue = (widen_left(text, start, lex.between), end)
        out.append(Attribution("passive", cue, source, subject, False))
    return out


def _subject(text: str, be: int, verb: int, lex: Lexicon, quotes: Quotes) -> tuple[int, int] | None:
    """The noun phrase before the passive verb; or, when the walk finds none (a quoted title,
    a name with a comma after it), the sentence up to the verb if it is a short phrase with no
    clause of its own: '“American Skin (41 Shots)” was written by Springsteen'."""
    subject, _ = source_left(text, verb, lex)
    if subject is not None and text[subject[1] - 3 : subject[1]] != " to":
        return subject
    if be > 120:
        return None  # a long stretch is no subject (and a line of passives stays linear)
    head = trim(text, 0, be)
    if head is None or "," in text[head[0] : head[1]] or head[1] - head[0] > 80:
        return None
    return quoted_content(text, head, quotes)[0]
