"""The tagger's fast path: the features of ``features.py`` as CRFsuite's attribute records, a
sentence's rows built in one pass.

A feature string stands for its record (``native.RECORD``: the model's id for it, the value
1.0; nothing for a string the model does not know, which CRFsuite leaves out anyway), looked up
once. A distinct token's five parts (``token_lists``: its own features, then what it tells the
tokens at -2, -1, +1, +2) are kept as five runs of records, a vote's likewise, and a sentence's
row of a token is the join of six pieces (own, votes, -2, -1, +1, +2): the sentence's token
parts transposed into five columns by ``zip`` and shifted by the window by slicing (no bytecode
a token), the sentence's edges standing as two padding entries on either side.

The rows are the plain path's (``Featurizer.sentence``, which training uses), string for string
and in the same order: CRFsuite sums a token's feature weights in that order, so the same order
is the same floating-point scores, tags and marginals (tests/prelabel/test_learned_encoded.py
holds them to it).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence

from builder.model import Vote
from builder.prelabel.learned.features import (
    mark_votes,
    masked_key,
    token_lists,
    vote_strings,
)

_CACHE_MAX = 200_000  # distinct tokens (per masking) kept; beyond it, encoded each time
# Own features, then what the token tells -2, -1, +1, +2: bytes, which the garbage collector
# does not track.
Parts = tuple[bytes, bytes, bytes, bytes, bytes]


class EncodedFeaturizer:
    """Per-token parts as records, from a casing table and the model's ``records`` of feature
    strings; two caches, masked or not, so that a token's lookup needs no key tuple."""

    def __init__(
        self, casing: Mapping[str, str], records: Callable[[Iterable[str]], bytes]
    ) -> None:
        self.casing = casing
        self.records = records  # feature strings -> their records, in their order
        self._plain: dict[str, Parts] = {}
        self._masked: dict[str, Parts] = {}
        # Masked tokens by ``masked_key``: their parts are those of any token of that key
        self._alike: dict[object, Parts] = {}
        self._votes: dict[tuple[str, str], tuple[bytes, bytes]] = {}
        # The sentence's edges, two entries on either side of its tokens' parts (``sentence``):
        # before it, "<s>" as the -2 and -1 neighbour of the first tokens; after it, "</s>" as
        # the +1 and +2 neighbour of the last ones.
        edge = self.records
        before: Parts = (b"", edge(["-2w=<s>"]), edge(["-1w=<s>"]), b"", b"")
        after: Parts = (b"", b"", b"", edge(["+1w=</s>"]), edge(["+2w=</s>"]))
        self._left2, self._right2 = (before, before), (after, after)

    def lists(self, token: str, masked: bool) -> Parts:
        cache = self._masked if masked else self._plain
        got = cache.get(token)
        if got is None:
            key = masked_key(self.casing, token) if masked else None
            got = self._alike.get(key) if masked else None  # a masked token of its kind
            if got is None:
                own, m2, m1, p1, p2 = map(self.records, token_lists(self.casing, token, masked))
                got = (own, m2, m1, p1, p2)
                if masked and len(self._alike) < _CACHE_MAX:
                    self._alike[key] = got
            if len(cache) < _CACHE_MAX:
                cache[token] = got
        return got

    def vote(self, name: str, label: str) -> tuple[bytes, bytes]:
        """``vote_strings`` as records."""
        got = self._votes.get((name, label))
        if got is None:
            begin, inside = vote_strings(name, label)
            got = self._votes[name, label] = (self.records(begin), self.records(inside))
        return got

    def vote_rows(
        self, ends: Sequence[int], tokens: Sequence[str], votes: Mapping[str, Sequence[Vote]]
    ) -> tuple[list[bytes], list[bool]]:
        """``vote_features`` as records: the same strings in the same order per token."""
        rows = [b""] * len(ends)
        return rows, mark_votes(ends, tokens, votes, rows, self.vote)

    def sentence(
        self, tokens: Sequence[str], votes: Sequence[bytes], masked: Sequence[bool]
    ) -> list[bytes]:
        """Every token's records: its own, its votes, its neighbours' (-2, -1, +1, +2)."""
        plain, hidden, miss = self._plain, self._masked, self.lists
        w = [
            (hidden if m else plain).get(t) or miss(t, m)
            for t, m in zip(tokens, masked, strict=True)
        ]
        # The parts transposed in C (a column each, the sentence's edges two entries on either
        # side), the columns shifted by slicing: no bytecode a token. ``votes``, one per token,
        # ends the rows (the shifted columns run past the last token: strict=False).
        own, m2, m1, p1, p2 = zip(*self._left2, *w, *self._right2, strict=True)
        pieces = zip(own[2:], votes, m2, m1[1:], p1[3:], p2[4:], strict=False)
        return list(map(b"".join, pieces))
