"""'According to X, CONTENT' and 'CONTENT, according to X.': the source after its cue."""

from __future__ import annotations

import re
from bisect import bisect_left

from builder.prelabel.claims.attribution import Attribution
from builder.prelabel.claims.contents import quoted_content
from builder.prelabel.claims.lexicon import Lexicon
from builder.prelabel.claims.quotes import Quotes, inside
from builder.prelabel.claims.spans import has_words, trim
from builder.prelabel.sentence_words import lower_words
from builder.prelabel.word_gates import has_folds

_SOURCE_STOP = re.compile(r"[,;:—–()]")
_SPACES = re.compile(r"\s*")


def according(text: str, quotes: Quotes, lex: Lexicon) -> list[Attribution]:
    # A match holds every word of its phrase whole, each one of ``lower_words`` (but where a
    # character that re.IGNORECASE folds to a letter stands in one: word_gates.FOLDS): a
    # sentence with none of the phrases' longest words skips the scan (9 us, 58 in 59 of
    # corpus/bbc).
    needs = lex.source_after_words
    if needs is not None and needs.isdisjoint(lower_words(text)) and not has_folds(text):
        return []
    out = []
    stops: list[int] | None = None  # where the source after each match may end, found once
    for m in lex.source_after.finditer(text):
        start, end = m.span()
        if inside(quotes, start):
            continue
        if stops is None:
            stops = [s.start() for s in _SOURCE_STOP.finditer(text)] + [len(text)]
        rest = _rest(text, end, stops)
        if not rest:
            continue
        source = trim(text, *rest)
        if source is None:
            continue
        after = trim(text, source[1], len(text))
        before = trim(text, 0, start)
        # "According to X, CONTENT" reads right; "CONTENT, according to X." reads left, and
        # v5 so does "CONTENT, according to X, more than Y": a clause before the comma is said.
        # v6: but in "the depot, which, according to X, was shelled" the relative clause is,
        # drawn over both of its parts as a resumed quotation is (contents.resumed), to the
        # next comma ("the firm, which, according to X, employs 500, was sold").
        comma = before is not None and text[before[1] : start].strip() == ","
        relative = comma and before and after and _relative(text, before, after, stops, quotes)
        if relative:
            span = relative
        elif comma and before and has_words(text, *before, 3):
            span = before
        elif after and has_words(text, *after, 3):
            span = after
        elif before and has_words(text, *before, 3):
            span = before
        else:
            continue
        content, direct = quoted_content(text, span, quotes)
        out.append(Attribution("according", (start, end), source, content, direct))
    return out


_RELATIVES = ("which", "who", "whom")


def _relative(
    text: str, before: tuple[int, int], after: tuple[int, int], stops: list[int], quotes: Quotes
) -> tuple[int, int] | None:
    """From the relative pronoun that ends ``before`` (a word of its own) to the end of the
    clause that starts ``after`` (its first stop outside quotation marks), or None."""
    pronoun = next(
        (
            at
            for word in _RELATIVES
            if (at := before[1] - len(word)) >= before[0]
            and text.startswith(word, at)
            and (at == 0 or not text[at - 1].isalnum())
        ),
        None,
    )
    if pronoun is None:
        return None  # most commas before "according to" end a clause, not a pronoun
    k = bisect_left(stops, after[0])
    while k < len(stops) - 1 and inside(quotes, stops[k]):
        k += 1  # 'can "sense, understand, and adapt"': the quotation's commas end nothing
    clause = trim(text, after[0], stops[k])
    return None if clause is None else (pronoun, clause[1])


def _rest(text: str, end: int, stops: list[int]) -> tuple[int, int] | None:
    """Group 1 of ``re.match(r"\\s*([^,;:—–()]+)", text[end:])`` (shifted by ``end``), from
    the places of the stop characters: scanning to the next one from each match was quadratic
    in a sentence of many "according to"."""
    blank = _SPACES.match(text, end)
    spaces = blank.end() if blank else end
    stop = stops[bisect_left(stops, spaces)]
    if stop > spaces:
        return spaces, stop
    # Only white space before a stop: the pattern gives its last character back.
    return (spaces - 1, spaces) if spaces > end else None
