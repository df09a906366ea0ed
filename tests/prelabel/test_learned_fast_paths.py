"""The learned layer's shortcuts against what they replace, kept here as references: a vote's
first token found from the token ends alone, the token shape by one translation, and a masked
token's records shared by the tokens of its kind (``features.masked_key``)."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Mapping, Sequence

from hypothesis import given, settings
from hypothesis import strategies as st

from builder.model import EntityVote, Vote
from builder.prelabel.learned.encoded import EncodedFeaturizer
from builder.prelabel.learned.features import (
    Featurizer,
    shape,
    vote_features,
    vote_strings,
)
from builder.segment.tokenizer import split_tokens

from .test_learned_encoded import CASING, WORDS, Every, heuristic_votes


def reference_marks(
    spans: Sequence[tuple[int, int]], votes: Mapping[str, Sequence[Vote]]
) -> tuple[list[list[str]], list[bool]]:
    """``mark_votes`` as it was (through 2026-12-06): a vote's first token found by a search
    of the tokens' starts."""
    n = len(spans)
    starts, ends = [s for s, _ in spans], [e for _, e in spans]
    rows: list[list[str]] = [[] for _ in spans]
    masked = [False] * n
    for name, vs in votes.items():
        if not vs or type(vs[0]) is not EntityVote:
            continue
        for v in vs:
            if not isinstance(v, EntityVote):
                continue
            first, last = bisect_left(starts, v.start), bisect_left(ends, v.end)
            if first == n or last == n or starts[first] != v.start or ends[last] != v.end:
                continue
            begin, inside = vote_strings(name, v.label)
            rows[first] += begin
            masked[first] = True
            for i in range(first + 1, last + 1):
                rows[i] += inside
                masked[i] = True
    return rows, masked


@st.composite
def text_and_votes(draw: st.DrawFn) -> tuple[str, dict[str, Sequence[Vote]]]:
    """A text of words, numbers, clitics, punctuation and odd spacing, and entity votes on
    any spans of it (token-aligned or not, empty or reversed)."""
    parts = st.sampled_from(WORDS) | st.text(max_size=6) | st.sampled_from(("  ", "\n", "'s"))
    text = "".join(draw(st.lists(parts, max_size=16)))
    votes = draw(heuristic_votes(text))
    spans, _ = split_tokens(text)
    if spans:  # votes from one token's start to another's end, in either order
        pick = st.integers(0, len(spans) - 1)
        pairs = draw(st.lists(st.tuples(pick, pick), max_size=4))
        votes["tok"] = [EntityVote(spans[i][0], spans[j][1], "ORG", 0.9, "tok") for i, j in pairs]
    return text, votes


@settings(max_examples=300)
@given(text_and_votes())
def test_a_votes_first_token_found_from_the_ends_alone(
    case: tuple[str, dict[str, Sequence[Vote]]],
) -> None:
    text, votes = case
    spans, tokens = split_tokens(text)
    assert vote_features(spans, votes) == reference_marks(spans, votes)
    every = Every()
    fast = EncodedFeaturizer(CASING, every.records).vote_rows([e for _, e in spans], tokens, votes)
    assert (every.decode(fast[0]), fast[1]) == reference_marks(spans, votes)


def reference_shape(token: str) -> str:
    """``shape`` as it was (through 2026-12-06)."""
    s = re.sub("[0-9]", "d", re.sub("[a-z]", "x", re.sub("[A-Z]", "X", token)))
    out: list[str] = []
    for ch in s:
        if not out or out[-1] != ch:
            out.append(ch)
    return "".join(out)[:6]


@given(
    st.sampled_from(WORDS)
    | st.text()
    | st.text("aZ9.-Éß\u0130xX d", max_size=12)
    | st.from_regex(r"[A-Z]?[a-z]+|[A-Z]+|[0-9]+", fullmatch=True)  # shapes told without a map
)
def test_the_shape_is_the_three_substitutions(token: str) -> None:
    assert shape(token) == reference_shape(token)


# Tokens of few shapes and casings: many share a masked token's kind
alike = st.lists(
    st.sampled_from(("Zorbex", "Quillon", "Vodafone", "Zeta", "BBC", "IBM", "Xy", "3%", "U.S.")),
    min_size=1,
    max_size=12,
)


@given(alike, st.data())
def test_a_masked_token_has_the_records_of_its_own_features(
    tokens: list[str], data: st.DataObject
) -> None:
    masked = data.draw(st.lists(st.booleans(), min_size=len(tokens), max_size=len(tokens)))
    every = Every()
    featurizer = EncodedFeaturizer(CASING, every.records)
    votes = [b""] * len(tokens)
    expected = Featurizer(CASING).sentence(tokens, [[] for _ in tokens], masked)
    for _ in range(2):  # each token's parts new (or of its kind), then cached
        assert every.decode(featurizer.sentence(tokens, votes, masked)) == expected
