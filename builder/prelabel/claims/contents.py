"""The content span of an attribution as PolNeAR draws it: a quotation with its marks and the
punctuation inside them, and a quotation resumed after the attribution (issue 13).
Offsets are relative to the sentence text.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache

from builder.prelabel.claims.lexicon import Lexicon
from builder.prelabel.claims.quotes import MARKS, Quotes, inside, quoted_share, regions_in
from builder.prelabel.claims.spans import trim

# The punctuation a quotation closes on and its closing mark: ',"' or '.”'.
_CLOSED = re.compile(r"[,.!?]{0,3}(?:[\"”»]|'')")


def _opening(text: str, start: int) -> int:
    """The length of the opening quotation mark right before ``start`` (0: none)."""
    if text[max(0, start - 2) : start] == "''":
        return 2
    return int(start > 0 and text[start - 1] in '"“«„')


_RESUMES = re.compile(
    r"\s*,\s*(?:[\"“]|''|(?=(?:he|she|they|it|we|I|there|the|this|that|and\s+''|and\s+[\"“])\b))"
)


def resumed(
    text: str, pos: int, content: tuple[int, int], lex: Lexicon, quotes: Quotes
) -> tuple[int, int]:
    """v6: '"We'll walk away," he said, "the only place on earth."': a quotation (or clause:
    "Even if it fails, Mr. Morgan said, he has done the work") resumed after the attribution at
    ``pos`` is the same content, which PolNeAR draws over both parts (one span here, from the
    first part to the end of the second), unless it runs on into the next sentence."""
    after = lex.after_cue.match(text, pos)
    m = _RESUMES.match(text, after.end() if after else pos)
    if m is None or (span := trim(text, m.end(), len(text))) is None:
        return content
    if quotes.open_at_end and quotes.starts[-1] >= m.start():
        return content  # it runs on into the next sentence: the next sentence's content
    end = _CLOSED.match(text, span[1])
    return content[0], end.end() if end else span[1]


def quoted_content(
    text: str, span: tuple[int, int], quotes: Quotes
) -> tuple[tuple[int, int], bool]:
    """A content that is (almost) all quotation becomes the quoted words, marked direct."""
    if quoted_share(quotes, *span) < 0.8:
        # A content that ends a quotation keeps its closing marks: 'called it "a disaster."'.
        # So does one that opens it, in either style ("''" in some papers' typesetting).
        end = _CLOSED.match(text, span[1])
        start = span[0] - _opening(text, span[0])
        return (start, end.end() if end else span[1]), False
    first, last = regions_in(quotes, *span)
    # v3: with its quotation marks and the punctuation inside them, as PolNeAR (and an
    # annotator selecting a quote) marks it: '"We have run out of beds,"'.
    start = first[0] - (first[0] > 0 and text[first[0] - 1] in MARKS)
    end = _CLOSED.match(text, last[1])
    return (trim(text, first[0], last[1]) and (start, end.end() if end else last[1])) or span, True


# Where a reported clause ends and the reporter's own text goes on: a contrast or a comment
# (", but he said", '," though', ", which makes him"), a participle or adverbial clause
# (", saying that", ", using an average", ", with jabs that", ", after"), or a second predicate
# of the source ("encouraged X and downplayed Y", "claimed X and said Y"): PolNeAR's content
# stops there (issue 13, PolNeAR dev).
_CLAUSE_END = re.compile(
    r",[\"”’']*\s+(?P<word>but|although|though|while|whereas|which|yet|even\s+as)\b"
    r"|,\s+(?:[a-z]+ing|aside\s+from|with|after|when|because|since)\b"
    r"|;|\s+(?:and|but)\s+(?:also\s+|then\s+|later\s+)?(?:[a-z]+ed|said|told|wrote)\b"
)


@lru_cache(maxsize=8)  # every content of a sentence asks: found once
def _clause_ends(text: str, quotes: Quotes) -> tuple[list[int], list[tuple[int, int]]]:
    """The starts of the clause ends outside quotation marks, and each one's (start, end)."""
    starts: list[int] = []
    spans: list[tuple[int, int]] = []
    for m in _CLAUSE_END.finditer(text):
        if not inside(quotes, m.start("word") if m.group("word") else m.start()):
            starts.append(m.start())
            spans.append(m.span())
    return starts, spans


def clause_end(text: str, span: tuple[int, int], quotes: Quotes) -> tuple[int, int]:
    """``span`` cut where its clause ends, outside quotation marks. The ends are found once a
    sentence: a line of thousands of "said" asked each content for them (issue 16)."""
    starts, spans = _clause_ends(text, quotes)
    k = bisect_left(starts, span[0])
    if k == len(starts) or spans[k][1] > span[1]:
        return span
    start, end = spans[k]
    cut = trim(text, span[0], start)
    if cut is None:
        return span
    # v2: a quotation closed before the comma keeps its marks ('a gun," but').
    closed = _CLOSED.match(text, cut[1])
    return (cut[0], closed.end()) if closed and closed.end() <= end else cut
