"""The literal text every match of a pattern holds: a substring test before a costly scan.

``claims.lexicon``'s set phrases ("easier said than", "^\\W*that said,") are one alternation
read with ``re.IGNORECASE`` around every "said" and "told": some 18 µs a look at 9 branches
in every position. Each branch here gives its longest run of plain characters ("easier said
than", "that said,"), lower-cased, which any match of that branch holds in some case: a
window with none of them in its lower-cased text has no match, and the scan is skipped.

Only ASCII runs count: with ``re.IGNORECASE`` a few characters outside ASCII match ASCII
letters ("ſ" an "s", the Kelvin sign a "k"; ``word_gates.FOLDS``), which ``str.lower`` does
not turn into them; a window with one of them is scanned as before.
"""

from __future__ import annotations

from collections.abc import Sequence

from builder.prelabel.re_parse import c, parsed

_MIN = 3  # a shorter run ("to") is in too many windows to spare a scan


def _longest_run(pattern: str, flags: int) -> str | None:
    """The longest run of consecutive literal ASCII characters at the top level of
    ``pattern`` (every match holds it), lower-cased; None when shorter than ``_MIN``."""
    items = parsed(pattern, flags)
    if items is None:
        return None  # not read: no key, so no test
    best, run = "", ""
    for op, av in items:
        if op is c.LITERAL and av < 128:
            run += chr(av)
            best = max(best, run, key=len)
        else:
            run = ""
    return best.lower() if len(best) >= _MIN else None


def literal_keys(branches: Sequence[str], flags: int = 0) -> tuple[str, ...] | None:
    """One lower-cased literal per branch of ``"|".join(branches)``, one of which is in every
    match (lower-cased); None when a branch has none (no test then)."""
    keys = [_longest_run(b, flags) for b in branches]
    if not all(keys):
        return None
    return tuple(sorted({k for k in keys if k}))
