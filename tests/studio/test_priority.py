"""Task priority: conflict, uncertainty, rarity, substance, and novelty as a distance."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from builder.model import Sentence
from builder.studio.priority import (
    _NO_WORDS,
    COPY_FACTOR,
    NEAR,
    _jaccard,
    _shingles,
    nearest,
    novelty_factor,
    priorities,
)

BASE = "The harbour council voted to rebuild the storm wall before the winter season."


def _sentence(i: int, text: str, doc: str | None = None) -> Sentence:
    return Sentence(f"s{i}", doc or f"d{i}", 0, 0, len(text), text)


def _record(sentiment: float = 0.9, conflicts: int = 0, **extra: Any) -> dict[str, Any]:
    return {
        "entities": extra.get("entities", []),
        "claims": [],
        "check_worthy": {"label": "no", "score": 0.9},
        "sentiment": {"label": "neutral", "score": sentiment},
        "conflicts": {"entities": conflicts, "claims": 0, "check_worthy": 0, "sentiment": 0},
    }


def test_overruled_heuristics_raise_the_priority() -> None:
    sentences = [_sentence(0, "Prices rose in the north."), _sentence(1, "Rain fell on the coast.")]
    out = priorities(sentences, {"s0": _record(conflicts=2), "s1": _record()})
    assert out["s0"][0] > out["s1"][0]
    assert "conflict" in out["s0"][1] and "conflict" not in out["s1"][1]


def test_novelty_is_a_distance_not_a_flag() -> None:
    copy = BASE
    close = BASE.replace("winter season", "winter storms")  # most trigrams shared
    far = "Unrelated words about a football match in the capital city today."
    sentences = [_sentence(i, t) for i, t in enumerate([BASE, copy, close, far])]
    similar = nearest(sentences)
    assert similar["s1"] == 1.0
    assert NEAR <= similar["s2"] < 1.0
    assert "s0" not in similar and "s3" not in similar  # first of its kind, and unlike any
    out = priorities(sentences, {s.id: _record() for s in sentences})
    assert out["s1"][0] == pytest.approx(out["s0"][0] * COPY_FACTOR, abs=1e-4)
    assert out["s1"][0] < out["s2"][0] < out["s0"][0]
    assert "near-duplicate 1.00" in out["s1"][1]


def test_a_sentence_like_an_annotated_one_goes_down() -> None:
    sentences = [_sentence(0, BASE.replace("winter season", "winter storms"))]
    records = {"s0": _record()}
    alone = priorities(sentences, records)["s0"][0]
    after = priorities(sentences, records, annotated=[BASE])["s0"][0]
    assert after < alone


@given(st.floats(0.0, 1.0))
def test_the_novelty_factor_falls_from_one_to_the_copy_factor(similarity: float) -> None:
    factor = novelty_factor(similarity)
    assert COPY_FACTOR - 1e-9 <= factor <= 1.0
    assert factor == 1.0 or similarity > NEAR
    assert novelty_factor(1.0) == pytest.approx(COPY_FACTOR)


texts = st.lists(
    st.lists(
        st.sampled_from(
            ["the", "storm", "council", "rebuilt", "harbour", "wall", "prices", "rose"]
        ),
        min_size=1,
        max_size=12,
    ).map(" ".join),
    min_size=1,
    max_size=12,
)


@given(
    texts,
    st.lists(st.floats(0.0, 1.0), min_size=12, max_size=12),
    st.lists(st.integers(0, 4), min_size=12, max_size=12),
)
def test_priorities_are_between_zero_and_one_and_deterministic(
    items: list[str], scores: list[float], conflicts: list[int]
) -> None:
    sentences = [_sentence(i, t) for i, t in enumerate(items)]
    records = {s.id: _record(scores[i], conflicts[i]) for i, s in enumerate(sentences)}
    out = priorities(sentences, records, annotated=items[:2])
    assert set(out) == {s.id for s in sentences}
    assert all(0.0 <= value <= 1.0 for value, _ in out.values())
    assert out == priorities(sentences, records, annotated=items[:2])


def test_sentences_without_words_are_not_copies_of_each_other() -> None:
    sentences = [_sentence(0, "?"), _sentence(1, "?"), _sentence(2, "—")]
    assert nearest(sentences) == {}
    out = priorities(sentences, {s.id: _record() for s in sentences})
    assert len({value for value, _ in out.values()}) == 1
    assert not any("near-duplicate" in why for _, why in out.values())


def _datasketch_nearest(sentences: list[Sentence], annotated: list[str]) -> dict[str, float]:
    """``nearest`` as it was written with datasketch's index, one MinHash per text."""
    from datasketch import MinHash, MinHashLSH

    lsh = MinHashLSH(threshold=NEAR, num_perm=64)
    kept: dict[str, frozenset[str]] = {}
    out: dict[str, float] = {}
    copies: set[frozenset[str]] = set()
    keyed = [(f"a{i}", t, False) for i, t in enumerate(sorted(set(annotated)))]
    for key, text, is_sentence in keyed + [(s.id, s.text, True) for s in sentences]:
        shingles = _shingles(text)
        if shingles == _NO_WORDS or (shingles in copies and not is_sentence):
            continue
        if shingles in copies:
            out[key] = 1.0
            continue
        copies.add(shingles)
        mh = MinHash(num_perm=64, seed=1)
        mh.update_batch([s.encode() for s in sorted(shingles)])
        if is_sentence:
            best = max((_jaccard(shingles, kept[k]) for k in lsh.query(mh)), default=0.0)
            if best >= NEAR:
                out[key] = round(best, 4)
        kept[key] = shingles
        lsh.insert(key, mh)
    return out


@given(texts, texts)
def test_the_neighbours_are_those_of_datasketchs_index(items: list[str], done: list[str]) -> None:
    sentences = [_sentence(i, t) for i, t in enumerate(items)]
    assert nearest(sentences, done) == _datasketch_nearest(sentences, done)
