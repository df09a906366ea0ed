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
_NAME = "<name>"  # a masked token's word (``token_lists``)


class EncodedFeaturizer:
    """Per-token parts as records, from a casing table and the model's ``records`` of feature
    strings; two caches, masked or not, so that a token's lookup needs no key tuple."""

    def __init__(
        self,
        casing: Mapping[str, str],
        records: Callable[[Iterable[str]], bytes],
        known: Mapping[str, bytes] | None = None,
    ) -> None:
        self.casing = casing
        self.records = records  # feature strings -> their records, in their order
        # The record of every string the model knows, where a string it does not know has none
        # and one without a NUL is looked up whole (``NativeTagger.known``): a word's strings
        # are then looked up one by one, without ``records``' list and join for each.
        self._known = known
        self._plain: dict[str, Parts] = {}
        self._masked: dict[str, Parts] = {}
        # By ``masked_key``: the records of a token's own strings but its word's, and of its
        # shape for -1 and +1; by word: the records of its strings (``_parts``)
        self._kinds: dict[object, tuple[bytes, bytes, bytes]] = {}
        self._words: dict[str, Parts] = {}
        self._name = self._word(_NAME)
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
            got = self._parts(token, masked)
            if len(cache) < _CACHE_MAX:
                cache[token] = got
        return got

    def _parts(self, token: str, masked: bool) -> Parts:
        """``token_lists`` as records, joined from the records of what its strings depend on:
        the token's kind (its shape and casing: ``masked_key``) and its word (lower case, or
        ``<name>`` when masked), each encoded once (a list's records are its strings' records
        one after the other). A token seen first costs a few look-ups, not some ten strings
        formatted and looked up in the model (most of the layer's cost in a run's first
        thousands of sentences)."""
        key = masked_key(self.casing, token)
        kind = self._kinds.get(key)
        if kind is None:
            own, _, m1, p1, _ = token_lists(self.casing, token, True)
            kind = (self.records(own), self.records(m1[1:]), self.records(p1[1:]))
            if len(self._kinds) < _CACHE_MAX:
                self._kinds[key] = kind
        if masked:
            _, m2, m1w, p1w, p2 = self._name  # a masked token's own strings: its kind's
            return kind[0], m2, m1w + kind[1], p1w + kind[2], p2
        word = token.lower()
        got = self._words.get(word)
        if got is None:
            got = self._word(word)
            if len(self._words) < _CACHE_MAX:
                self._words[word] = got
        w, m2, m1w, p1w, p2 = got
        return kind[0] + w, m2, m1w + kind[1], p1w + kind[2], p2

    def _word(self, word: str) -> Parts:
        """The records of a word's strings: its own (with its last three letters), then what
        it tells -2, -1, +1, +2."""
        known = self._known
        if known is not None and "\0" not in word:
            get = known.get
            return (
                get(f"w={word}", b"") + get(f"x3={word[-3:]}", b""),
                get(f"-2w={word}", b""),
                get(f"-1w={word}", b""),
                get(f"+1w={word}", b""),
                get(f"+2w={word}", b""),
            )
        records = self.records
        return (
            records((f"w={word}", f"x3={word[-3:]}")),
            records((f"-2w={word}",)),
            records((f"-1w={word}",)),
            records((f"+1w={word}",)),
            records((f"+2w={word}",)),
        )

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
