"""The tagger's fast path: the features of ``features.py`` as bytes, a sentence's rows built in
one pass.

CRFsuite reads every feature as a byte string: handed ``str``, python-crfsuite encodes each of
the 250 or so strings of a sentence on every call. Here a distinct token's feature lists are
encoded once and kept (``token_lists``, then bytes), a vote's strings likewise, and a sentence's
rows are put together by one comprehension over the token lists shifted by the window, the
sentence's edges standing as two padding entries on either side.

The rows are the plain path's (``Featurizer.sentence``, which training uses) encoded, string for
string and in the same order: CRFsuite sums a token's feature weights in that order, so the
same order is the same floating-point scores, tags and marginals
(tests/prelabel/test_learned_encoded.py holds them to it).
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence

from builder.model import Vote
from builder.prelabel.learned.features import mark_votes, token_lists, vote_strings

_CACHE_MAX = 200_000  # distinct tokens (per masking) kept; beyond it, encoded each time
# Own features, then what the token tells -2, -1, +1, +2: tuples of bytes, which the garbage
# collector stops tracking (lists it would walk at every full collection: 200,000 of them
# for the 34,000 distinct tokens of corpus/bbc).
Lists = tuple[tuple[bytes, ...], ...]
_LEFT: Lists = ((), (b"-2w=<s>",), (b"-1w=<s>",), (), ())  # before the first token
_RIGHT: Lists = ((), (), (), (b"+1w=</s>",), (b"+2w=</s>",))  # after the last


@functools.cache
def encoded_vote_strings(name: str, label: str) -> tuple[tuple[bytes, ...], tuple[bytes, ...]]:
    """``vote_strings`` as bytes."""
    begin, inside = vote_strings(name, label)
    return tuple([s.encode() for s in begin]), tuple([s.encode() for s in inside])


_NO_VOTE: tuple[bytes, ...] = ()


def vote_rows(
    spans: Sequence[tuple[int, int]], votes: Mapping[str, Sequence[Vote]]
) -> tuple[list[tuple[bytes, ...]], list[bool]]:
    """``vote_features`` encoded: the same strings in the same order per token, as tuples, a
    token without a vote sharing one empty tuple (most tokens: no list each)."""
    rows = [_NO_VOTE] * len(spans)
    return rows, mark_votes(spans, votes, rows, encoded_vote_strings)


class EncodedFeaturizer:
    """Per-token feature lists as bytes, from a casing table; two caches, masked or not, so
    that a token's lookup needs no key tuple."""

    def __init__(self, casing: Mapping[str, str]) -> None:
        self.casing = casing
        self._plain: dict[str, Lists] = {}
        self._masked: dict[str, Lists] = {}

    def lists(self, token: str, masked: bool) -> Lists:
        cache = self._masked if masked else self._plain
        got = cache.get(token)
        if got is None:
            got = tuple(
                tuple([s.encode() for s in part])
                for part in token_lists(self.casing, token, masked)
            )
            if len(cache) < _CACHE_MAX:
                cache[token] = got
        return got

    def sentence(
        self, tokens: Sequence[str], votes: Sequence[Sequence[bytes]], masked: Sequence[bool]
    ) -> list[list[bytes]]:
        """Every token's features: its own, its votes, its neighbours' (-2, -1, +1, +2)."""
        plain, hidden, miss = self._plain, self._masked, self.lists
        w = [
            (hidden if m else plain).get(t) or miss(t, m)
            for t, m in zip(tokens, masked, strict=True)
        ]
        w = [_LEFT, _LEFT, *w, _RIGHT, _RIGHT]
        # One list display per row: half the time of five concatenations. The shifted lists
        # run past the last token (strict=False); ``votes``, one per token, ends the rows.
        return [
            [*own[0], *v, *m2[1], *m1[2], *p1[3], *p2[4]]
            for m2, m1, own, p1, p2, v in zip(w, w[1:], w[2:], w[3:], w[4:], votes, strict=False)
        ]
