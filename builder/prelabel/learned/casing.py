"""What the user's own corpus says about a capitalised word, as features that need no labels.

A name stays capitalised wherever it stands; a common word is capitalised only at the start of
a sentence or in a headline. Counted over every sentence of the corpus (no labels), per word:

- how often it is written lower case (``lower``): "The", "Shares" are; "Vodafone" never is;
- how often it is capitalised in the middle of a sentence (``mid``) and at its start (``init``):
  a word seen capitalised only sentence-initially is a common word;
- how often it follows "the" (``the``): organisations and places do ("the Fed"), people do not.

Each ratio is binned into a few coarse steps so that the CRF learns from the bin, not the word:
what it learns for "Vodafone" carries over to a company it never saw named by a heuristic.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping

from builder.segment.tokenizer import split_tokens

MIN_SEEN = 2  # capitalised occurrences a word needs before its statistics mean anything
_THE = frozenset(("the", "The", "THE"))


def _bin(share: float) -> str:
    return "0" if share == 0 else "1" if share < 0.1 else "2" if share < 0.5 else "3"


def casing_table(texts: Iterable[str]) -> dict[str, str]:
    """Word (as written, capitalised) -> its binned statistics, ``"lower/init/the/freq"``:
    only words seen capitalised at least ``MIN_SEEN`` times. Deterministic (sorted)."""
    mid: Counter[str] = Counter()
    init: Counter[str] = Counter()
    lower: Counter[str] = Counter()
    after_the: Counter[str] = Counter()
    for text in texts:
        _, tokens = split_tokens(text)
        previous = ""
        for i, token in enumerate(tokens):
            first = token[:1]
            if first.islower():
                lower[token] += 1
            elif first.isupper() and not token.isupper():
                if i == 0 or previous in ('"', "“", "'", "‘", "(", "-", ":"):
                    init[token] += 1
                else:
                    mid[token] += 1
                    after_the[token] += previous in _THE
            previous = token
    table: dict[str, str] = {}
    for word in sorted(set(mid) | set(init)):
        seen = mid[word] + init[word]
        if seen < MIN_SEEN:
            continue
        low = lower[word.lower()]
        freq = "0" if seen < 5 else "1" if seen < 50 else "2"
        table[word] = "/".join(
            (
                _bin(low / (low + seen)),
                _bin(init[word] / seen),
                _bin(after_the[word] / mid[word]) if mid[word] else "n",
                freq,
            )
        )
    return table


def casing_features(table: Mapping[str, str], token: str) -> list[str]:
    """The token's corpus statistics as CRF features (none for an unseen word)."""
    stats = table.get(token)
    if stats is None:
        return ["cs=unseen"] if token[:1].isupper() else []
    low, init, the, freq = stats.split("/")
    return [f"cs.low={low}", f"cs.init={init}", f"cs.the={the}", f"cs.freq={freq}"]
