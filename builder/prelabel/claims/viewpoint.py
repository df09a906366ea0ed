"""A view told as someone's: "To many farmers, the levy is a tax by another name." A sentence
that opens with "To" and a holder of the view (a titled name, a pronoun, or a quantifier or
plural standing for people) before a comma reports the clause after it as that holder's view;
PolNeAR marks "To" as the cue, the holder as the source and the clause as the content (issue
13, the train gap: 5 of the 5 such sentences outside quotations on PolNeAR train-A were gold
attributions; dev has none). "To date," "To be sure," "To that end," name no holder, and "To
Ann Roe, of Leeds:" opens a reply to a reader.
"""

from __future__ import annotations

import re

from builder.prelabel.claims.attribution import Attribution
from builder.prelabel.claims.contents import clause_end, quoted_content
from builder.prelabel.claims.quotes import Quotes, inside
from builder.prelabel.claims.spans import has_words, trim

# The holder: an object pronoun; a titled name ("To Ms. Hale", not "To Chelsea", a team or a
# firm as often as a person); a quantifier for people, alone or before a plural ("To many
# voters", "To most young Americans", not "To some extent"); or a plural noun in lower case
# ("To critics"). "To" opens the sentence; "to" follows a conjunction ("But to many voters,").
_TO = re.compile(
    r"^\W*(?:(?:But|And|Yet)\s+(?=t)|(?=T))(?P<cue>[Tt]o)\s+(?P<holder>him|her|them|me|us|others|"
    r"(?:Mr|Mrs|Ms|Miss|Dr|Prof|Sir|Dame|Lord|Lady)\.?(?:\s+[A-Z][\w'’-]*){1,3}|"
    r"(?:many|some|most|few)(?:\s+(?:[a-z]+\s+)?(?:people|[A-Za-z][a-z]*[^\Ws]s))?|"
    r"(?!(?:this|his|its|was|has|does|is|as)\b)[a-z]+[^\Ws]s),(?!\s*of\b)"
)


def viewpoint(text: str, quotes: Quotes) -> list[Attribution]:
    m = _TO.match(text)  # extract.py calls only with a "to" in the first words
    if m is None or inside(quotes, m.start("cue")):
        return []
    clause = trim(text, m.end(), len(text))
    if clause is None or not has_words(text, *clause, 3):
        return []
    content, direct = quoted_content(text, clause_end(text, clause, quotes), quotes)
    return [Attribution("according", m.span("cue"), m.span("holder"), content, direct)]
