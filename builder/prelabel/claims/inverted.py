"""The source after an inverted cue ('"...," said Michael Kofman, an expert.'): a name, a role
with an article, or a name after its title in lower case, with the apposition that ends the
sentence. Split from ``source.py`` (issue 13, sixth pass: it had passed 300 lines).
"""

from __future__ import annotations

import re

from builder.prelabel.claims import vocab as v
from builder.prelabel.claims.source import DAYS
from builder.prelabel.claims.spans import trim

# v6: a title's period ends no name: "recalled Mr. Obama talking about" names no speaker.
# v9: a party and state in parentheses after the name, as the source keeps it elsewhere ("said
# Rep. Joseph Crowley (D-N.Y.), a leading advocate"): one capitalised token in them.
_INVERTED = re.compile(
    r"\s+((?:the\s+|a\s+|an\s+)?[\w.'’&-]+(?:\s+[\w.'’&-]+){0,6}?"
    r"(?:\s*\([A-Z][^()\s]{0,15}\))?)\s*"
    r"(?:[,;]|(?<!Mr)(?<!Mrs)(?<!Ms)(?<!Dr)(?<!Sen)(?<!Rep)(?<!Gov)(?<!Gen)\.|$)"
)


_APPOSITION = re.compile(
    r"(\s*\([^()]{1,30}\)|,\s+(?![\w-]+ing\b|and\b|but\b|in\s+a\b)[^\"“”;:]{3,200}?)[\s.]*$"
)


# Words that open no title before a name: "said on Tuesday", "told reporters in Washington".
_NOT_TITLE = frozenset(["on", "in", "at", "to", "of", "for", "with", "by", "from", "last"])


def _titled(words: list[str]) -> bool:
    """v8: a name after one or two lower-case words of its title ("said widow Terry Strada",
    "said 9/11 widow Terry Strada", "said spokesman Nick Merrill"): a speaker."""
    lower = [w for w in words[:2] if not w[0].isupper()]
    names = words[len(lower) :]
    return (
        0 < len(lower) <= 2
        and 2 <= len(names) <= 4
        and _NOT_TITLE.isdisjoint(w.lower() for w in lower)
        and all(w[0].isupper() for w in names)
        and names[-1] not in DAYS
    )


def inverted_source(text: str, pos: int) -> tuple[int, int] | None:
    """``said Michael Kofman, an expert`` -> the name, when a name or role follows the cue."""
    m = _INVERTED.match(text, pos)
    if not m:
        return None
    words = m.group(1).split()
    if any(w.islower() and w.endswith(("ing", "ed", "n't", "n’t")) for w in words[1:]):
        return None  # v6: "recalled Mr. Obama talking about it": an object and its clause
    if words[0].rstrip(".") in DAYS:
        return None  # v6: 'McConnell, R-Ky., said Tuesday.': when, not who
    # v3: an article with a verb after it is a clause, not a speaker: "said the strike would".
    # v6: "said one Democratic source on the panel" too.
    article = words[0] in ("the", "a", "an", "one", "another") and v.AUXILIARIES.isdisjoint(words)
    if not (m.group(1)[0].isupper() or article or _titled(words)):
        return None
    # v6: PolNeAR's source keeps the apposition that ends the sentence: "said Len Burman,
    # head of the centrist Tax Policy Center." (not a chained ", adding that ...").
    tail = _APPOSITION.match(text, m.end(1))
    return trim(text, m.start(1), tail.end(1) if tail else m.end(1))
