"""Token features for the entity sequence model (a linear-chain CRF over a sentence's tokens).

Per token: its shape, affixes and identity; the corpus's casing statistics (``casing.py``);
the same for the two tokens either side; and the heuristics' votes that cover it (each
heuristic's label, B or I).

Trained on the heuristics' own output, a model that sees a word's identity learns to repeat the
gazetteers. So the identity (word, affixes) of a token that some heuristic voted on is *masked*:
the model must learn what such tokens look like from their shape, their casing statistics, the
words around them and the votes. A name no heuristic knows has no identity feature either (the
model never saw it), so it is read exactly like a masked one: by its context ("shares of X",
"X said on Tuesday") and its casing. That is where the model can add what the rules miss.

Every feature string of a token depends on the token alone (and whether it is masked), so the
lists are built once per distinct token and reused: this runs for every sentence of
`builder prelabel --model` and must cost little next to the heuristics.
"""

from __future__ import annotations

import functools
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Mapping, Sequence, Sized
from dataclasses import dataclass
from itertools import compress, groupby
from operator import itemgetter
from string import ascii_lowercase, ascii_uppercase, digits
from typing import TypeVar

from builder.model import EntityVote, Vote
from builder.prelabel.learned.casing import casing_features

_SHAPES = str.maketrans(
    {**dict.fromkeys(ascii_uppercase, "X"), **dict.fromkeys(ascii_lowercase, "x")}
    | dict.fromkeys(digits, "d")
)
_FIRST = itemgetter(0)
_CACHE_MAX = 200_000  # distinct tokens whose features are kept; beyond it, computed each time


def shape(token: str) -> str:
    """ "Vodafone" -> "Xx", "BBC" -> "X", "1996" -> "d", "U.S." -> "X.X.": runs collapsed.
    ASCII letters and digits only (``[A-Z]``, ``[a-z]``, ``[0-9]``), mapped at once: what is
    mapped is never mapped again (tests/prelabel/test_learned_encoded.py holds it to the three
    substitutions and the loop it replaced). Most tokens are a word of ASCII letters in one of
    three casings, or a number: their shapes are told by ``str``'s tests, without a mapping."""
    if token.isascii():
        if token.isalpha():
            if token.islower():
                return "x"
            if token.isupper():
                return "X"
            if token[1:].islower() and token[0].isupper():
                return "Xx"
        elif token.isdigit():
            return "d"
    return "".join(map(_FIRST, groupby(token.translate(_SHAPES))))[:6]


def masked_key(casing: Mapping[str, str], token: str) -> tuple[str, str | bool]:
    """All that a masked token's features (``token_lists``) depend on: its shape, and its
    casing statistics or, for a word the table does not hold, whether it is capitalised."""
    stats = casing.get(token)
    return shape(token), token[:1].isupper() if stats is None else stats


_EDGE = (["-2w=<s>"], ["-1w=<s>"], ["+1w=</s>"], ["+2w=</s>"])  # beyond the sentence


def token_lists(casing: Mapping[str, str], token: str, masked: bool) -> tuple[list[str], ...]:
    """The token's own features, then what it tells its neighbours at -2, -1, +1, +2."""
    sh = shape(token)
    own = ["b", f"s={sh}", *casing_features(casing, token)]
    word = "<name>" if masked else token.lower()
    if not masked:
        own += [f"w={word}", f"x3={word[-3:]}"]
    return (
        own,
        [f"-2w={word}"],
        [f"-1w={word}", f"-1s={sh}"],
        [f"+1w={word}", f"+1s={sh}"],
        [f"+2w={word}"],
    )


class Featurizer:
    """Feature lists per token, from a casing table (word -> binned statistics)."""

    def __init__(self, casing: Mapping[str, str]) -> None:
        self.casing = casing
        self._cache: dict[tuple[str, bool], tuple[list[str], ...]] = {}

    def lists(self, token: str, masked: bool) -> tuple[list[str], ...]:
        """The token's own features, then what it tells its neighbours at -2, -1, +1, +2."""
        key = (token, masked)
        got = self._cache.get(key)
        if got is None:
            got = token_lists(self.casing, token, masked)
            if len(self._cache) < _CACHE_MAX:
                self._cache[key] = got
        return got

    def sentence(
        self, tokens: Sequence[str], votes: Sequence[list[str]], masked: Sequence[bool]
    ) -> list[list[str]]:
        """Every token's features: its own, its neighbours', its votes (``vote_features``)."""
        n = len(tokens)
        lists = [self.lists(t, m) for t, m in zip(tokens, masked, strict=True)]
        rows: list[list[str]] = []
        for i in range(n):
            row = lists[i][0] + votes[i]
            row += lists[i - 2][1] if i >= 2 else _EDGE[0]
            row += lists[i - 1][2] if i >= 1 else _EDGE[1]
            row += lists[i + 1][3] if i + 1 < n else _EDGE[2]
            row += lists[i + 2][4] if i + 2 < n else _EDGE[3]
            rows.append(row)
        return rows


@functools.cache
def vote_strings(name: str, label: str) -> tuple[list[str], list[str]]:
    """The features of a vote on its first token and on the others (built once)."""
    return [f"v=B-{label}", f"lf={name}:{label}"], [f"v=I-{label}", f"lf={name}:{label}"]


def token_index(spans: Sequence[tuple[int, int]]) -> tuple[dict[int, int], dict[int, int]]:
    """Start offset -> token index, end offset -> token index."""
    n = len(spans)
    return (
        dict(zip(map(itemgetter(0), spans), range(n), strict=True)),
        dict(zip(map(itemgetter(1), spans), range(n), strict=True)),
    )


def vote_features(
    spans: Sequence[tuple[int, int]], votes: Mapping[str, Sequence[Vote]]
) -> tuple[list[list[str]], list[bool]]:
    """Per token: the votes covering it (each heuristic's label, B or I) and whether any
    heuristic voted on it (its identity is then masked). The tagger's encoded copy:
    ``EncodedFeaturizer.vote_rows``."""
    rows: list[list[str]] = [[] for _ in spans]
    # ``mark_votes`` reads a token's length only: a range of its offsets has it, no text needed
    ends, widths = [e for _, e in spans], [range(s, e) for s, e in spans]
    return rows, mark_votes(ends, widths, votes, rows, vote_strings)


R = TypeVar("R", list[str], bytes)


def mark_votes(
    ends: Sequence[int],
    tokens: Sequence[Sized],
    votes: Mapping[str, Sequence[Vote]],
    rows: list[R],
    strings: Callable[[str, str], tuple[R, R]],
) -> list[bool]:
    """Adds to ``rows`` (one per token: the tokens' ``ends`` increasing, a token starting at
    its end less its length) the ``strings`` of the entity votes covering each token, in the
    order of the heuristics and their votes; returns the tokens voted on. A vote that does not
    start and end on token boundaries is left out.

    The token a vote starts on is the first that ends after the vote's start, if that token
    starts there: tokens are not empty and do not overlap, so a token starting at ``s`` ends
    after ``s`` and every token before it ends at ``s`` or before (no list of starts needed;
    tests/prelabel/test_learned_encoded.py holds it to a search of the starts)."""
    n = len(ends)
    masked = [False] * n
    for name, vs in filter(itemgetter(1), votes.items()):  # the heuristics that voted
        if type(vs[0]) is not EntityVote:  # a heuristic votes for one layer
            continue
        for v in vs:
            if not isinstance(v, EntityVote):
                continue
            first, last = bisect_right(ends, v.start), bisect_left(ends, v.end)
            if first == n or last == n or ends[last] != v.end:
                continue
            if ends[first] - len(tokens[first]) != v.start:
                continue
            begin, inside = strings(name, v.label)
            rows[first] += begin
            masked[first] = True
            for i in range(first + 1, last + 1):
                rows[i] += inside
                masked[i] = True
    return masked


def bio(spans: Sequence[tuple[int, int]], entities: Sequence[Mapping[str, object]]) -> list[str]:
    """BIO tags of the tokens from entity dicts (``start``, ``end``, ``label``); an entity
    that does not align to tokens is left out."""
    starts, ends = token_index(spans)
    tags = ["O"] * len(spans)
    for ent in entities:
        first, last = starts.get(int(str(ent["start"]))), ends.get(int(str(ent["end"])))
        if first is None or last is None or any(t != "O" for t in tags[first : last + 1]):
            continue
        tags[first] = f"B-{ent['label']}"
        for i in range(first + 1, last + 1):
            tags[i] = f"I-{ent['label']}"
    return tags


@dataclass(frozen=True)
class LabelTable:
    """A tag set indexed by id: which id is ``O``, which begin an entity (``B-``), and the
    entity label of each."""

    outside: int  # -1 when there is no "O"
    begins: tuple[bool, ...]
    labels: tuple[str, ...]

    @classmethod
    def of(cls, tags: Sequence[str]) -> LabelTable:
        out = tags.index("O") if "O" in tags else -1
        return cls(out, tuple(t.startswith("B-") for t in tags), tuple(t[2:] for t in tags))


def entity_runs(tags: Sequence[str]) -> list[tuple[int, int, str]]:
    """``(first token, last token, label)`` of the entities a BIO sequence tags (an I without
    its B opens one)."""
    names = sorted(set(tags))
    index = {name: i for i, name in enumerate(names)}
    return label_runs([index[t] for t in tags], LabelTable.of(names))


def label_runs(tags: Sequence[int], table: LabelTable) -> list[tuple[int, int, str]]:
    """``entity_runs`` of tag ids: an entity goes on over the next token while it is tagged
    inside (not O, not B) with the entity's label."""
    out: list[tuple[int, int, str]] = []
    begins, labels = table.begins, table.labels
    open_at = last = -1
    label = ""
    for i in compress(range(len(tags)), map(table.outside.__ne__, tags)):
        tag = tags[i]
        if open_at >= 0 and (i != last + 1 or begins[tag] or labels[tag] != label):
            out.append((open_at, last, label))
            open_at = -1
        if open_at < 0:
            open_at, label = i, labels[tag]
        last = i
    if open_at >= 0:
        out.append((open_at, last, label))
    return out


def entities_of(
    tags: Sequence[str], spans: Sequence[tuple[int, int]]
) -> list[tuple[int, int, str]]:
    """``(start, end, label)`` of the entities a BIO sequence tags."""
    return [(spans[i][0], spans[j][1], label) for i, j, label in entity_runs(tags)]
