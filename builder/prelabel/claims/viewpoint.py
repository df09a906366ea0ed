"""A view told as someone's: "To many farmers, the levy is a tax by another name." A sentence
that opens with "To" and a holder of the view (a name, or a pronoun or quantifier standing for
people) before a comma reports the clause after it as that holder's view; PolNeAR marks "To"
as the cue, the holder as the source and the clause as the content (issue 13, the train gap:
5 of the 5 such sentences outside quotations on PolNeAR train-A were gold attributions;
dev has none). "To date," "To be sure," "To that end," name no holder, and "To Ann Roe, of
Leeds:" opens a reply to a reader.
"""

from __future__ import annotations

import re

from builder.prelabel.claims.attribution import Attribution
from builder.prelabel.claims.contents import clause_end, quoted_content
from builder.prelabel.claims.quotes import Quotes, inside
from builder.prelabel.claims.spans import has_words, trim

# The holder: an object pronoun, a quantifier for people with or without a plural after it
# ("To many voters", not "To some extent"), or up to four capitalised words ("To Ms. Hale").
_TO = re.compile(
    r"^\W*(?:(?:But|And|Yet)\s+)?(?P<cue>To)\s+(?P<holder>him|her|them|me|us|others|critics|"
    r"supporters|(?:many|some|most)(?:\s+[a-z]+s)?|[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}),"
    r"(?!\s*of\b)"
)


def viewpoint(text: str, quotes: Quotes) -> list[Attribution]:
    if not text.lstrip("\"“‘'( ").startswith(("To ", "But to ", "And to ", "Yet to ")):
        return []  # most sentences: no regular expression
    m = _TO.match(text)
    if m is None or inside(quotes, m.start("cue")):
        return []
    clause = trim(text, m.end(), len(text))
    if clause is None or not has_words(text, *clause, 3):
        return []
    content, direct = quoted_content(text, clause_end(text, clause, quotes), quotes)
    return [Attribution("according", m.span("cue"), m.span("holder"), content, direct)]
