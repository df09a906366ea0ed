"""A finding told as a poll's: "In a poll released on Monday, 52 percent of voters backed the
levy." PolNeAR marks the fronted "In" as the cue, the poll (the whole noun phrase up to the
comma) as the source and the clause after it as the content, as it would "According to a
poll released on Monday, ..." (issue 13, the train gap: 7 of the 10 such sentences of
train-A and both of dev's were gold attributions, none found).

Only a phrase that opens the sentence and that a poll noun of cues.yaml (``poll_nouns``)
heads: a determiner, up to three modifiers, the noun, then at most a participle's or an "of" or
"by" phrase before its comma ("In a survey of 1,012 likely voters,": a comma between digits is
the number's). "In the days after the poll closed," and "In a state where polls show him
trailing," name a poll but are about something else. A clause of three words or more must
follow, with no cue of its own: "In the polls, anyway." is no finding, and "In a poll released
Monday, voters said X" is the speech verb's.
"""

from __future__ import annotations

import re

from builder.prelabel.claims.attribution import Attribution, Found
from builder.prelabel.claims.contents import clause_end, quoted_content
from builder.prelabel.claims.lexicon import Lexicon, per_lexicon
from builder.prelabel.claims.quotes import Quotes, inside
from builder.prelabel.claims.spans import has_words, trim
from builder.prelabel.sentence_words import lower_words

# A modifier between the determiner and the noun: up to three words in lower case but a
# preposition, a determiner or a relative ("the days after the poll", "a state where polls
# show"), and the words of a name ("the previous Washington Post/ABC News national poll").
_NAME = r"(?:[A-Z0-9][\w'’./&-]*\s+)*"
_MODIFIER = (
    r"(?!(?:after|before|since|during|where|when|while|which|that|who|of|in|on|at|for|to|with|"
    rf"by|from|over|as|the|an?)\b)[a-z][\w'’-]*\s+{_NAME}"
)
# The rest of the source up to its comma: a comma between digits is a number's ("1,012").
_UP_TO_COMMA = r"(?:[^,;:]|(?<=\d),(?=\d)){0,70}?"


@per_lexicon
def _fronted(lex: Lexicon) -> re.Pattern[str]:
    """ "In" opening the sentence ("in" after a conjunction: "But in a new poll,"), a
    determiner, up to three modifiers and a poll noun, then a participle's or an
    "of" or "by" phrase up to the comma: "In the latest Post-ABC poll, conducted in May,"
    (the source ends at the first comma)."""
    nouns = "|".join(sorted(lex.poll_nouns, key=len, reverse=True))
    return re.compile(
        r"^\W*(?:(?:But|And|Yet|Still|Meanwhile),?\s+(?=i)|(?=I))(?P<cue>[Ii]n)\s+(?P<source>(?i:an?|the|"
        rf"its|their|this|that)\s+{_NAME}(?:{_MODIFIER}){{0,3}}(?i:{nouns})\b"
        rf"(?:\s+(?:[a-z]+(?:ed|en)|of|by)\b{_UP_TO_COMMA})?),(?!\d)",
    )


def polls(text: str, quotes: Quotes, lex: Lexicon, found: list[Attribution]) -> list[Attribution]:
    if lex.poll_nouns.isdisjoint(lower_words(text)):
        return []  # most sentences: no poll named
    m = _fronted(lex).match(text)
    if m is None:
        return []
    if inside(quotes, m.start("cue")) or Found.of(found).holds_cue(m.end(), len(text)):
        return []  # "In a poll released Monday, voters said X": the speech verb's
    source = trim(text, *m.span("source"))
    clause = trim(text, m.end(), len(text))
    if source is None or clause is None or not has_words(text, *clause, 3):
        return []
    content, direct = quoted_content(text, clause_end(text, clause, quotes), quotes)
    return [Attribution("according", m.span("cue"), source, content, direct)]
