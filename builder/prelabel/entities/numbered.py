"""A name and the number that belongs to it (the twelfth session, from the seeds' "Rossiya 24
TV", where the run takes "Rossiya 24"): "Radio 4's", "Channel 4,", "Halo 2.", "G7": the run
of capitals takes the number when nothing says the number is a count, a score or a date of
its own. It does not when:

- a mark or a word is glued to it ("24-18", "80%", "9/11"), a digit or a lower-case word
  follows ("Leicestershire 22 8 5", "England 245 all out", "Liverpool 2 points clear", "Q2
  loss"), or nothing (a table's line: "( Italy ) Aki 11"); a name and a number alone on a
  line are a scorer and a minute ("Byrne 33.", "Goals: Lena Brook 41.");
- a function word follows the number, a month among them ("Released 25 February"; a month or
  a day before it opens no run: "Saturday 20 August" is the date patterns');
- it stands between two places the gazetteer knows, a comma or none between: teams named by
  their towns, a score line ("Portsmouth 1 Southampton nil", "Portsmouth 1, Southampton");
- a year follows the sentence's first word alone, a season or a holiday ("Unlike 2001,", "by
  Spring 2005", "Christmas 2004"); a name's year stays ("Windows 2000", "Euro 2004");
- the sentence holds another number: a line of results or of a table ("Chelsea 2 Arsenal 1",
  "Hajduk 2 Proleter ( Z ) 0", "7. Lena Brook ( Italy ) Aki 11"), or a minute in brackets
  ("( Nunez 56 )").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Protocol

from builder.prelabel.entities import gazetteer
from builder.prelabel.entities.lexicon import lexicon
from builder.prelabel.sentence_words import first_digit

MAX_DIGITS = 4  # "Windows 2000", "Euro 2004"; "1,200" and "2.5" are one token with a mark
# What may be glued after the name's number: a possessive or a mark that ends a phrase.
_ENDS = frozenset(["'", "’", ",", ".", ";", ":", "!", "?"])
# A number token (chunk_tokens._TOKEN's: "1,200", "2.5" are one) and no digit after it, from
# its first digit: the sentence's only number (one C scan; the caller asks it).
LONE_NUMBER = re.compile(r"\d+(?:[.,:]\d+)*\D*\Z")
# A year after one of them is a date's: "by Spring 2005", "at Christmas 2004" (the review of
# the twelfth session's rules; a name's year stays: "Windows 2000", "Euro 2004", "Film 2005").
_TIMES = frozenset(
    {
        *("Spring", "Summer", "Autumn", "Fall", "Winter", "Christmas", "Easter", "Xmas", "Lent"),
        *("Advent", "Whitsun", "Passover", "Ramadan", "Eid", "Diwali", "Hanukkah", "Thanksgiving"),
    }
)


def _score_line(text: str, words: list[str], starts: list[int], i: int, j: int) -> bool:
    """Whether the number token ``j`` after the one word ``i`` stands between two places the
    gazetteer knows, a comma or none between: teams named by their towns, a score line
    ("Portsmouth 1 Southampton nil", "Portsmouth 1, Southampton nil"). The gazetteer is read
    only for that shape, rare: "BBC 6 Music", "Fathers 4 Justice", "Maroon 5, Mary J Blige"
    name no place before the number and keep it (corpus/bbc)."""
    k = j + 2 if j + 2 < len(words) and words[j + 1] == "," else j + 1
    if j - i != 1 or not words[k][:1].isupper() or not words[i][1:2].islower():
        return False
    places = {s for s, _, label in gazetteer.spans(text) if label in ("GPE", "LOC")}
    return starts[i] in places and starts[k] in places


class _Ran(Protocol):
    """What :func:`numbered_run` reads of a run (``analysis.Run``)."""

    first: int
    last: int


def numbered_run(
    text: str, words: list[str], starts: list[int], ends: list[int], runs: Sequence[_Ran]
) -> int:
    """The index of the run that takes the sentence's number, or -1, in a sentence that holds
    one number (the caller asks ``first_digit``, remembered for the numeric patterns, and
    ``LONE_NUMBER``): one with several (a line of results or a table) joins none (issue 14: a
    look at the token after every run cost 1% of the entity family)."""
    at = first_digit(text)  # (remembered for the text: the numeric patterns ask it too)
    n = len(words)
    for k, run in enumerate(runs):
        if run.last < n and starts[run.last] == at:
            if not takes_number(words, starts, ends, run.first, run.last):
                return -1
            return -1 if _score_line(text, words, starts, run.first, run.last) else k
    return -1


def takes_number(words: list[str], starts: list[int], ends: list[int], i: int, j: int) -> bool:
    """Whether the number token ``j``, the sentence's only one, belongs to the run of tokens
    ``i``..``j``."""
    n = len(words)
    num = words[j]
    if not num.isdigit() or len(num) > MAX_DIGITS or starts[j] > ends[j - 1] + 1:
        return False
    if words[j - 1] in lexicon().law_suffixes:
        return False  # "the Human Rights Act 1998": the law's suffix types it (misc_suffix)
    if len(num) == MAX_DIGITS and j - i == 1 and (i == 0 or words[i] in _TIMES):
        return False  # a year after the first word or a season: "Come 2020,", "Christmas 2004"
    if j + 1 >= n:
        return False  # a line that ends on a number with no mark: a table's ("( Italy ) Aki 11")
    if j + 2 >= n and (i == 0 or words[i - 1] == ":"):
        return False  # a name and a number alone on a line: a scorer's minute ("Byrne 33.")
    nxt = words[j + 1]
    if ends[j] == starts[j + 1] and nxt not in _ENDS:
        return False  # "24-18", "80%", "3/4", "4pm"
    if nxt[:1].isdigit() or nxt == ")":
        return False
    # (glued too: "Q2 loss", "H1 results" are periods, "T3 prison" a place)
    return not (nxt[:1].islower() or nxt in lexicon().function_words)
