"""The third speed pass (issue 14): entity tokens by white-space chunks, the cue fallback gated
on the sentence's shared words, entities aggregated as tuples give what the plain ways gave."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from builder.model import EntityVote
from builder.prelabel import aggregate
from builder.prelabel.claims import fallback, fallback_words
from builder.prelabel.entity_choice import aggregate_entities, chosen_entities
from builder.prelabel.sentence_words import lower_words
from tests.prelabel.test_fast_paths import entity_votes
from tests.prelabel.token_records import plain_tokens, tokens
from tests.text_strategies import UNUSUAL

SPACES = [" ", "  ", "\t", "\n", "\u00a0", "\u2003", "\x1c"]
PIECES = ["U.S.", "O'Brien", "it's", "3,000.5", "_x_", "—", "Russia's", "said,", "(BBC)", "a-b"]
spaced_texts = st.lists(
    st.tuples(
        st.sampled_from([*PIECES, *UNUSUAL]) | st.text(max_size=6),
        st.sampled_from(SPACES),
    ),
    max_size=30,
).map(lambda parts: "".join(word + space for word, space in parts).strip(" "))


@given(spaced_texts)
def test_entity_tokens_by_chunks_are_those_of_finditer(text: str) -> None:
    """Single spaces or any other white space, a chunk cut afresh or remembered (the chunks
    of ``chunk_tokens.columns``: the tokens of ``finditer`` over the whole text)."""
    expected = plain_tokens(text)
    assert tokens(text) == expected
    assert tokens(text) == expected  # every chunk's cut remembered now


CUES = ["said", "Said", "SAID", "says", "warned", "Warns", "told", "ſaid", "İsaid", "said’s"]
cue_texts = st.lists(
    st.sampled_from([*CUES, *PIECES, *UNUSUAL, "-", "'", "’"]) | st.text(max_size=4),
    max_size=20,
).map(lambda words: "".join(words))


@given(cue_texts)
def test_fallback_gate_skips_no_sentence_with_a_cue(text: str) -> None:
    """A sentence whose ``_WORD``s hold a cue form has one among its lower-case words."""
    words = fallback._WORD.findall(text)
    assert words == [m.group() for m in fallback._WORD.finditer(text)]
    if not fallback_words.any_cue().isdisjoint(words):
        assert not fallback_words.any_cue_lower().isdisjoint(lower_words(text))


Plain = tuple[int, int, str, float, tuple[str, ...]]  # (start, end, label, score, heuristics)


def _plain_entities(votes: list[EntityVote], priors: dict[str, float]) -> list[Plain]:
    """The entity choice written plainly, the reference of the fast path: per span the label
    of the best noisy-or score (then the larger label); best first (score, longer, leftmost,
    label), each span kept that overlaps none kept before; in the order of their starts."""
    by_span: dict[tuple[int, int], dict[str, list[EntityVote]]] = {}
    for v in votes:
        by_span.setdefault((v.start, v.end), {}).setdefault(v.label, []).append(v)
    candidates: list[Plain] = []
    for (start, end), labels in by_span.items():
        score, label = max(
            (aggregate._noisy_or([priors.get(v.lf, 0.5) * v.score for v in vs]), name)
            for name, vs in labels.items()
        )
        lfs = tuple(sorted({v.lf for v in labels[label]}))
        candidates.append((start, end, label, round(score, 4), lfs))
    candidates.sort(key=lambda c: (-c[3], c[0] - c[1], c[0], c[2]))
    taken: list[Plain] = []
    for c in candidates:
        if all(c[1] <= t[0] or c[0] >= t[1] for t in taken):
            taken.append(c)
    return sorted(taken, key=lambda c: c[0])


@given(entity_votes)
def test_chosen_entities_are_the_aggregated_entities(votes: list[EntityVote]) -> None:
    priors = {"a": 0.9, "b": 0.5, "c": 0.0}
    chosen, pairs = chosen_entities(votes, priors)
    as_tuples = _plain_entities(votes, priors)
    assert as_tuples == [
        (e.start, e.end, e.label, e.score, e.heuristics) for e in aggregate_entities(votes, priors)
    ]
    assert [(c[2], c[4], c[3], -c[0], c[5]) for c in chosen] == as_tuples
    assert pairs == len({(v.start, v.end, v.label) for v in votes})


@given(
    st.lists(
        st.floats(allow_nan=True, allow_infinity=True) | st.sampled_from([-0.0, 1.0]), max_size=6
    )
)
def test_noisy_or_clamps_as_min_and_max(weights: list[float]) -> None:
    """A weight in [0, 1] skips min() and max(): the same float, NaN and -0.0 included."""
    miss = 1.0
    for w in weights:
        miss *= 1.0 - min(max(w, 0.0), 1.0)
    assert repr(aggregate._noisy_or(weights)) == repr(1.0 - miss)
