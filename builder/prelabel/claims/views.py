"""SOURCE sees OBJECT as X: a verb of seeing or regard with "as" after its object is a view
held by its subject ("Many voters see the levy as a tax on farmers"), as PolNeAR marks it
(issue 13): the cue is the verb, the content its object through the end of the clause.

The verbs (cues.yaml ``as_views``) are no cues without that "as": "see the results", "saw
him there". An infinitive ("want people to see this as fair") and a quotation's words are
left out, as the other cues do.
"""

from __future__ import annotations

import re

from builder.prelabel.claims import vocab as v
from builder.prelabel.claims.attribution import Attribution, Found
from builder.prelabel.claims.contents import clause_end
from builder.prelabel.claims.lexicon import Lexicon
from builder.prelabel.claims.quotes import Quotes, inside
from builder.prelabel.claims.source import source_left
from builder.prelabel.claims.spans import trim
from builder.prelabel.sentence_words import lower_words

_PREVIOUS = re.compile(r"(\S+)\s*$")
_SUCH = re.compile(r"such\s+$")


def views(text: str, quotes: Quotes, lex: Lexicon, found: list[Attribution]) -> list[Attribution]:
    """The views of ``text`` whose cue no attribution in ``found`` holds already."""
    if lex.as_views is None or lex.as_view_forms.isdisjoint(lower_words(text)):
        return []
    out = []
    taken = Found.of(found)
    for m in lex.as_views.finditer(text):
        start, end = m.span(1)
        if _SUCH.search(text, m.start(2), m.end(2)) or m.group(2).startswith("by "):
            continue  # "films such as Ghost": an example; "is seen by experts as": a passive
        if inside(quotes, start) or taken.holds_cue(start, end):
            continue
        prev = _PREVIOUS.search(text, max(0, start - 40), start)
        if prev and (prev.group(1).lower() == "to" or prev.group(1).lower() in v.ADJECTIVAL):
            continue
        source, _ = source_left(text, start, lex)
        said = trim(text, m.start(2), len(text))
        if source is None or said is None:
            continue
        content = clause_end(text, said, quotes)
        content = taken.before_trailing(text, content, content[0])  # not "..., aides said"
        out.append(Attribution("leading", (start, end), source, content, False))
    return out
