"""The source after an inverted cue ('"...," said Tom Reedman, an expert.'): a name, a role
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
# Rep. Jo Crane (D-Ore.), a leading advocate"): one capitalised token in them.
_SPEAKER = (
    r"\s+((?:the\s+|a\s+|an\s+)?[\w.'’&-]+(?:\s+[\w.'’&-]+){0,9}?"
    r"(?:\s*\([A-Z][^()\s]{0,15}\))?)\s*"
    r"(?:[,;]|(?<!Mr)(?<!Mrs)(?<!Ms)(?<!Dr)(?<!Sen)(?<!Rep)(?<!Gov)(?<!Gen)\.|$"
)
_INVERTED = re.compile(_SPEAKER + ")")
# v10: after a quotation, the speaker may end before a frame: '"...," said Ann Roe in a
# statement' (not elsewhere: "urged farmers to vote in the election" names no speaker).
_FRAMED = re.compile(_SPEAKER + r"|(?=(?:in|during)\s+(?:a|an|the|his|her|its|their)\s))")
_RELATIVE = frozenset(["who", "which", "that"])


_APPOSITION = re.compile(
    r"(\s*\([^()]{1,30}\)|,\s+(?![\w-]+ing\b|and\b|but\b|in\s+a\b)[^\"“”;:]{3,200}?)[\s.]*$"
)


# Words that open no title before a name: "said on Tuesday", "told reporters in Washington".
_NOT_TITLE = frozenset(["on", "in", "at", "to", "of", "for", "with", "by", "from", "last"])


def _titled(words: list[str]) -> bool:
    """v8: a name after one or two lower-case words of its title ("said widow Terry Vale",
    "said flood widow Terry Vale", "said spokesman Nick Hale"): a speaker. v10: a title of
    up to four lower-case words, capitalised ones among them, before a name of two or more
    ("said former county clerk Ann Roe", "said former Leeds adviser Ann Roe")."""
    lower = [w for w in words if not w[0].isupper()]
    return (
        0 < len(lower) <= 4
        and len(words) - len(lower) >= 2
        and all(w[0].isupper() for w in words[-2:])
        and _NOT_TITLE.isdisjoint(w.lower() for w in lower[:1] + [w for w in lower if w != "of"])
        and v.AUXILIARIES.isdisjoint(lower)  # v10: "said they should ask Ann Roe": a clause
        and lower[0] not in v.SUBJECTS
        and words[-1] not in DAYS
    )


def inverted_source(text: str, pos: int, quoted: bool = False) -> tuple[int, int] | None:
    """``said Tom Reedman, an expert`` -> the name, when a name or role follows the cue
    (``quoted``: after a quotation, where a frame may follow the name)."""
    m = (_FRAMED if quoted else _INVERTED).match(text, pos)
    if not m:
        return None
    words = m.group(1).split()
    if quoted and not _RELATIVE.isdisjoint(words):
        return None  # v10: 'said a woman who took part in the study': a relative clause
    if any(w.islower() and w.endswith(("ing", "ed", "n't", "n’t")) for w in words[1:]):
        return None  # v6: "recalled Mr. Obama talking about it": an object and its clause
    if words[0].rstrip(".") in DAYS:
        return None  # v6: 'McConnell, R-Ky., said Tuesday.': when, not who
    # v3: an article with a verb after it is a clause, not a speaker: "said the strike would".
    # v6: "said one Democratic source on the panel" too.
    article = words[0] in ("the", "a", "an", "one", "another") and v.AUXILIARIES.isdisjoint(words)
    if len(words) - (words[0] in ("the", "a", "an")) > 7 and not _titled(words):
        return None  # v10: a long speaker only as a title and a name
    if not (m.group(1)[0].isupper() or article or _titled(words)):
        return None
    # v6: PolNeAR's source keeps the apposition that ends the sentence: "said Lena Brook,
    # head of the centrist Tax Policy Center." (not a chained ", adding that ...").
    tail = _APPOSITION.match(text, m.end(1))
    return trim(text, m.start(1), tail.end(1) if tail else m.end(1))


def named_apposition(text: str, named: tuple[int, int]) -> bool:
    """v10: whether ``named`` is a name and its apposition, ("Ann Roe, a farmer", "Ann Roe, who
    farms near Leeds"): a capitalised name of up to five words, no "-ly" adverb, before a
    comma, and no finite verb after it. Before a cue, what follows the cue is then its object
    ("Ann Roe, a farmer, told Radio Leeds", "..., rejected Hale's claim"), no inverted speaker
    ("Currently, the project can take months, says Mr Dean": a clause, no name)."""
    words = text[named[0] : named[1]].split()
    head = next((i for i, w in enumerate(words) if w.endswith(",")), -1)
    return (
        0 <= head < 5
        and head + 1 < len(words)
        and all(w[0].isupper() for w in words[: head + 1])
        and not words[head].rstrip(",").endswith("ly")
        and v.AUXILIARIES.isdisjoint(w.lower().strip(",") for w in words[head + 1 :])
    )
