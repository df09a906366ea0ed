"""A clause told by hearsay: "The council has reportedly dropped the levy." An adverb of
hearsay (cues.yaml ``hearsay``) is a cue with no source, as "according to reports" would be,
and its clause the content (issue 13, PolNeAR marks "reportedly" so).

An adverb right before a cue verb is that cue's ("reportedly told aides that ..."): the cues
found before are passed in, and an adverb inside one of them or of a quotation is left out.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from builder.prelabel.claims.attribution import Attribution, Found
from builder.prelabel.claims.contents import clause_end
from builder.prelabel.claims.lexicon import Lexicon
from builder.prelabel.claims.quotes import Quotes, inside
from builder.prelabel.claims.spans import has_words, trim
from builder.prelabel.sentence_words import lower_words

# Where the clause of the adverb begins: after the last comma, semicolon, colon or dash.
_BREAK = re.compile(r"[,;:—–]")
_WORD = re.compile(r"\b[A-Za-z]+\b")
_NEXT = re.compile(r"\s+([a-z]+)")


def hearsay(text: str, quotes: Quotes, lex: Lexicon, found: list[Attribution]) -> list[Attribution]:
    if lex.hearsay.isdisjoint(lower_words(text)):
        return []
    out = []
    taken = Found.of(found)
    breaks: list[int] | None = None  # the clause breaks, found once (asked by binary search)
    for m in _WORD.finditer(text):
        start, end = m.span()
        if m.group().lower() not in lex.hearsay or inside(quotes, start):
            continue
        if taken.holds_cue(start, end):
            continue
        after = _NEXT.match(text, end)
        if after and after.group(1).lower() in lex.lemma:
            continue  # "have reportedly shown that": the verb's cue, whoever votes for it
        if breaks is None:
            breaks = [b.end() for b in _BREAK.finditer(text) if not inside(quotes, b.start())]
        k = bisect_right(breaks, start) - 1  # the last break before the adverb
        clause = trim(text, breaks[k] if k >= 0 else 0, len(text))
        if clause is None or not has_words(text, *clause, 3):
            continue
        content = clause_end(text, clause, quotes)
        if not content[0] <= start < content[1]:
            continue  # the clause ended before the adverb: no content around it
        content = taken.before_trailing(text, content, start)  # not ", the mayor said"
        out.append(Attribution("according", (start, end), None, content, False))
    return out
