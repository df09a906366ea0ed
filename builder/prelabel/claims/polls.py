"""A finding told as a poll's: "In a poll released on Monday, 52 percent of voters backed the
levy." PolNeAR marks the fronted "In" as the cue, the poll (the whole noun phrase up to the
comma) as the source and the clause after it as the content, as it would "According to a
poll released on Monday, ..." (issue 13, the train gap: 7 of the 10 such sentences of
train-A and both of dev's were gold attributions, none found).

Only a phrase that opens the sentence, with a determiner and one of the poll nouns of
cues.yaml (``poll_nouns``) before its comma, and a clause of three words or more after it:
"In the polls, anyway." is no finding, and "In a recent study, X found Y" has a cue of its own.
"""

from __future__ import annotations

import re

from builder.prelabel.claims.attribution import Attribution
from builder.prelabel.claims.contents import clause_end, quoted_content
from builder.prelabel.claims.lexicon import Lexicon, per_lexicon
from builder.prelabel.claims.quotes import Quotes, inside
from builder.prelabel.claims.spans import has_words, trim
from builder.prelabel.sentence_words import lower_words


@per_lexicon
def _fronted(lex: Lexicon) -> re.Pattern[str]:
    """ "In", a determiner, up to 80 characters and a poll noun, then up to 70 more to the
    comma: "In the latest Post-ABC poll, conducted in May," (the source ends at a comma)."""
    nouns = "|".join(sorted(lex.poll_nouns, key=len, reverse=True))
    return re.compile(
        r"^\W*(?:(?:But|And|Yet|Still|Meanwhile),?\s+)?(?P<cue>In)\s+(?P<source>(?:an?|the|its|"
        rf"their|this|that)\s+[^,;:]{{0,80}}?\b(?:{nouns})\b[^,;:]{{0,70}}),",
        re.IGNORECASE,
    )


def polls(text: str, quotes: Quotes, lex: Lexicon) -> list[Attribution]:
    if lex.poll_nouns.isdisjoint(lower_words(text)):
        return []  # most sentences: no poll named
    m = _fronted(lex).match(text)
    if m is None or text[m.start("cue")] != "I" or inside(quotes, m.start("cue")):
        return []
    source = trim(text, *m.span("source"))
    clause = trim(text, m.end(), len(text))
    if source is None or clause is None or not has_words(text, *clause, 3):
        return []
    content, direct = quoted_content(text, clause_end(text, clause, quotes), quotes)
    return [Attribution("according", m.span("cue"), source, content, direct)]
