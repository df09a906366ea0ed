"""The content span of an attribution as PolNeAR draws it: a quotation with its marks and the
punctuation inside them, and a quotation resumed after the attribution (issue 13).
Offsets are relative to the sentence text.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache

from builder.prelabel.claims.lexicon import Lexicon
from builder.prelabel.claims.quotes import (
    Quotes,
    closes_on_comma,
    inside,
    is_quotation,
    quoted_share,
    regions_in,
)
from builder.prelabel.claims.spans import trim

# The punctuation a quotation closes on and its closing mark: ',"' or '.”'.
# v7: a single closing mark after the punctuation too: "It’s ‘in Their Heads.’".
_CLOSED = re.compile(r"[,.!?]{0,3}(?:[\"”»]|'')|[,.!?]{1,3}’")


def _opening(text: str, start: int) -> int:
    """The length of the opening quotation mark right before ``start`` (0: none)."""
    if text[max(0, start - 2) : start] == "''":
        return 2
    return int(start > 0 and text[start - 1] in '"“«„')


_RESUMES = re.compile(
    r"\s*,\s*(?:[\"“]|''|(?=(?:he|she|they|it|we|I|there|the|this|that|and\s+''|and\s+[\"“])\b)"
    # v7: or the rest of the clause the attribution interrupts: "The latest test, North Korea
    # said, was its biggest yet" (not a participle, a relative clause or a phrase of its own).
    r"|(?P<clause>(?=[a-z]+\b)(?![a-z]+ing\b|(?:who|whose|which|according|as|after|before|when|"
    r"while|because|since|in|at|on|with|for|from|by|during|though|although|a|an|and|but|or)\b)))"
)


# v9: the quotation closed on a comma ('say that,"'), and where it reopens after the rest of
# its attribution, within a clause's length and no other quotation ('the host, “it was').
_LETTERS = re.compile(r"[A-Za-z]+")
_REOPENS = re.compile(r"[^\"“”;:]{0,80}?,\s*(?=[\"“]|'')")


def resumed(
    text: str, pos: int, content: tuple[int, int], lex: Lexicon, quotes: Quotes
) -> tuple[int, int]:
    """v6: '"We'll walk away," he said, "the only place on earth."': a quotation (or clause:
    "Even if it fails, Mr. Morgan said, he has done the work") resumed after the attribution at
    ``pos`` is the same content, which PolNeAR draws over both parts (one span here, from the
    first part to the end of the second), unless it runs on into the next sentence."""
    after = lex.after_cue.match(text, pos)
    m = _RESUMES.match(text, after.end() if after else pos)
    if m and m.group("clause") is not None and is_quotation(text, content):
        # v10: a quotation closed before its attribution goes on only in quotation marks:
        # '"It is awful," she told me, eyes filling up' (no clause of hers resumed).
        m = None
    if m is None and closes_on_comma(text, *content):
        # v9: '"Every time you say that," Tester said, referring to it, "you give ..."': a
        # quotation that closes on a comma resumes after the words of its attribution too.
        m = _REOPENS.match(text, pos)
        if m and any(w.lower() in lex.lemma for w in _LETTERS.findall(m.group())):
            m = None  # '"...," he said, adding, "...": a cue of its own (claim_chained_cue)
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
    start = first[0] - _opening(text, first[0])
    if start > span[0] + 1:
        # v7: words before the quotation are the reported clause too: 'Kaine "has a passion',
        # 'that Trump "lashed out', as PolNeAR draws them (issue 13, PolNeAR dev).
        start = span[0]
    end = _CLOSED.match(text, last[1])
    return (trim(text, first[0], last[1]) and (start, end.end() if end else last[1])) or span, True


# Where a reported clause ends and the reporter's own text goes on: a contrast or a comment
# (", but he said", '," though', ", which makes him"), a participle or adverbial clause
# (", saying that", ", using an average", ", with jabs that", ", after"), or a second predicate
# of the source ("encouraged X and downplayed Y", "claimed X and said Y"), or (sixth pass) a
# clause of its own with a pronoun subject (", and he added") or a relative clause on a person
# (", who has not been charged") or a negated second predicate ("but did not vote"), or
# (seventh pass) a second predicate in the perfect ("and has since left", "but also had to
# give"): PolNeAR's content stops there (issue 13, PolNeAR dev).
# Each branch opens with ",", ";" or a white space: the pattern is led by their class, each
# branch checking by a look back which one it took (``\s+`` is ``\s`` then ``\s*``), so that
# the scan skips every other character in C (issue 14: the same matches, groups and
# ``lastgroup`` as the branches written plainly, tests/prelabel/test_claims_scans.py).
# The branches after a comma share their opening, and those after a white space too, behind
# a look at the character that follows it (an "a", a "b" or a dash): most white spaces of a
# sentence are then left after one look instead of seven branches tried (issue 14, eighth
# session). Each shared opening can match one way only (what follows it is no quotation mark
# and no white space), so it chooses among the branches as each branch alone did.
_CLAUSE_END = re.compile(
    r"[,;\s](?:(?<=,)[\"”’']*\s+(?:(?P<word>but|although|though|while|whereas|which|who|yet|"
    r"even\s+as)\b"
    r"|(?P<adjunct>[a-z]+ing|aside\s+from|with|after|when|because|since)\b"
    r"|and\s+(?:he|she|they|we|I|it|there)\s)"
    r"|(?<=;)|(?<=\s)(?=\s*[ab\-—―–])\s*(?:(?:and|but)\s+(?:also\s+|then\s+|later\s+)?"
    r"(?:[a-z]+ed|said|told|wrote)\b"
    r"|but\s+(?:did|does|has|have|would|will)\s+not\b"
    r"|(?:and|but)\s+(?:also\s+)?(?:has|had)\s+(?:since|also|said|to)\b"
    r"|(?:--|—|―|–)\s+))"
)


@lru_cache(maxsize=8)  # every content of a sentence asks: found once
def _clause_ends(text: str, quotes: Quotes) -> tuple[list[int], list[tuple[int, int]]]:
    """The starts of the clause ends outside quotation marks, and each one's (start, end)."""
    starts: list[int] = []
    spans: list[tuple[int, int]] = []
    for m in _CLAUSE_END.finditer(text):
        if not inside(quotes, m.start(m.lastgroup) if m.lastgroup else m.start()):
            starts.append(m.start())
            spans.append(m.span())
    return starts, spans


# Where and when it was said, closing the content: "... more school investment in a statement on
# Thursday", "... her presence on Twitter", "... during the debate Monday night" (issue 13, PolNeAR
# dev): the reporter's frame, not the source's words. Led by one white space (``\s+`` is
# ``\s\s*``), whose class the search skips to in C instead of trying the pattern at every
# character (issue 14, eighth session; tests/prelabel/test_claims_scans.py).
_FRAME_END = re.compile(
    r"\s\s*(?:in|during|on|at|via)\s+(?:(?:a|an|the|his|her|their|its)\s+)?(?:[\w'’-]+\s+){0,3}?"
    r"(?:statement|interview|speech|debate|forum|rally|event|conference|briefing|hearing|"
    r"meeting|tweets?|Twitter|Facebook|website|television|radio|op-ed|column)"
    r"(?:\s+(?:on\s+)?[A-Z][a-z]+day)?(?:\s+(?:night|morning|evening|afternoon))?$"
)


# The words ``_FRAME_END`` can end with (it is anchored at the span's end): a span that ends
# with none is searched no further (issue 14, tenth session; test_claims_scans.py).
_FRAME_LAST = (
    *("statement", "interview", "speech", "debate", "forum", "rally", "event", "conference"),
    *("briefing", "hearing", "meeting", "tweet", "tweets", "Twitter", "Facebook", "website"),
    *("television", "radio", "op-ed", "column", "day", "night", "morning", "evening"),
    "afternoon",
)


def clause_end(text: str, span: tuple[int, int], quotes: Quotes) -> tuple[int, int]:
    """``span`` cut where its clause ends, and without the frame that closes it (v7)."""
    start, end = _clause_cut(text, span, quotes)
    framed = text.endswith(_FRAME_LAST, start, end)
    m = _FRAME_END.search(text, max(start, end - 100), end) if framed else None
    if m is None or inside(quotes, m.start()) or m.start() <= start:
        return start, end
    return trim(text, start, m.start()) or (start, end)


def _clause_cut(text: str, span: tuple[int, int], quotes: Quotes) -> tuple[int, int]:
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


# Where a cue is followed by when, where or to whom it was said before its "that": "said at a
# campaign stop in Toledo, Ohio, that", "told an invited crowd at the club that" (issue 13,
# PolNeAR dev): PolNeAR's content starts at "that".
FRAMES = frozenset(
    ["at", "during", "in", "on", "from", "before", "after", "over", "while", "again", "with"]
)
_FRAMED_THAT = re.compile(r"[^\"“”;:.?!]{0,120}?[\s,]that\s+(?=[\w\"“'‘])")


def framed_that(text: str, span: tuple[int, int], quotes: Quotes) -> tuple[int, int] | None:
    """The content from the "that" after a frame or an object at the start of ``span``."""
    m = _FRAMED_THAT.match(text, span[0], span[1])
    if m is None or inside(quotes, m.end() - 1):
        return None
    that = m.end() - 1
    while text[that - 1].isalpha():
        that -= 1  # back to the start of "that"
    return that, span[1]


# A sentence that opens with a subordinate clause: "While he acknowledged X, Ham also noted Y".
_FRONTED = re.compile(
    r"[\"“]?(?:While|When|Whenever|Although|Though|As|If|After|Before|Since|Because|Once|Until|"
    r"Unless|Even\s+though|Even\s+if"
    # v8: or a prepositional or participle phrase: "In defending himself, Trump offered",
    # "Writing for a panel that all agreed Pence won, Barabak noted" (issue 13, PolNeAR dev).
    r"|In|On|At|During|Despite|Under|With|Without|By|Back\s+when|Contrary\s+to|[A-Z][a-z]+ing)\s"
)
# The comma that ends it, before the main clause's subject (a name or a pronoun).
_MAIN_CLAUSE = re.compile(
    r",\s+(?=(?:[A-Z][\w'’.-]*|he|she|they|it|we|I|there|the|a|an|his|her|their|its)\s)"
)


def fronted_end(text: str, cue: int, span: tuple[int, int], quotes: Quotes) -> tuple[int, int]:
    """v7: a content reported inside a sentence's opening subordinate clause ends with that
    clause: "While he acknowledged funding was a reason, Ham also noted ..." (issue 13)."""
    if not _FRONTED.match(text) or text.find(",", 0, min(cue, 200)) >= 0 or cue > 200:
        return span
    m = _MAIN_CLAUSE.search(text, span[0], min(span[1], span[0] + 300))
    if m is None or inside(quotes, m.start()):
        return span
    return trim(text, span[0], m.start()) or span


def closed(text: str, span: tuple[int, int]) -> tuple[int, int]:
    """``span`` with the punctuation and mark that close a quotation right after it, and (v9)
    the mark that opens one right before it ('attacked “the hateful ideology.”')."""
    end = _CLOSED.match(text, span[1])
    start = span[0]
    if text[start - 2 : start] == "''":
        start -= 2
    elif start > 0 and text[start - 1] in '“"':
        start -= 1
    return (start, end.end()) if end else (start, span[1])


# The comma that closes a relative clause before the main clause's verb: "Apple's tax bill,
# which the E.U. contended that Ireland undertaxed, is a good example", "Mr. Obama, who
# understood that a push would be fruitless, told his advisers" (issue 13, PolNeAR dev).
_RELATIVE_CLOSE = re.compile(
    r",\s+(?=(?:is|was|are|were|has|have|had|will|would|can|could|may|might|must|should|"
    r"does|did|remains|told|said|says|[a-z]+ed)\s)"
)


def relative_end(
    text: str, source: tuple[int, int] | None, span: tuple[int, int], quotes: Quotes
) -> tuple[int, int]:
    """v8: a content reported inside a relative clause (its source "who" or "which" after a
    comma) ends where the clause closes before the main verb."""
    if source is None or text[source[0] : source[1]].lower() not in ("who", "which"):
        return span
    if not text[: source[0]].rstrip().endswith(","):
        return span
    m = _RELATIVE_CLOSE.search(text, span[0], span[1])
    if m is None or inside(quotes, m.start()):
        return span
    return trim(text, span[0], m.start()) or span


def clause_content(
    text: str, cue: int, source: tuple[int, int] | None, span: tuple[int, int], quotes: Quotes
) -> tuple[int, int]:
    """An indirect content cut to its clause: its own end, a fronted phrase's, a relative
    clause's (the cue at ``cue``, its source ``source``)."""
    cut = fronted_end(text, cue, clause_end(text, span, quotes), quotes)
    return relative_end(text, source, cut, quotes)


# v10 (seventh pass): "what" too ("denounce what Turnbull called X"); "that" was worse on the
# tune part.
_WHICH = re.compile(r"(?:\b(?:in|to|of|for|by|with|on)\s+)?\b(which|what)\s+$")
_THAT = re.compile(r"that\b")


def object_relative(
    text: str, source: tuple[int, int], cue_end: int, content: tuple[int, int], quotes: Quotes
) -> tuple[int, int]:
    """v9: "the levy, which Mr. Cook called ''crap''", "a deal in which the U.S. would pledge
    to": the relative word before the source is the object of the cue (no "that" clause
    follows it), and PolNeAR's content runs from it (and its preposition) to the clause's end."""
    which = _WHICH.search(text, max(0, source[0] - 12), source[0])
    if which is None or _THAT.match(text, content[0]) or "," in text[cue_end : content[0]]:
        return content
    content = relative_end(text, (which.start(1), which.end(1)), content, quotes)
    return which.start(), content[1]
