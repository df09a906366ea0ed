"""Quotation regions of a sentence, with a quotation left open by an earlier sentence.

News quotes run over several sentences: the first opens a quotation mark that only a later
sentence closes, and a quote that runs over paragraphs reopens each paragraph with an opening
mark and no closing one. Regions are the quoted text without its marks, sentence-relative.
"""

from __future__ import annotations

from dataclasses import dataclass

OPENING = "“«„"
CLOSING = "”»"
STRAIGHT = '"'
MARKS = OPENING + CLOSING + STRAIGHT


@dataclass(frozen=True, slots=True)
class Quotes:
    regions: tuple[tuple[int, int], ...]  # inner spans, in order
    open_at_end: bool  # the last quotation runs on into the next sentence
    continued: bool  # the first region was opened by an earlier sentence


def find_quotes(text: str, open_at_start: bool = False) -> Quotes:
    if not open_at_start and not any(c in text for c in MARKS):
        return Quotes((), False, False)
    regions: list[tuple[int, int]] = []
    start: int | None = 0 if open_at_start else None
    continued = open_at_start
    for i, c in enumerate(text):
        if c not in MARKS:
            continue
        if start is not None and i == 0 and open_at_start and c != CLOSING[0]:
            # A sentence of a running quote that starts with a mark reopens it (paragraph style,
            # see the "Then those bastards" case in tests/prelabel/test_claims.py).
            start = 1
            continue
        opens = c in OPENING or (c == STRAIGHT and start is None)
        if opens:
            start = i + 1
        elif start is not None:
            if i > start:
                regions.append((start, i))
            start = None
        elif c in CLOSING and not regions:
            # A closing mark with no opening one: the quotation began in an earlier sentence
            # the segmenter did not link to us; the sentence start is the best guess.
            regions.append((0, i))
            continued = True
    open_at_end = start is not None and start < len(text)
    if open_at_end and start is not None:
        regions.append((start, len(text)))
    return Quotes(tuple(regions), open_at_end, continued)


def inside(regions: tuple[tuple[int, int], ...], pos: int) -> bool:
    return any(s <= pos < e for s, e in regions)


def quoted_share(regions: tuple[tuple[int, int], ...], start: int, end: int) -> float:
    """The share of ``[start, end)`` that lies inside quotation marks."""
    if end <= start:
        return 0.0
    covered = sum(max(0, min(e, end) - max(s, start)) for s, e in regions)
    return covered / (end - start)
