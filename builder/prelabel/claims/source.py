"""The source of an attribution: the noun phrase left of its cue ("Britain's defence ministry
said"), with an apposition ("Flynn, a top Trump surrogate, said") or an age ("Quina Jones, 25,
said"); and where the clause before it ends.
"""

from __future__ import annotations

import re

from builder.prelabel.claims import vocab as v
from builder.prelabel.claims.lexicon import Lexicon
from builder.prelabel.claims.spans import adverb, trim
from builder.prelabel.claims.vocab import TRIM

_LOOK_BACK = 600  # characters read left of a cue
_NEAR = 200  # ... of which these are read first
_SPACE = re.compile(r"\s")


# The walks of the last sentence's text and lexicon, by cue start: the rules of a sentence ask
# again for some they asked before (one call in seven on corpus/bbc: a cue's source, then
# the fallback's, an apposition's, a verb's subject; issue 14, eighth session).
Walk = tuple[tuple[int, int] | None, int]
_walked: tuple[str, Lexicon | None, dict[int, Walk]] = ("", None, {})


def source_left(text: str, cue_start: int, lex: Lexicon) -> Walk:
    """The noun phrase ending right before the cue, and where the clause before it ends."""
    global _walked
    last, last_lex, known = _walked
    if last is not text or last_lex is not lex:
        known = {}
        _walked = (text, lex, known)
    found = known.get(cue_start)
    if found is None:
        found = known[cue_start] = _source_left(text, cue_start, lex)
    return found


def _source_left(text: str, cue_start: int, lex: Lexicon) -> Walk:
    """``source_left`` walked."""
    # A window, not the whole prefix: the source is at most ten words left of the cue, and
    # re-reading the prefix for every cue made very long sentences quadratic. The window's
    # tokens are those of its last _NEAR characters, from a white space on (no token spans
    # one), unless the walk comes within 8 tokens of their start (it looks 8 tokens back):
    # tokenising 600 characters for each of a cue every few words was slow (issue 16).
    lo = max(0, cue_start - _LOOK_BACK)
    space = _SPACE.search(text, cue_start - _NEAR, cue_start) if cue_start - _NEAR > lo else None
    if space is not None:
        found, lowest = _walk_left(text, list(v.WORD.finditer(text, space.end(), cue_start)), lex)
        if lowest >= 8:
            return found
    return _walk_left(text, list(v.WORD.finditer(text, lo, cue_start)), lex)[0]


def _walk_left(
    text: str, tokens: list[re.Match[str]], lex: Lexicon
) -> tuple[tuple[tuple[int, int] | None, int], int]:
    """``source_left`` over the window's tokens, and the lowest token index it reached."""
    i = len(tokens) - 1
    timed = -1  # the end of a time before the cue
    while i >= 0:
        word = tokens[i].group()
        lower = word.lower()
        # Each call below behind a look it makes first, in place: most words are none of
        # these, and a call a word cost more than the look (issue 14, tenth session).
        if lower in lex.between or word.endswith(_NOT) or (word[-2:] == "ly" and adverb(word)):
            i -= 1  # v2: also "-ly" adverbs, "Trump openly admires"
        elif i > 0 and lower in lex.floating and lex.floats(word, tokens[i - 1].group()):
            i -= 1  # v11: "Okafor and Lindqvist both stressed": not "both"
        elif (word in _WHEN or word.isdigit()) and (when := _time_before(tokens, i)) > 0:
            timed = max(timed, tokens[i].end())
            i -= when  # v2: "the Supreme Court this month rejected", "a panel in 2001 found"
        else:
            break
    first = last = -1
    closing = -1  # v3: the end of a parenthesis the source keeps, "Sen. Ted Cruz (R-Tex)"
    while i >= 0 and (last - i) < 10:
        word = tokens[i].group()
        lower = word.lower()
        if word == ")" and last < 0 and (skip := v.parenthesis(tokens, i)) is not None:
            closing = tokens[i].end()
            i = skip  # "Sen. Claire McCaskill (D-Mo.) said"
            continue
        if last < 0 and lower in lex.pronouns:
            first = last = i  # "he said", and "which reported" in a relative clause
            i -= 1
            break
        if lower == "and" and last >= 0 and (j := _conjunct(text, tokens, i, lex)) >= 0:
            first, i = j, j - 1  # v3: "Mr. Grassley and Mr. Leahy said", "RT and its defenders say"
            break
        if (not word[0].isalnum() and (word != "%" or last >= 0)) or lower in lex.source_stops:
            break  # v13: a share ends in "%" ("Of those, 58% say"; vocab.share_subject)
        if last < 0:
            last = i
        first = i
        i -= 1
    boundary = tokens[i].start() if i >= 0 else 0
    if last < 0:
        return (None, boundary), i
    span = trim(text, tokens[first].start(), tokens[last].end())
    head = text[span[0] : span[1]].rsplit(None, 1)[-1] if span else ""
    if span and timed > 0 and head.islower() and head.endswith("ed") and first < last:
        return ((span[0], timed), boundary), i  # v11: "A report released last year found"
    opener = tokens[i].group() if i >= 0 else ""
    if span and head.rstrip(",")[-1:] == "%" and not v.share_subject(text, span, opener):
        return (None, tokens[last].start()), i  # where the walk stopped before v13
    if (
        span is None
        or head[-1:].isdigit()
        or (head.islower() and (adverb(head) or head.endswith("ed")))
    ):
        # "in 2016 said", "poorly maintained columns", "banned reporting": no speaker.
        return (None, boundary), i
    if (clitic := _CLITIC.search(text, span[0], span[1])) and clitic.start() > span[0]:
        span = (span[0], clitic.start())  # v8: "He’s claiming", "I've suggested": "He", "I"
    if closing > span[1]:
        span = (span[0], closing)  # v3: PolNeAR keeps the party and state, "(D-Mo.)"
    elif _ABBREVIATION.fullmatch(tokens[last].group()):
        span = (span[0], tokens[last].end())  # v3: and the period of "Jr.", "Inc.", "U.S."
    return (span, boundary), i


_CLITIC = re.compile(r"['’](?:s|ve|re|d|ll)$")
# A capitalised abbreviation whose period is part of the name: "Jr.", "Inc.", "D.C.", "G.K.".
_ABBREVIATION = re.compile(r"(?:[A-Z][a-z]{0,3}\.)+|(?:[A-Z]\.)+")


def _conjunct(text: str, tokens: list[re.Match[str]], at: int, lex: Lexicon) -> int:
    """The first token of a noun phrase joined by the "and" at ``at`` that opens the sentence
    ("The family, protesters and civic leaders"), or -1: a phrase with a verb form in it
    ("Clinton criticized Trump and Republicans said") or that does not open the sentence is a
    clause of its own."""
    j = at - 1
    while j >= 0 and at - j <= 8:
        word = tokens[j].group()
        lower = word.lower()
        if word == "," or (word[0].isalnum() and lower not in lex.source_stops):
            if word.islower() and (lower in lex.lemma or lex.simple_past(lower)):
                return -1  # v12: irregular pasts too, "Prices rose in 2016 and analysts said"
            j -= 1
            continue
        if word in _CONNECTIVES and not text[: tokens[j].start()].strip(TRIM):
            break  # v8: "But Mr. Grassley and Mr. Leahy said": a connective opens the sentence
        return -1
    start = tokens[j + 1].start()
    opening = text[:start].strip(TRIM)
    if j >= 1 or opening not in _CONNECTIVES or start > 8 or tokens[j + 1].group() == ",":
        return -1
    return j + 1


_CONNECTIVES = frozenset(["", "But", "And", "Yet", "So", "Still"])
_TIME_NOUNS = frozenset(["week", "month", "year", "weekend", "summer", "spring", "fall", "winter"])
DAYS = frozenset(
    ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "Today"]
)


_NOT = ("n't", "n’t")
_WHEN = DAYS | _TIME_NOUNS  # a time ``_time_before`` reads ends with one, or with a year


def _time_before(tokens: list[re.Match[str]], i: int) -> int:
    """How many tokens ending at ``i`` say when: "in 2001", "on Friday", "this month" (0: none)."""
    word = tokens[i].group()
    before = tokens[i - 1].group().lower() if i > 0 else ""
    if word.isdigit() and len(word) == 4 and before == "in":
        return 2
    if word in DAYS:
        return 2 if before == "on" else 1
    if word in _TIME_NOUNS and before in ("this", "last", "next"):
        return 2
    return 0


_RELATIVE = re.compile(r"(?:which|who|whose)\b")
# What opens an apposition after a name's comma: a relative word, an article, an age, a
# title in lower case ("senior associate for education"), never a verb form or a clause.
_APPOSITION_START = re.compile(
    r",\s+(?:who|whose|which|an?|the|\d+|(?![a-z]+(?:ing|ed)\b)(?!(?:and|but|or|as|if)\b)[a-z]+)\b"
)
_NOT_IN_APPOSITION = re.compile(r"[\"“”;:()—–]")


def _opening_comma(text: str, before: int) -> int:
    """The comma that opens an apposition ending after ``before``, within 200 characters and
    with no quotation, colon or dash inside (-1: none)."""
    lo = max(0, before - 200)
    comma = text.rfind(",", lo, before)
    if comma < 0 or _NOT_IN_APPOSITION.search(text, comma, before):
        return -1
    return comma if _APPOSITION_START.match(text, comma) else -1


def _names(text: str, span: tuple[int, int]) -> bool:
    """Whether a source ends in a name (a capitalised word): "Former Gov. Ed Rendell"."""
    head = text[span[0] : span[1]].rstrip(",. ").rsplit(None, 1)[-1:]
    return bool(head) and head[0][:1].isupper()


def appositive(
    text: str, comma: int, lex: Lexicon, depth: int = 0
) -> tuple[tuple[int, int] | None, int]:
    """'Flynn, a top Trump surrogate, said': the name and its apposition, or the apposition."""
    if depth < 2 and (connective := v.CONNECTIVE.search(text, max(0, comma - 24), comma)):
        return appositive(text, connective.start(), lex, depth + 1)  # "Reed, however, said"
    inner, boundary = source_left(text, comma, lex)
    rel = _RELATIVE.match(text, boundary)
    if rel and depth < 2 and (before := text[:boundary].rstrip()).endswith(","):
        # v2: "Mulgrew, president of the union, which represents teachers, said": the relative
        # clause describes the apposition; the speaker is before it.
        return appositive(text, len(before) - 1, lex, depth + 1)
    if inner is None and text[boundary] == "," and text[boundary + 1 : comma].strip().isdigit():
        inner = trim(text, boundary + 1, comma)  # an age: "Quina Jones, 25, said"
    if inner is None:
        return None, comma
    if text[boundary] != "," and depth < 2 and (opened := _opening_comma(text, boundary)) >= 0:
        # v3: a long apposition or relative clause the walk could not cross ("Rendell, who
        # served as chairman during the 2000 election, agreed"): the name before its comma.
        outer, outer_boundary = appositive(text, opened, lex, depth + 1)
        if outer is not None and _names(text, outer):
            return (outer[0], inner[1]), outer_boundary
    if text[boundary] == ",":
        outer, outer_boundary = source_left(text, boundary, lex)
        if outer is not None and _ASIDE.match(text, boundary):
            return outer, outer_boundary  # v8: "Trump, in particular, has said": the name
        if outer is not None:
            return (outer[0], inner[1]), outer_boundary
    return inner, boundary


# v10: a participle phrase between commas after the name ("Trump, appearing after Clinton at
# the forum, cited"): PolNeAR's source is the name alone, the phrase no apposition of it.
_PARTICIPLE_ASIDE = re.compile(r",\s+[a-z]+ing\s[^,;:\"“”]{0,150}$")


def participle_aside(text: str, comma: int, lex: Lexicon) -> tuple[tuple[int, int], int] | None:
    """The name before a participle phrase that ends at ``comma``, and its boundary."""
    m = _PARTICIPLE_ASIDE.search(text, max(0, comma - 160), comma)
    if m is None:
        return None
    name, boundary = source_left(text, m.start(), lex)
    if name is None or not text[name[0]].isupper() or not _names(text, name):
        return None
    return name, boundary


_CLOSING_COMMA = re.compile(r"\.?,")


def closing_comma(text: str, end: int) -> re.Match[str] | None:
    """The comma (and a period before it) that closes an apposition ending at ``end``, which
    PolNeAR keeps ("Mitch McConnell, R-Ky., said"); v8: none when it opens an aside
    ("Clinton, like Obama, said": ``_ASIDE``)."""
    m = _CLOSING_COMMA.match(text, end)
    return m if m and not _ASIDE.match(text, m.end() - 1) else None


# v8: a phrase between commas that says where, how or like whom, no apposition of the name
# before it: "Clinton, at a later press gaggle, said", "Clinton, like Obama, has encouraged".
_ASIDE = re.compile(  # and a connective: "Reed, however, said" (issue 13, the train gap)
    rf",\s+(?:(?:in|at|on|like|unlike|during|after|before|with|from|for)\s|{v.CONNECTIVES})"
)


_BE = re.compile(r"\b(?:is|are|was|were|been|be|being)\b")


def passive_gap(text: str, source_end: int, cue_start: int, form: str) -> bool:
    """v3: whether the cue after ``source_end`` is a passive participle ("He has been harshly
    criticized for", "was accused of"): its subject is what was said, or of whom, not who
    said it; PolNeAR gives it no source (issue 13). v11: no progressive ("is calling for")."""
    return (
        not form.split()[0].endswith("ing")
        and cue_start - source_end < 40
        and _BE.search(text, source_end, cue_start) is not None
    )


def reader(text: str, source: tuple[int, int]) -> bool:
    """v3: whether a source is "you", outside quotation marks the writer speaking to the reader
    ("Can you imagine if ...", "But what do you expect?"), no attribution (issue 13)."""
    return source[1] - source[0] == 3 and text[source[0] : source[1]].lower() == "you"


_PERSONAL = frozenset(["he", "she", "they", "it", "we", "i", "you", "who", "which", "that"])
# Quantifiers are no names even when they open the sentence: "Several states have passed".
_QUANTIFIERS = frozenset(["some", "others", "many", "few", "several", "both", "all", "most"])


def is_named(source: str) -> bool:
    """A name or a personal pronoun: a subject, not a quantifier or a noun ("several states")."""
    head = source.rsplit(None, 1)[-1]
    lower = head.lower()
    return lower in _PERSONAL or (head[0].isupper() and lower not in _QUANTIFIERS)
