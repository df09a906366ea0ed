"""A question put to someone, told in the passive: "When asked by a reporter whether the plan
would survive, the mayor said ...", "Asked if the levy was fair, 46 percent said yes", "She
was asked by a caller why the line was closed". PolNeAR marks "asked" as a cue of its own,
the asker (after "by", if named) its source and the question its content (issue 13, the train
gap: 9 such attributions missed on train-A, none on dev, where every one was found already).

Only a reduced or passive "asked" counts, with a question word after it ("about" only after
its asker: "Asked about X, the mayor said" is the fronted participle's, ``fronted.py``): at
the start of the sentence or of a clause ("when", "after", a comma) or after a form of "be".
"People have asked about it" has a subject of its own and is the speech verb's.
"""

from __future__ import annotations

import re

from builder.prelabel.claims.attribution import Attribution, Found
from builder.prelabel.claims.contents import quoted_content
from builder.prelabel.claims.quotes import Quotes, inside
from builder.prelabel.claims.spans import has_words, trim

_ASKED = re.compile(
    r"(?:^\W*|\b(?:[Ww]hen|[Aa]fter|[Oo]nce|[Ii]f|is|are|was|were|been|being)\s+|,\s+)"
    r"(?P<cue>[Aa]sked)\s+(?:by\s+(?P<agent>[^,;:()\"“”]{1,60}?)\s+)?"
    r"(?:(?:on|last|this)\s+\w+\s+)?(?P<question>(?:whether|if|how|what|why|who)\b|"
    r"(?(agent)about\b|(?!)))"
)
# Where the question ends: a comma, semicolon, colon or dash outside a quotation.
_BREAK = re.compile(r"[,;:—–]")


def asked(text: str, quotes: Quotes, found: list[Attribution]) -> list[Attribution]:
    out = []  # extract.py calls only for a sentence with "sked " in it
    taken = Found.of(found)
    for m in _ASKED.finditer(text):
        start, end = m.span("cue")
        if inside(quotes, start) or taken.holds_cue(start, end):
            continue
        end_at = _answered(text, m.start("question"), _question_end(text, end, quotes), found)
        question = trim(text, m.start("question"), end_at)
        if question is None:
            continue
        content = quoted_content(text, question, quotes)[0]  # a quotation keeps its marks
        source = trim(text, *m.span("agent")) if m.group("agent") else None
        out.append(Attribution("passive", (start, end), source, content, False))
    return out


def _answered(text: str, start: int, end: int, found: list[Attribution]) -> int:
    """ "Asked if X she said: ...": with no comma, the question ends where the last attribution
    found inside it begins, at its source, or at its cue when the walk left of it found no
    short source ("if Brown and Carragher would start Eriksson replied": before "replied")."""
    inner = [a for a in found if start < a.cue[0] < end]
    if not inner:
        return end
    last = max(inner, key=lambda a: a.cue[0])
    if last.source and has_words(text, start, last.source[0], 4):
        return last.source[0]
    return last.cue[0]


def _question_end(text: str, pos: int, quotes: Quotes) -> int:
    """Where the question that starts before ``pos`` ends: at the first break outside a
    quotation, at the end of a quotation that holds one, or at the sentence's end."""
    for b in _BREAK.finditer(text, pos):
        at = b.start()
        if not inside(quotes, at):
            return at
        return next(e for s, e in quotes.regions if s <= at < e)
    return len(text)
