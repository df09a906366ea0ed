"""Find attributions in one sentence: cue, source and content spans, without a parser.

Every reporting verb of the lexicon is a candidate cue. From the cue we walk left over a short
noun phrase for the source ("Britain's defence ministry said") and read the content on the
side that has a clause:

- ``leading``   SOURCE CUE CONTENT        He said Ukrainian lines were holding.
- ``trailing``  CONTENT, SOURCE CUE.      More than a million have fled, the U.N. said.
- ``inverted``  CONTENT, CUE SOURCE.      ..., said Michael Kofman, an expert.
- ``according`` according to SOURCE, CONTENT / CONTENT, according to SOURCE.

Offsets are relative to the sentence text; every span is trimmed of spaces and quote marks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from builder.prelabel.claims import vocab as v
from builder.prelabel.claims.lexicon import Lexicon, iter_cues, load_lexicon
from builder.prelabel.claims.quotes import Quotes, inside, quoted_share


@dataclass(frozen=True, slots=True)
class Attribution:
    kind: str  # leading | trailing | inverted | according
    cue: tuple[int, int]
    source: tuple[int, int] | None
    content: tuple[int, int]
    direct: bool


def trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    """``[start, end)`` without surrounding spaces, quote marks and commas; None if empty."""
    while start < end and text[start] in v.TRIM:
        start += 1
    while end > start and (text[end - 1] in v.TRIM or text[end - 1] == "."):
        end -= 1
    return (start, end) if end > start else None


_LOOK_BACK = 600  # characters read left of a cue


def _words(text: str, start: int, end: int) -> int:
    return len(text[start:end].split())


def _source_left(text: str, cue_start: int, lex: Lexicon) -> tuple[tuple[int, int] | None, int]:
    """The noun phrase ending right before the cue, and where the clause before it ends."""
    # A window, not the whole prefix: the source is at most ten words left of the cue, and
    # re-reading the prefix for every cue made very long sentences quadratic.
    tokens = list(v.WORD.finditer(text, max(0, cue_start - _LOOK_BACK), cue_start))
    i = len(tokens) - 1
    while i >= 0 and (
        tokens[i].group().lower() in lex.between or tokens[i].group().endswith(("n't", "n’t"))
    ):
        i -= 1
    first = last = -1
    while i >= 0 and (last - i) < 10:
        word = tokens[i].group()
        lower = word.lower()
        if word == ")" and last < 0 and (skip := _parenthesis(tokens, i)) is not None:
            i = skip  # "Sen. Claire McCaskill (D-Mo.) said"
            continue
        if last < 0 and lower in lex.pronouns:
            first = last = i  # "he said", and "which reported" in a relative clause
            i -= 1
            break
        if not word[0].isalnum() or lower in lex.source_stops:
            break
        if last < 0:
            last = i
        first = i
        i -= 1
    if last < 0:
        boundary = tokens[i].start() if i >= 0 else 0
        return None, boundary
    boundary = tokens[i].start() if i >= 0 else 0
    span = trim(text, tokens[first].start(), tokens[last].end())
    head = text[span[0] : span[1]].rsplit(None, 1)[-1] if span else ""
    if head[-1:].isdigit() or (head.islower() and head.endswith(("ly", "ed"))):
        # "in 2016 said", "poorly maintained columns", "banned reporting": no speaker.
        return None, boundary
    return span, boundary


def _parenthesis(tokens: list[re.Match[str]], close: int) -> int | None:
    """The token before the "(" that opens the parenthesis closing at ``close``."""
    for j in range(close - 1, max(close - 8, -1), -1):
        if tokens[j].group() == "(":
            return j - 1
    return None


def _content_right(
    text: str, pos: int, lemma: str, lex: Lexicon, *, strict: bool
) -> tuple[int, int] | None:
    m = lex.after_cue.match(text, pos)
    pos = m.end() if m else pos
    if lemma in v.OBJECT_VERBS and (o := v.OBJECT.match(text, pos)):
        pos = o.end()
        m = lex.after_cue.match(text, pos)
        pos = m.end() if m else pos
    span = trim(text, pos, len(text))
    if span is None or _words(text, *span) < 2:
        return None
    first = text[span[0] : span[1]].split(None, 1)[0]
    lower = first.lower()
    if lower in v.NOT_CONTENT and not (lower == "to" and lemma in v.INFINITIVE):
        return None
    quoted = text[span[0] - 1 : span[0]] in '"“'
    starts_clause = lower in v.CLAUSE_START or first[0].isupper() or first[0].isdigit()
    if strict and not (quoted or starts_clause):
        return None
    if lemma in lex.clausal and lower not in v.SUBJECTS and not first[0].isupper():
        return None
    return span


def _is_tail(text: str, pos: int, lemma: str, lex: Lexicon) -> bool:
    m = lex.after_cue.match(text, pos)
    if m:
        pos = m.end()
    if lemma in v.OBJECT_VERBS and (o := re.match(r"\s+\w+", text[pos:])):
        pos += o.end()
    return v.TAIL.match(text, pos) is not None


_INVERTED = re.compile(
    r"\s+((?:the\s+|a\s+|an\s+)?[\w.'’&-]+(?:\s+[\w.'’&-]+){0,6}?)\s*(?:[,.;]|$)"
)


def _inverted_source(text: str, pos: int) -> tuple[int, int] | None:
    """``said Michael Kofman, an expert`` -> the name, when a name or role follows the cue."""
    m = _INVERTED.match(text[pos:])
    if not m or not (m.group(1)[0].isupper() or m.group(1).split()[0] in ("the", "a", "an")):
        return None
    return trim(text, pos + m.start(1), pos + m.end(1))


def _direct(text: str, span: tuple[int, int], quotes: Quotes) -> tuple[tuple[int, int], bool]:
    """A content that is (almost) all quotation becomes the quoted words, marked direct."""
    if quoted_share(quotes.regions, *span) < 0.8:
        return span, False
    inner = [(max(s, span[0]), min(e, span[1])) for s, e in quotes.regions]
    inner = [(s, e) for s, e in inner if e > s]
    return (trim(text, inner[0][0], inner[-1][1]) or span), True


def _subject(text: str) -> tuple[int, int] | None:
    """The subject at the start of the sentence, for ``..., saying that``: who says it."""
    m = v.SUBJECT.match(text)
    return (m.start(1), m.end(1)) if m else None


def find_attributions(text: str, quotes: Quotes, lex: Lexicon | None = None) -> list[Attribution]:
    lex = lex or load_lexicon()
    out: list[Attribution] = []
    for start, end, lemma in iter_cues(text, lex):
        if inside(quotes.regions, start):
            continue
        form = text[start:end]
        before = text[max(0, start - 64) : start]
        prev = before.rsplit(None, 1)[-1].lower() if before.strip() else ""
        if prev in v.ADJECTIVAL or prev == "to" or text[start - 1 : start] == "-":
            continue
        source, boundary = _source_left(text, start, lex)
        # ", said Michael Kofman, an expert" comes first: its comma is no apposition.
        inverted = source is None and _inverted_source(text, end) is not None
        if source is None and text[boundary] == "," and not form.endswith("ing") and not inverted:
            source, boundary = _appositive(text, boundary, lex)
        left = trim(text, 0, boundary) if boundary > 0 else None
        long_left = left is not None and _words(text, *left) >= 3
        mark = text[boundary]
        if source is None:
            if long_left and left and mark in v.QUOTE_END + "," and lemma not in lex.clausal:
                inv = _inverted_source(text, end)
                if inv:
                    content, direct = _direct(text, left, quotes)
                    out.append(Attribution("inverted", (start, end), inv, content, direct))
                    continue
            # "Trump attacked Clinton, saying that ...": the speaker is the sentence's subject;
            # so is it in "The agency, which oversees X, said it was ...".
            right = _content_right(text, end, lemma, lex, strict=False)
            subject = _subject(text) if mark == "," and form.endswith("ing") else None
            if subject and right and subject[1] < start:
                content, direct = _direct(text, right, quotes)
                out.append(Attribution("leading", (start, end), subject, content, direct))
            continue
        # A present-tense form after a common noun is often a noun itself ("coal states").
        strict = not form.endswith(("ed", "id", "ld", "ote", "ing")) and not _is_named(
            text[source[0] : source[1]]
        )
        right = _content_right(text, end, lemma, lex, strict=strict)
        tail = _is_tail(text, end, lemma, lex)
        framed = mark in v.QUOTE_END + ",—–(" and long_left
        # '"...," she said several months later' is trailing whatever follows the cue.
        quoted_left = framed and mark in v.QUOTE_END
        if right is not None and not (tail and framed) and not quoted_left:
            if lemma in lex.trailing_only:
                continue
            content, direct = _direct(text, right, quotes)
            out.append(Attribution("leading", (start, end), source, content, direct))
        elif left and framed and (tail or mark in v.QUOTE_END):
            content, direct = _direct(text, left, quotes)
            out.append(Attribution("trailing", (start, end), source, content, direct))
    out.extend(_according(text, quotes, lex))
    colon = v.COLON.match(text)
    if (
        colon
        and colon.group(1).lower() not in v.NOT_SPEAKERS
        and (said := trim(text, colon.end(), len(text)))
    ):
        content, direct = _direct(text, said, quotes)
        source = (colon.start(1), colon.end(1))
        out.append(Attribution("colon", (colon.end(1), colon.end(1) + 1), source, content, direct))
    return out


def _appositive(text: str, comma: int, lex: Lexicon) -> tuple[tuple[int, int] | None, int]:
    """'Flynn, a top Trump surrogate, said': the name and its apposition, or the apposition."""
    inner, boundary = _source_left(text, comma, lex)
    if inner is None and text[boundary] == "," and text[boundary + 1 : comma].strip().isdigit():
        inner = trim(text, boundary + 1, comma)  # an age: "Quina Jones, 25, said"
    if inner is None:
        return None, comma
    if text[boundary] == ",":
        outer, outer_boundary = _source_left(text, boundary, lex)
        if outer is not None:
            return (outer[0], inner[1]), outer_boundary
    return inner, boundary


_PERSONAL = frozenset(["he", "she", "they", "it", "we", "i", "you", "who", "which", "that"])
# Quantifiers are no names even when they open the sentence: "Several states have passed".
_QUANTIFIERS = frozenset(["some", "others", "many", "few", "several", "both", "all", "most"])


def _is_named(source: str) -> bool:
    """A name or a personal pronoun: a subject, not a quantifier or a noun ("several states")."""
    head = source.rsplit(None, 1)[-1]
    lower = head.lower()
    return lower in _PERSONAL or (head[0].isupper() and lower not in _QUANTIFIERS)


def _according(text: str, quotes: Quotes, lex: Lexicon) -> list[Attribution]:
    out = []
    for m in lex.source_after.finditer(text):
        start, end = m.span()
        if inside(quotes.regions, start):
            continue
        rest = re.match(r"\s*([^,;:—–()]+)", text[end:])
        if not rest:
            continue
        source = trim(text, end + rest.start(1), end + rest.end(1))
        if source is None:
            continue
        after = trim(text, source[1], len(text))
        before = trim(text, 0, start)
        # "According to X, CONTENT" reads right; "CONTENT, according to X." reads left.
        if after and _words(text, *after) >= 3:
            span = after
        elif before and _words(text, *before) >= 3:
            span = before
        else:
            continue
        content, direct = _direct(text, span, quotes)
        out.append(Attribution("according", (start, end), source, content, direct))
    return out
