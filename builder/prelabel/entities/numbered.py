"""A name and the number that belongs to it (the twelfth session, from the seeds' "Rossiya 24
TV"): "Radio 4's", "Channel 4 News", "Halo 2,", "G7": the run of capitals takes the number
when nothing says the number is a count, a score or a date of its own. It does not when:

- a mark or a word is glued to it ("24-18", "80%", "9/11"), a digit or a lower-case word
  follows ("Leicestershire 22 8 5", "England 245 all out", "Liverpool 2 points clear", "Q2
  loss"), or nothing (a table's line: "( Italy ) Aki 11"); a name and a number alone on a
  line are a scorer and a minute ("Byrne 33.", "Goals: Lena Brook 41.");
- a function word follows the number, a month among them ("Released 25 February"; a month or
  a day before it opens no run: "Saturday 20 August" is the date patterns');
- a year follows the sentence's first word alone or a season ("Unlike 2001,", "by Spring
  2005");
- the sentence holds another number: a line of results or of a table ("Chelsea 2 Arsenal 1",
  "Hajduk 2 Proleter ( Z ) 0", "7. Lena Brook ( Italy ) Aki 11"), or a minute in brackets
  ("( Nunez 56 )").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Protocol

from builder.prelabel.entities.lexicon import lexicon
from builder.prelabel.sentence_words import first_digit

MAX_DIGITS = 4  # "Windows 2000", "Euro 2004"; "1,200" and "2.5" are one token with a mark
# What may be glued after the name's number: a possessive or a mark that ends a phrase.
_ENDS = frozenset(["'", "’", ",", ".", ";", ":", "!", "?"])
# A number token (chunk_tokens._TOKEN's: "1,200", "2.5" are one) and no digit after it, from
# its first digit: the sentence's only number (one C scan; the caller asks it).
LONE_NUMBER = re.compile(r"\d+(?:[.,:]\d+)*\D*\Z")
_SEASONS = frozenset(["Spring", "Summer", "Autumn", "Fall", "Winter"])


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
            return k if takes_number(words, starts, ends, run.first, run.last) else -1
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
    if len(num) == MAX_DIGITS and j - i == 1 and (i == 0 or words[i] in _SEASONS):
        return False  # a year after the first word or a season: "Come 2020,", "by Spring 2005"
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
