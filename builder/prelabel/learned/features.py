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

import re
from collections.abc import Mapping, Sequence

from builder.model import EntityVote, Vote
from builder.prelabel.learned.casing import casing_features

_UPPER = re.compile(r"[A-Z]")
_LOWER = re.compile(r"[a-z]")
_DIGIT = re.compile(r"[0-9]")
_CACHE_MAX = 200_000  # distinct tokens whose features are kept; beyond it, computed each time


def shape(token: str) -> str:
    """ "Vodafone" -> "Xx", "BBC" -> "X", "1996" -> "d", "U.S." -> "X.X.": runs collapsed."""
    s = _DIGIT.sub("d", _LOWER.sub("x", _UPPER.sub("X", token)))
    out: list[str] = []
    for ch in s:
        if not out or out[-1] != ch:
            out.append(ch)
    return "".join(out)[:6]


class Featurizer:
    """Feature lists per token, from a casing table (word -> binned statistics)."""

    def __init__(self, casing: Mapping[str, str]) -> None:
        self.casing = casing
        self._own: dict[tuple[str, bool], list[str]] = {}
        self._near: dict[tuple[str, bool], tuple[list[str], ...]] = {}

    def own(self, token: str, masked: bool) -> list[str]:
        key = (token, masked)
        got = self._own.get(key)
        if got is None:
            sh = shape(token)
            got = [f"s={sh}", f"len={min(len(token), 8)}", *casing_features(self.casing, token)]
            if not masked:
                low = token.lower()
                got += [f"w={low}", f"p3={low[:3]}", f"x3={low[-3:]}", f"x2={low[-2:]}"]
            if len(self._own) < _CACHE_MAX:
                self._own[key] = got
        return got

    def near(self, token: str, masked: bool) -> tuple[list[str], ...]:
        """What the token tells its neighbours at -2, -1, +1, +2."""
        key = (token, masked)
        got = self._near.get(key)
        if got is None:
            sh = shape(token)
            word = "<name>" if masked else token.lower()
            got = tuple(
                [f"{at}w={word}", f"{at}s={sh}"] if at in ("-1", "+1") else [f"{at}w={word}"]
                for at in ("-2", "-1", "+1", "+2")
            )
            if len(self._near) < _CACHE_MAX:
                self._near[key] = got
        return got

    def sentence(
        self, tokens: Sequence[str], votes: Sequence[list[str]], masked: Sequence[bool]
    ) -> list[list[str]]:
        """Every token's features: its own, its neighbours', its votes (``vote_features``)."""
        n = len(tokens)
        near = [self.near(t, m) for t, m in zip(tokens, masked, strict=True)]
        rows: list[list[str]] = []
        for i, token in enumerate(tokens):
            row = ["b", *self.own(token, masked[i]), *votes[i]]
            row += near[i - 2][0] if i >= 2 else ["-2w=<s>"]
            row += near[i - 1][1] if i >= 1 else ["-1w=<s>"]
            row += near[i + 1][2] if i + 1 < n else ["+1w=</s>"]
            row += near[i + 2][3] if i + 2 < n else ["+2w=</s>"]
            if i >= 1 and not masked[i - 1]:  # the cue word before ("of", "said", "the")
                row.append(f"bi={tokens[i - 1].lower()}|{shape(token)}")
            rows.append(row)
        return rows


def token_index(spans: Sequence[tuple[int, int]]) -> tuple[dict[int, int], dict[int, int]]:
    """Start offset -> token index, end offset -> token index."""
    return {s: i for i, (s, _) in enumerate(spans)}, {e: i for i, (_, e) in enumerate(spans)}


def vote_features(
    spans: Sequence[tuple[int, int]],
    votes: Mapping[str, Sequence[Vote]],
) -> tuple[list[list[str]], list[bool]]:
    """Per token: the votes covering it (each heuristic's label, B or I) and whether any
    heuristic voted on it (its identity is then masked)."""
    starts, ends = token_index(spans)
    rows: list[list[str]] = [[] for _ in spans]
    masked = [False] * len(spans)
    for name, vs in votes.items():
        for v in vs:
            if not isinstance(v, EntityVote):
                continue
            first, last = starts.get(v.start), ends.get(v.end)
            if first is None or last is None:
                continue
            for i in range(first, last + 1):
                rows[i].append(f"v={'B' if i == first else 'I'}-{v.label}")
                rows[i].append(f"lf={name}:{v.label}")
                masked[i] = True
    return rows, masked


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


def entities_of(
    tags: Sequence[str], spans: Sequence[tuple[int, int]]
) -> list[tuple[int, int, str]]:
    """``(start, end, label)`` of the entities a BIO sequence tags (an I without its B opens
    one)."""
    out: list[tuple[int, int, str]] = []
    open_at, label = -1, ""
    for i, tag in enumerate([*tags, "O"]):
        if open_at >= 0 and (tag == "O" or tag.startswith("B-") or tag[2:] != label):
            out.append((spans[open_at][0], spans[i - 1][1], label))
            open_at = -1
        if tag != "O" and open_at < 0:
            open_at, label = i, tag[2:]
    return out
