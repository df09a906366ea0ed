"""Shared per-sentence analysis: tokens, headline flag and capitalised runs (name candidates).

Every LF of the family proposes spans from the same runs, so that their votes land on the
same offsets and reinforce each other in aggregation (votes only combine on identical spans).
The analysis is computed once per sentence and cached in the document context.

A run is a maximal sequence of capitalised tokens, joined by name particles ("Ludwig van
Beethoven", "Joost van der Westhuizen"; issue 13), "&", hyphens without spaces ("Saint-Germain",
"Chester-le-Street"), initials ("J. K. Rowling") and "of"/"for" after a head word ("Bank of
England"); leading function words are dropped ("The Kremlin" -> "Kremlin"), a title splits it
("Ukrainian President Volodymyr Zelenskiy" -> "Ukrainian" + "Volodymyr Zelenskiy"), an opening
participle is cut off (opening.py) and a lone number may close it (numbered.py).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cache
from itertools import compress
from typing import NamedTuple

from builder.model import Sentence
from builder.prelabel.entities.chunk_tokens import columns, is_cap
from builder.prelabel.entities.lexicon import lexicon
from builder.prelabel.entities.numbered import LONE_NUMBER, numbered_run
from builder.prelabel.entities.opening import opening_participle
from builder.prelabel.lf import DocContext
from builder.prelabel.sentence_words import first_digit

_OPENERS = frozenset("\"'“‘(«[-–—:•*")
MAX_PARTICLES = 3  # "van der", "de la": lower-case particles between two parts of a name
MAX_TITLE = 4  # longest title in people.yaml, in words ("Deputy Prime Minister" + 1 spare)


@dataclass(slots=True)
class Run:
    """Slots, not a tuple: the heuristics read its fields some hundred times a sentence, a
    ``NamedTuple``'s through a descriptor call (some 23 ns; issue 14). Not changed once made."""

    start: int  # character offsets into the sentence text
    end: int
    first: int  # token indices, half-open
    last: int
    initial: bool  # starts the sentence (or a quote, or follows a colon): capitalised anyway
    after_title: bool  # a title preceded it inside the same capitalised sequence


@dataclass(slots=True)
class Analysis:
    """The tokens as columns (``words[k]`` the text of token ``k``, ``starts[k]`` and
    ``ends[k]`` its offsets; ``chunk_tokens.columns``), the headline flag and the runs.

    Slots, not frozen, as ``Run``: a frozen dataclass sets each field by ``object.__setattr__``
    (some 1 k instructions each, seven a sentence), and ``analyse`` makes it before its runs
    so that the run helpers read its columns (no ``Cols`` made a sentence; issue 14). Not
    changed once made, but for ``gaz``: the gazetteer's hits, found on first use (hits.py)."""

    text: str
    words: list[str]
    starts: list[int]
    ends: list[int]
    headline: bool  # written in capitals: capitalisation says nothing
    runs: list[Run]
    run_starts: list[int] = field(default_factory=list, repr=False, compare=False)
    gaz: list[tuple[int, int, str]] | None = field(default=None, repr=False, compare=False)
    numbered: int = -1  # where the number a run took starts (numbered.py), -1: none took one


class Cols(NamedTuple):
    """The token columns the run helpers read (an ``Analysis`` has them too)."""

    words: list[str]
    starts: list[int]
    ends: list[int]


_LOWER_WORD = re.compile(r"[a-z]{2}")
_UPPER_WORD = re.compile(r"[A-Z]{2}")


def is_headline(text: str) -> bool:
    """Written in capitals ("CRICKET - LEICESTERSHIRE TAKE OVER AT TOP"): no lower-case word
    (a lone "v" between team names is allowed). Regex scans are C loops: a Python loop over
    the characters cost more than all the gazetteers. The lower-case word is looked for
    first: most sentences hold one in their first few characters, where the scan for two
    capitals read every character of most (8% of the entity analysis)."""
    return _LOWER_WORD.search(text) is None and _UPPER_WORD.search(text) is not None


def _raw_runs(t: Cols | Analysis, caps: list[bool] | None = None) -> list[tuple[int, int]]:
    lex = lexicon()
    particles, of_heads = lex.particles, lex.of_heads
    words, starts, ends = t.words, t.starts, t.ends
    out: list[tuple[int, int]] = []
    # is_cap of every token once, in a comprehension: a call per token and per look-ahead
    # cost more than the rest of the loop. Runs start only at capitalised tokens.
    # (chunk_tokens.columns tells them as it cuts the tokens).
    if caps is None:
        caps = [w[0].isupper() and w[0].isalpha() for w in words]
    n = len(words)
    i = 0
    for i0 in compress(range(n), caps):
        if i0 < i:
            continue  # inside the run found last
        i = i0
        j = i + 1
        while j < n:
            if caps[j]:
                j += 1
                continue
            w = words[j]
            if w in particles:
                # "Joost van der Westhuizen", "Ronald de Boer": particles, then a name.
                k = j
                while k < n and k - j < MAX_PARTICLES and words[k] in particles:
                    k += 1
                if k < n and k - j < MAX_PARTICLES and caps[k]:
                    j = k + 1
                    continue
                break
            if w == "-" and _hyphen_particle(t, j):
                j += 4  # "Chester-le-Street", "Stratford-upon-Avon", "Ata-ur-Rehman"
                continue
            if j + 1 >= n or not caps[j + 1]:
                break
            glued = ends[j - 1] == starts[j] and ends[j] == starts[j + 1]
            if (
                (w in ("of", "for") and words[j - 1] in of_heads)
                or w == "&"
                or (w == "-" and glued)
                or (w == "." and len(words[j - 1]) == 1)
            ):
                j += 2
                continue
            break
        if _is_prefix(t, j):
            i = j  # "Anti-war", "Ex-minister": a capitalised prefix, not a name
            continue
        out.append((i, j))
        i = j
    return out


def _hyphen_particle(t: Cols | Analysis, j: int) -> bool:
    """Tokens ``j``.. are "-", a short lower-case word, "-" and a capitalised word, all glued
    to each other and to the word before (a name joined by a particle; issue 13)."""
    words, starts, ends = t.words, t.starts, t.ends
    if j + 3 >= len(words) or words[j + 2] != "-" or not is_cap(words[j + 3]):
        return False
    word = words[j + 1]
    glued = all(ends[k - 1] == starts[k] for k in range(j, j + 4))
    return glued and word.isalpha() and word.islower() and len(word) <= 4


def _is_prefix(t: Cols | Analysis, j: int) -> bool:
    """The run ends glued to "-" and a lower-case word."""
    words, starts, ends = t.words, t.starts, t.ends
    return (
        j + 1 < len(words)
        and words[j] == "-"
        and ends[j - 1] == starts[j] == ends[j] - 1
        and ends[j] == starts[j + 1]
        and words[j + 1][:1].islower()
    )


def _title_at(words: list[str], k: int, stop: int) -> int:
    """Length in tokens of the title starting at token ``k`` (0 if none)."""
    if words[k] not in _title_heads():
        return 0  # most words begin no title: no tuples of words to build
    titles = lexicon().titles
    for size in range(min(MAX_TITLE, stop - k), 0, -1):
        if tuple(words[k : k + size]) in titles:
            # "Mr." / "Dr." : the tokenizer splits the period off.
            if k + size < stop and words[k + size] == ".":
                size += 1
            return size
    return 0


@cache
def _title_heads() -> frozenset[str]:
    """The first words of the titles."""
    return frozenset(title[0] for title in lexicon().titles if title)


def _split(t: Cols | Analysis, i: int, j: int) -> list[tuple[int, int, bool]]:
    """Cut a raw run at titles followed by a name, and drop leading function words."""
    lex = lexicon()
    fw, suffixes = lex.function_words, lex.org_suffixes
    words, starts, ends = t.words, t.starts, t.ends
    parts: list[tuple[int, int, bool]] = []
    start, after_title, k = i, False, i
    while k < j:
        size = _title_at(words, k, j)
        # A title counts only before a name that is not an organisation ("Justice Department").
        if (
            size
            and k + size < j
            and is_cap(words[k + size])
            and ends[k + size - 1] < starts[k + size]  # "Saint-Germain" is one name
            and words[j - 1] not in suffixes
        ):
            if k > start:
                parts.append((start, k, after_title))
            start, after_title, k = k + size, True, k + size
        else:
            k += 1
    parts.append((start, j, after_title))
    out = []
    for a, b, titled in parts:
        while a < b and (words[a] in fw or words[a] == "."):
            a += 1
        if a < b:
            out.append((a, b, titled))
    return out


def _initial(words: list[str], i: int) -> bool:
    k = i - 1
    while k >= 0 and words[k] in _OPENERS:
        if words[k] in ":":
            return True
        k -= 1
    return k < 0 or words[k] in ".!?…"


def analyse(text: str) -> Analysis:
    starts, ends, words, caps = columns(text)
    headline = is_headline(text)
    runs: list[Run] = []
    t = Analysis(text, words, starts, ends, headline, runs)
    if not headline:
        heads, fw = _title_heads(), lexicon().function_words
        for i, j in _raw_runs(t, caps):
            k = i
            while k < j and words[k] not in heads:
                k += 1
            if k < j:  # a title may split the run
                for a, b, titled in _split(t, i, j):
                    initial = not titled and _initial(words, a)
                    runs.append(Run(starts[a], ends[b - 1], a, b, initial, titled))
                continue
            # No title (most runs): _split's answer without a call, and _initial's where no
            # opener precedes it.
            while i < j and (words[i] in fw or words[i] == "."):
                i += 1
            if i < j:
                if i == 0:
                    initial = True
                elif words[i - 1] in _OPENERS:
                    initial = _initial(words, i)
                else:
                    initial = words[i - 1] in ".!?…"
                if (  # "Combining SMFG, ...": a participle is no part of the name (opening.py)
                    initial
                    and j - i > 1
                    and words[i][-3:] == "ing"
                    and opening_participle(text, words, starts, i, j)
                ):
                    i, initial = i + 1, False
                runs.append(Run(starts[i], ends[j - 1], i, j, initial, False))
        if (
            (at := first_digit(text)) >= 0
            and LONE_NUMBER.match(text, at)  # the only number, the one a run may take
            and (k := numbered_run(text, words, starts, ends, runs)) >= 0
        ):
            r = runs[k]  # "Rossiya 24" (of "Rossiya 24 TV"): the number is the name's
            t.numbered = starts[r.last]
            runs[k] = Run(r.start, ends[r.last], r.first, r.last + 1, r.initial, r.after_title)
    t.run_starts = [r.start for r in runs]
    return t


def in_longer_run(a: Analysis, start: int, end: int) -> bool:
    """Whether a run longer than ``[start, end)`` holds it. Runs are in order and do not
    overlap: only the last one starting at or before ``start`` can hold a span (looking at
    every run for each gazetteer hit was quadratic in a sentence of thousands of names)."""
    if end <= start:  # an empty span may sit where two runs touch
        return any(
            r.start <= start and end <= r.end and r.end - r.start > end - start for r in a.runs
        )
    k = bisect_right(a.run_starts, start) - 1
    return k >= 0 and end <= a.runs[k].end and a.runs[k].end - a.runs[k].start > end - start


def analysis(sentence: Sentence, ctx: DocContext) -> Analysis:
    """The analysis of ``sentence``, computed by the first LF that asks for it (some twenty
    ask a sentence: the slot holds nothing but analyses, and the sentence's own text is the
    same string object; another equal text is analysed again, to the same analysis)."""
    cached: Analysis | None = ctx.state.get("entities.analysis")
    text = sentence.text
    if cached is not None and cached.text is text:
        return cached
    result = analyse(text)
    ctx.state["entities.analysis"] = result
    return result
