"""Span helpers of the attribution extractor that stay cheap on long sentences.

The extractor looks at the text around every cue: trimming a span, counting its words. Done by
walking or slicing the text, each look costs the length of the span, and with a cue every few
words a long sentence took quadratic time (issue 16). Here a look reads a few characters in
place, and past them asks an index of the runs of trimmable characters or of words, built once
per text: a binary search.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from functools import lru_cache

from builder.prelabel.claims.as_words import as_clause, as_phrase, said_before
from builder.prelabel.claims.vocab import TRIM

_TRIM_RUN = re.compile(f"[{re.escape(TRIM)}]+")
_TRIM_END_RUN = re.compile(f"[{re.escape(TRIM)}.]+")  # a span's end also loses its periods
_WORD = re.compile(r"\S+")  # a word of ``str.split()``
_SHORT = 16  # trimming this many characters is done in place, without the index
_NEAR = 64  # the words of a span's first characters are counted in place

Runs = tuple[list[int], list[int]]  # starts, ends


def _runs(pattern: re.Pattern[str], text: str) -> Runs:
    starts: list[int] = []
    ends: list[int] = []
    for m in pattern.finditer(text):
        starts.append(m.start())
        ends.append(m.end())
    return starts, ends


@lru_cache(maxsize=8)
def _trim_runs(text: str) -> Runs:
    return _runs(_TRIM_RUN, text)


@lru_cache(maxsize=8)
def _trim_end_runs(text: str) -> Runs:
    return _runs(_TRIM_END_RUN, text)


@lru_cache(maxsize=8)
def _word_runs(text: str) -> Runs:
    return _runs(_WORD, text)


def trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    """``[start, end)`` without surrounding spaces, quote marks and commas (and periods at its
    end); None if empty."""
    stop = min(end, start + _SHORT)
    while start < stop and text[start] in TRIM:
        start += 1
    if start == stop and start < end:  # a long run: jump to its end
        starts, ends = _trim_runs(text)
        start = min(end, ends[bisect_right(starts, start) - 1])
    stop = max(start, end - _SHORT)
    while end > stop and (text[end - 1] in TRIM or text[end - 1] == "."):
        end -= 1
    if end == stop and end > start:
        starts, ends = _trim_end_runs(text)
        k = bisect_right(starts, end - 1) - 1
        if k >= 0 and ends[k] >= end:  # ``end - 1`` is in a run: jump to its start
            end = max(start, starts[k])
    return (start, end) if end > start else None


def has_words(text: str, start: int, end: int, n: int) -> bool:
    """Whether ``text[start:end].split()`` has at least ``n`` words."""
    stop = min(end, start + _NEAR)
    # Most spans show their first words at once: split at most n - 1 times, in C (``\S+`` and
    # str.split read the same white space; n >= 1).
    if len(text[start:stop].split(None, n - 1)) >= n:
        return True
    if stop == end:
        return False
    starts, ends = _word_runs(text)  # a long first word: count in the index
    first = bisect_right(ends, start)  # the first word that ends after ``start``
    last = bisect_left(starts, end)  # the first word that starts at or after ``end``
    return last - first >= n


# Nouns that end like an adverb: "the family said".
_NOT_ADVERBS = frozenset(
    [
        "family",
        "ally",
        "rally",
        "assembly",
        "supply",
        "reply",
        "monopoly",
        "bully",
        "elderly",
        "daily",
        "weekly",
        "monthly",
        "quarterly",
        "only",
        "early",
    ]
)


def adverb(word: str) -> bool:
    """A lower-case "-ly" adverb: "openly", "aggressively" (not "family")."""
    return len(word) > 4 and word.endswith("ly") and word.islower() and word not in _NOT_ADVERBS


_BLANK = " \t\u00a0"


_CLITIC = re.compile(r"['’](?:s|ve|re|d|ll)$")


def widen_left(text: str, start: int, words: frozenset[str], most: int = 4) -> int:
    """``start`` moved left over up to ``most`` words of ``words`` (or "n't" forms) that sit
    right before it: PolNeAR's cue keeps the auxiliaries and adverbs, "has also said", "did
    not respond". Each step reads a dozen characters at most, so a cue costs O(1)."""
    for _ in range(most):
        i = start
        while i > 0 and start - i < 3 and text[i - 1] in _BLANK:
            i -= 1
        j = i
        while j > 0 and i - j <= 12 and (text[j - 1].isalpha() or text[j - 1] in "'’"):
            j -= 1
        word = text[j:i].lower()
        if i == start or j == i or (j > 0 and not text[j - 1].isspace()):
            break
        if (clitic := _CLITIC.search(word)) and clitic.start() > 0:
            return j + clitic.start()  # v3: "He’s claiming": the cue is "’s claiming"
        # v2 (cue v6): "-ly" adverbs too, "openly admires", "has steadfastly refused".
        if word not in words and not word.endswith(("n't", "n’t")) and not adverb(word):
            break
        start = j
    return start


# A preposition PolNeAR keeps in the cue ("called for", "described as", "talked about").
_PARTICLE = re.compile(r"[ \t\u00a0]+(?:for|as|about|against)(?![\w'’-])")


# Particles that belong to one verb's cue, as PolNeAR draws them: the verb's forms, then the
# particle. v3: "called on police to release" (not before a name: "called on Smith"); "did not
# rule out a tax rise".
_VERB_PARTICLES = (
    (
        ("call", "calls", "called", "calling"),
        re.compile(r"[ \t\u00a0]+on(?![\w'’-])(?![ \t\u00a0]+[A-Z])"),
    ),
    (("rule", "rules", "ruled", "ruling"), re.compile(r"[ \t\u00a0]+out(?![\w'’-])")),
)


# ``_PARTICLE`` can match only where a blank follows ``end`` and then a blank, an "f" or an
# "a": most cues are followed by a blank and another word, and the look at two characters
# spares the pattern's call (issue 14, tenth session; the particles of test_claims.py).
_AFTER_BLANK = _BLANK + "fa"


def widen_right(text: str, end: int, *, colon: bool = True) -> int:
    """``end`` moved right over a particle of the verb and over a colon ("said:")."""
    gated = text[end : end + 1] in _BLANK and text[end + 1 : end + 2] in _AFTER_BLANK
    m = _PARTICLE.match(text, end) if gated else None
    if m and m.group().endswith("as"):  # (twelfth session: nor before a clause of time)
        as_at = m.end() - 2
        if said_before(text, end) or as_clause(text, as_at) or as_phrase(text, as_at):
            m = None
    if m:
        end = m.end()
    else:
        verb = text[max(0, end - 7) : end].lower()
        for forms, particle in _VERB_PARTICLES:
            if verb.endswith(forms) and (m := particle.match(text, end)):
                end = m.end()
                break
    return end + 1 if colon and text[end : end + 1] == ":" else end


def merged_runs(spans: Sequence[tuple[int, int]]) -> Runs:
    """The spans as disjoint runs in order (starts, ends), asked by binary search: a line of
    thousands of attributions made a scan of every span for each word quadratic (issue 16)."""
    starts: list[int] = []
    ends: list[int] = []
    for s, e in sorted(spans):
        if ends and s <= ends[-1]:
            ends[-1] = max(ends[-1], e)
        else:
            starts.append(s)
            ends.append(e)
    return starts, ends


def in_runs(runs: Runs, start: int, end: int) -> bool:
    """Whether ``[start, end)`` shares a character with a run of ``merged_runs``."""
    starts, ends = runs
    k = bisect_left(starts, end) - 1  # the last run starting before ``end``
    return k >= 0 and ends[k] > start
