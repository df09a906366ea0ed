"""The claim sequence model at work: one sentence's tokens in, claim votes out."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterable, Mapping, Sequence

from builder.model import ClaimVote, Span, Vote
from builder.prelabel.learned.claim_features import (
    CONTEXT,
    PARTS,
    attributions,
    quoted,
    vote_parts,
)
from builder.prelabel.learned.features import shape
from builder.prelabel.learned.tagger import open_tagger
from builder.segment.tokenizer import split_tokens


class ClaimTagger:
    """A trained claim CRF (CRFsuite bytes) and the words it learned as cues.

    The model tags a sentence only where one of those words occurs (``claim_model.gate_words``:
    words mostly tagged as cues where they stand): a word the model never saw as a cue it
    hardly tags as one, and the gate spares the tagging of some two sentences in five of
    corpus/bbc. On PolNeAR the gate changes no figure (bench/learned_claims.py)."""

    def __init__(
        self, crf: bytes, name: str, cue_words: Iterable[str], native: bool = True
    ) -> None:
        self.name = name
        self.crf = open_tagger(crf, native)
        self.cue_words = frozenset(cue_words)
        self._labels = list(self.crf.labels)
        self.encoder = ClaimEncoder(self.crf.records)

    def votes(self, text: str, votes: Mapping[str, Sequence[Vote]]) -> list[ClaimVote]:
        """The claims the model tags in ``text`` that the heuristics' ``votes`` on it miss
        (no claim vote's cue or content overlaps their cue), each scored by the marginal
        probability of its cue's first tag; ``direct`` when the whole content stands inside
        quotation marks.

        Only what they miss: where a heuristic found a claim, its reading of it stood better
        on PolNeAR than the model's or a merge of the two (bench/learned_claims.py)."""
        spans, tokens = split_tokens(text)
        if self.cue_words.isdisjoint([t.lower() for t in tokens]):
            return []
        voted, names = vote_parts(spans, votes, self.name)
        crf = self.crf
        rows = self.encoder.rows(tokens, voted, names)
        ids = crf.tag(rows)
        found = attributions([self._labels[i] for i in ids])
        if found:  # the heuristics' claims are gathered only where the model found one
            heard = _heard(votes, self.name)
            found = [c for c in found if not heard.covers(spans[c[0][0]][0], spans[c[0][1]][1])]
        if not found:
            return []
        firsts = [cue[0] for cue, _, _ in found]
        scores = crf.marginals([ids[i] for i in firsts], firsts)
        inside = quoted(tokens)

        def span(run: tuple[int, int]) -> Span:
            return Span(spans[run[0]][0], spans[run[1]][1])

        return [
            ClaimVote(
                span(content),
                None if source is None else span(source),
                span(cue),
                all(inside[content[0] : content[1] + 1]),
                round(score, 4),
                self.name,
            )
            for (cue, source, content), score in zip(found, scores, strict=True)
        ]


class _Heard:
    """The character ranges of the heuristics' claim votes (cues and contents), merged where
    they overlap and sorted: whether a range overlaps one of them is a binary search."""

    def __init__(self, ranges: list[tuple[int, int]]) -> None:
        merged: list[tuple[int, int]] = []
        for start, end in sorted(r for r in ranges if r[0] < r[1]):
            if merged and start < merged[-1][1]:
                merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
            else:
                merged.append((start, end))
        self._starts = [s for s, _ in merged]
        self._merged = merged

    def covers(self, start: int, end: int) -> bool:
        """Whether ``[start, end)`` shares a character with a heard range."""
        at = bisect_left(self._starts, end)  # the ranges starting before ``end``
        return at > 0 and self._merged[at - 1][1] > start


def _heard(votes: Mapping[str, Sequence[Vote]], skip: str) -> _Heard:
    """The cues and contents of every claim vote but ``skip``'s (the model's own)."""
    return _Heard(
        [
            (part.start, part.end)
            for name, vs in votes.items()
            if name != skip and vs and type(vs[0]) is ClaimVote  # a heuristic votes one layer
            for v in vs
            if isinstance(v, ClaimVote)
            for part in (v.cue, v.claim)
            if part is not None
        ]
    )


_CACHE_MAX = 200_000  # distinct tokens, words, strings kept; beyond it, encoded each time


class ClaimEncoder:
    """``claim_features.features`` as CRFsuite's attribute records, string for string and in
    the same order (CRFsuite sums a token's weights in that order: the same order is the same
    scores), without formatting and looking up some twenty strings a token: a token's own
    strings, a word's strings as each neighbour, and every other string are encoded once
    (a list's records are its strings' records one after the other)."""

    def __init__(self, records: Callable[[Iterable[str]], bytes]) -> None:
        self.records = records
        self._own: dict[str, bytes] = {}  # token -> "b", w=, s=, x3=
        self._near: dict[str, tuple[bytes, ...]] = {}  # word -> its "{d}w=" for each d
        self._shape: dict[str, tuple[bytes, bytes]] = {}  # token -> its -1s=, +1s=
        self._one: dict[str, bytes] = {}  # any other string
        # What a word beyond the sentence tells a token at each distance (``CONTEXT``'s order).
        self._edges = tuple(records([f"{d}w=<s>"]) for d in CONTEXT)
        # A token's vote tag, as its own and as its neighbours' (``part_tags``' tags).
        tags = ["O", *(f"{p}-{label}" for _, label in PARTS for p in "BI")]
        self._tag = {
            t: (records([f"v={t}"]), records([f"-1v={t}"]), records([f"+1v={t}"])) for t in tags
        }
        self._quoted = (records(["q=0"]), records(["q=1"]))

    def _string(self, string: str) -> bytes:
        got = self._one.get(string)
        if got is None:
            got = self.records([string])
            if len(self._one) < _CACHE_MAX:
                self._one[string] = got
        return got

    def _token(self, token: str) -> tuple[bytes, tuple[bytes, ...], tuple[bytes, bytes]]:
        own, near, shapes = self._own.get(token), None, self._shape.get(token)
        word = token.lower()
        if own is None or shapes is None:
            sh = shape(token)
            own = self.records(["b", f"w={word}", f"s={sh}", f"x3={word[-3:]}"])
            shapes = (self.records([f"-1s={sh}"]), self.records([f"+1s={sh}"]))
            if len(self._own) < _CACHE_MAX:
                self._own[token], self._shape[token] = own, shapes
        near = self._near.get(word)
        if near is None:
            near = tuple(self.records([f"{d}w={word}"]) for d in CONTEXT)
            if len(self._near) < _CACHE_MAX:
                self._near[word] = near
        return own, near, shapes

    def rows(
        self, tokens: Sequence[str], voted: Sequence[str], names: Sequence[list[str]]
    ) -> list[bytes]:
        """Every token's records (``features``' strings, encoded), in columns: a token's own
        records, its quotation, its vote, its heuristics, its neighbours' words (the words'
        records shifted by slicing, the sentence's edges as padding), its neighbours' shapes
        and votes; each row the join of its columns."""
        n = len(tokens)
        if not n:
            return []
        parts = [self._token(t) for t in tokens]
        one = self._string
        edges = self._edges
        near = list(zip(*[edges] * 3, *(p[1] for p in parts), *[edges] * 3, strict=True))
        context = [near[k][3 + d : 3 + d + n] for k, d in enumerate(CONTEXT)]
        shapes = [p[2] for p in parts]
        tag = list(map(self._tag.__getitem__, voted))  # ``part_tags``' tags, all known
        left = [one("first")]
        left += [s[0] + t[1] for s, t in zip(shapes[:-1], tag[:-1], strict=True)]
        right = [s[1] + t[2] for s, t in zip(shapes[1:], tag[1:], strict=True)]
        right.append(b"")
        columns = (
            [p[0] for p in parts],
            list(map(self._quoted.__getitem__, quoted(tokens))),
            [t[0] for t in tag],
            [b"".join(map(one, ns)) if ns else b"" for ns in names],
            *context,
            left,
            right,
        )
        return list(map(b"".join, zip(*columns, strict=True)))
