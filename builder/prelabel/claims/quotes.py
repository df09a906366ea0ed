"""Quotation regions of a sentence, with a quotation left open by an earlier sentence.

News quotes run over several sentences: the first opens a quotation mark that only a later
sentence closes, and a quote that runs over paragraphs reopens each paragraph with an opening
mark and no closing one. Regions are the quoted text without its marks, sentence-relative.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

OPENING = "“«„"
CLOSING = "”»"
STRAIGHT = '"'
MARKS = OPENING + CLOSING + STRAIGHT


@dataclass(frozen=True, slots=True)
class Quotes:
    regions: tuple[tuple[int, int], ...]  # inner spans, in order
    open_at_end: bool  # the last quotation runs on into the next sentence
    continued: bool  # the first region was opened by an earlier sentence
    # The regions are in order and do not overlap, so their ends are in order too: the
    # questions below are binary searches over their starts, ends and cumulated lengths (a
    # loop over every region for each cue was quadratic in a sentence of many quotations).
    starts: list[int] = field(init=False, repr=False, compare=False)
    ends: list[int] = field(init=False, repr=False, compare=False)
    before: list[int] = field(init=False, repr=False, compare=False)  # length of regions[:k]

    def __post_init__(self) -> None:
        before = [0]
        for s, e in self.regions:
            before.append(before[-1] + e - s)
        object.__setattr__(self, "starts", [s for s, _ in self.regions])
        object.__setattr__(self, "ends", [e for _, e in self.regions])
        object.__setattr__(self, "before", before)


# Most sentences: built once (analysis.py: also the analysis of a sentence with nothing found)
NO_QUOTES = Quotes((), False, False)


# v2 (issue 13): two apostrophes are a straight double mark in some papers' typesetting
# ("''We are not there yet,'' he said"): PolNeAR dev has one for every two curly marks.
# Led by the class of its first character (an apostrophe then looks for its second), so that
# the scan skips the other characters in C: the matches of ``''|[“«„”»"]`` in some half the
# time (issue 14, eighth session; tests/prelabel/test_claims_scans.py).
_MARK = re.compile(r"['“«„”»\"](?:(?<=')'|(?<=[“«„”»\"]))")


def _closes(text: str, i: int, end: int) -> bool:
    """v3: a straight mark after a sentence's punctuation and before a space or the end closes
    a quotation ('wrong," Rep. Mica said.'), whatever the marks before it: one that opens
    stands before its words. Only the first mark of a sentence asks (``regions`` is empty)."""
    return i > 0 and text[i - 1] in ",.!?" and (end == len(text) or text[end] in " \u00a0\n")


def has_marks(text: str) -> bool:
    """Whether ``text`` holds a quotation mark of ``_MARK``: in an ASCII text (97% of bbc's,
    known at once) only the straight ones can stand."""
    if text.isascii():
        return '"' in text or "''" in text
    # map over str.__contains__: the six looks in C, without a generator's frame each
    return any(map(text.__contains__, MARKS)) or "''" in text


def find_quotes(text: str, open_at_start: bool = False) -> Quotes:
    if not open_at_start and (
        ('"' not in text and "''" not in text) if text.isascii() else not has_marks(text)
    ):
        return NO_QUOTES  # (``has_marks`` of an ASCII text written out: a call a sentence)
    regions: list[tuple[int, int]] = []
    start: int | None = 0 if open_at_start else None
    continued = open_at_start
    for m in _MARK.finditer(text):
        i, c = m.start(), m.group()[0]
        if start is not None and i == 0 and open_at_start and c != CLOSING[0]:
            # A sentence of a running quote that starts with a mark reopens it (paragraph style,
            # see the "Then those bastards" case in tests/prelabel/test_claims.py).
            start = m.end()
            continue
        opens = c in OPENING or (
            c in "\"'" and start is None and (regions or not _closes(text, i, m.end()))
        )
        if opens:
            start = m.end()
        elif start is not None:
            if i > start:
                regions.append((start, i))
            start = None
        elif not regions:  # a closing mark, or v3 a straight one that closes (``_closes``)
            # A closing mark with no opening one: the quotation began in an earlier sentence
            # the segmenter did not link to us; the sentence start is the best guess.
            regions.append((0, i))
            continued = True
    open_at_end = start is not None and start < len(text)
    if open_at_end and start is not None:
        regions.append((start, len(text)))
    return Quotes(tuple(regions), open_at_end, continued)


def inside(quotes: Quotes, pos: int) -> bool:
    k = bisect_right(quotes.starts, pos) - 1  # the last region starting at or before ``pos``
    return k >= 0 and pos < quotes.ends[k]


def _overlapping(quotes: Quotes, start: int, end: int) -> tuple[int, int]:
    """``regions[first:last]`` are those that share characters with ``[start, end)``."""
    return bisect_right(quotes.ends, start), bisect_left(quotes.starts, end)


def quoted_share(quotes: Quotes, start: int, end: int) -> float:
    """The share of ``[start, end)`` that lies inside quotation marks."""
    if end <= start:
        return 0.0
    first, last = bisect_right(quotes.ends, start), bisect_left(quotes.starts, end)  # (in place)
    if first >= last:
        return 0.0
    regions = quotes.regions
    covered = quotes.before[last] - quotes.before[first]  # whole regions, less what sticks out
    covered -= max(0, start - regions[first][0]) + max(0, regions[last - 1][1] - end)
    return covered / (end - start)


def regions_in(quotes: Quotes, start: int, end: int) -> tuple[tuple[int, int], tuple[int, int]]:
    """The first and the last region that share characters with ``[start, end)`` (there must
    be one), cut to it."""
    first, last = _overlapping(quotes, start, end)
    (s0, e0), (s1, e1) = quotes.regions[first], quotes.regions[last - 1]
    return (max(s0, start), min(e0, end)), (max(s1, start), min(e1, end))


def is_quotation(text: str, span: tuple[int, int]) -> bool:
    """Whether ``span`` opens and closes on quotation marks (a quotation, not a clause that
    ends on a quoted phrase: 'People must learn "sensible behaviour" he says, such as')."""
    return span[1] - span[0] > 1 and text[span[0]] in "\"“'" and text[span[1] - 1] in "\"”'"


def closes_on_comma(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` ends on a quotation closed after a comma ('say that,"'), or
    does so right before a last line break. Walked back from the end: a search from the
    content's start, once a cue, made a line of thousands of attributions quadratic."""
    stops = (end, end - 1) if end > start and text[end - 1] == "\n" else (end,)
    for stop in stops:
        if text.endswith("''", start, stop):
            i = stop - 2
        elif stop > start and text[stop - 1] in '"”':
            i = stop - 1
        else:
            continue
        while i > start and text[i - 1].isspace():
            i -= 1
        if i > start and text[i - 1] == ",":
            return True
    return False
