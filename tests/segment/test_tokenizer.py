"""The word tokenizer: exact offsets, full coverage, and the splits BIO alignment needs."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from builder.segment.tokenizer import boundaries, split_tokens, tokenize
from tests.text_strategies import long_lists


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("Russia's invasion", ["Russia", "'s", "invasion"]),
        ("Twitter’s policy", ["Twitter", "’s", "policy"]),
        ("they don't know", ["they", "do", "n't", "know"]),
        ("O'Brien said", ["O'Brien", "said"]),
        ("Ukraine-Russia talks", ["Ukraine", "-", "Russia", "talks"]),
        ("U.S. troops", ["U.S.", "troops"]),
        ("1.5 million, 9,000 at 14:24", ["1.5", "million", ",", "9,000", "at", "14:24"]),
        ("the 5th day, 30km away", ["the", "5th", "day", ",", "30km", "away"]),
        ("mail a@b.org now", ["mail", "a@b.org", "now"]),
        ("see https://x.org/a?b=1.", ["see", "https://x.org/a?b=1", "."]),
        ('"Quote," he said...', ['"', "Quote", ",", '"', "he", "said", "..."]),
        ("£1.2 million", ["£", "1.2", "million"]),
    ],
)
def test_tokens(text: str, tokens: list[str]) -> None:
    assert [t.text for t in tokenize(text)] == tokens


ANY_CHARACTER = st.characters(codec="utf-8", exclude_categories=["Cs"])


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=ANY_CHARACTER, max_size=200))
def test_tokens_are_exact_ordered_and_cover_every_visible_character(text: str) -> None:
    check_tokens(text)


@settings(max_examples=50, deadline=None)
@given(long_lists(st.text(ANY_CHARACTER, max_size=30)))
def test_long_texts_are_tokenized_exactly(text: str) -> None:
    check_tokens(text)


def check_tokens(text: str) -> None:
    covered = [False] * len(text)
    prev = 0
    for tok in tokenize(text):
        assert prev <= tok.start < tok.end
        assert text[tok.start : tok.end] == tok.text
        assert not any(ch.isspace() for ch in tok.text)
        covered[tok.start : tok.end] = [True] * (tok.end - tok.start)
        prev = tok.end
    assert all(covered[i] or ch.isspace() for i, ch in enumerate(text))


def test_offset_shifts_tokens() -> None:
    assert [(t.start, t.end) for t in tokenize("a b", offset=10)] == [(10, 11), (12, 13)]


@settings(max_examples=1000, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.sampled_from(["Kyiv", "U.S.", "don't", "O'Brien", "e-mail", "£1.2m", "naïve"]),
            st.sampled_from(["a@b.org", "https://x.org/a.", "www.x.org", "Russia's", "...", "½"]),
            st.sampled_from(["high-speed", "(BBC)", "said,", "year-on-year.", "'s,", "--"]),
            st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=8),
        ),
        max_size=12,
    ).map(lambda parts: "".join(parts))
)
def test_the_bulk_path_gives_exactly_the_tokens_of_the_pattern(text: str) -> None:
    spans, texts = split_tokens(text)
    assert [(t.start, t.end, t.text) for t in tokenize(text)] == [
        (s, e, t) for (s, e), t in zip(spans, texts, strict=True)
    ]


# The chunk shapes that the bulk path cuts by hand (tokenizer._simple), with any character
# around or inside them; run once over every character, every shape agreed with the pattern.
SHAPES: tuple[str, ...] = (
    "{c}ab",
    "ab{c}",
    "{c}ab{c}",
    "a-b{c}",
    "{c}a-b",
    "{c}www",
    "www{c}",
    "U{c}",
    "{c}s",
)
SHAPES += ("n{c}", "don{c}", "a{c}b", "a-{c}b", "x-www{c}", "{c}{c}ab", "ab {c}{c}ab", "{c}")


@settings(max_examples=1000, deadline=None)
@given(ANY_CHARACTER, st.sampled_from(SHAPES))
def test_the_shapes_cut_by_hand_are_cut_as_the_pattern_cuts_them(char: str, shape: str) -> None:
    text = shape.format(c=char)
    spans, texts = split_tokens(text)
    assert [(t.start, t.end, t.text) for t in tokenize(text)] == [
        (s, e, t) for (s, e), t in zip(spans, texts, strict=True)
    ]


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=ANY_CHARACTER, max_size=120), st.lists(st.integers(-2, 125), max_size=8))
def test_boundaries_near_some_positions_are_the_tokens_there(
    text: str, positions: list[int]
) -> None:
    starts, ends = boundaries(text, positions)
    spans = split_tokens(text)[0]
    # Exactly the tokens of the chunks holding a (visible) character at one of the positions.
    wanted = {
        (s, e)
        for s, e in spans
        if any(
            0 <= p < len(text) and not text[p].isspace() and _chunk(text, p) == _chunk(text, s)
            for p in positions
        )
    }
    assert starts == {s for s, _ in wanted} and ends == {e for _, e in wanted}


def _chunk(text: str, p: int) -> int:
    """The start of the white-space-separated chunk that holds position ``p``."""
    while p > 0 and not text[p - 1].isspace():
        p -= 1
    return p
