"""A participle cue's source that runs over a verb and its object ("The council issued a
statement calling X", "She also sent a letter saying"): the subject left of the verb, the
verb in the cue (split from ``source.py``).
"""

from __future__ import annotations

import re

from builder.prelabel.claims.lexicon import Lexicon
from builder.prelabel.claims.source import source_left
from builder.prelabel.claims.spans import trim

# Verbs that take an object before a participle ("sent a letter saying"): both patterns below.
_OBJECT_VERBS = r"[a-z]+ed|sent|wrote|gave|made"
# v10: "several" opens an object too ("She sent several memos urging").
_VERB_OBJECT = re.compile(rf"\s({_OBJECT_VERBS})\s+(?:a|an|the|his|her|its|their|several)\s")
_SUBJECT_VERB = re.compile(
    r"(?:(?:[A-Z][\w.'’-]*\s+){0,3}[A-Z][\w.'’-]*|[Hh]e|[Ss]he|[Tt]hey|[Ww]e|I)\s+([a-z]+(?:ed|s))\b"
)


# v10: the verb and its object the whole of what the walk found ("She also sent a letter
# saying", "the ACLU, which released a statement questioning"): the subject is left of it.
# Its object opens with a determiner or is a plural: "the DNC, which included staff members
# suggesting" keeps "staff members" as the participle's subject.
_VERB_FIRST = re.compile(
    rf"(?:{_OBJECT_VERBS}|put out|set up)\s+"
    r"(?:an?|the|his|her|its|their|several|[a-z]+s)\s"
)


def verb_in(text: str, source: tuple[int, int], lex: Lexicon) -> tuple[tuple[int, int], int] | None:
    """v9: the source of a participle cue that runs over a verb, cut before it, and where the
    cue starts instead: "The council issued a statement calling X", "Trump avoids condemning",
    "She opened by stressing": PolNeAR's cue is the verb phrase, its source the subject.
    v10: a source that opens with the verb ("she also sent a letter saying") is its subject."""
    if _VERB_FIRST.match(text, source[0]):
        subject = source_left(text, source[0], lex)[0]
        said = text[subject[0] : subject[1]] if subject else ""
        if said.islower() and " " not in said and said.lower() not in lex.pronouns:
            return None  # "appeared not to have enjoyed X saying": "to" is no subject
        return (subject, source[0]) if subject else None
    m = _VERB_OBJECT.search(text, *source) or _SUBJECT_VERB.match(text, *source)
    if m is None:
        return None
    cut = trim(text, source[0], m.start(1))
    return (cut, m.start(1)) if cut else None
