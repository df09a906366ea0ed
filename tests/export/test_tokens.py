"""The chunk-at-once tokenizer (export/tokens.py) against the tokenizer text by text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from builder.export.tokens import Tokens, batch_tokens
from builder.segment.tokenizer import token_ends
from tests.text_strategies import UNUSUAL

WORDS = st.one_of(
    st.sampled_from(["Kyiv", "U.S.", "don't", "O'Brien", "e-mail", "£1.2m", "naïve", "(BBC)"]),
    st.sampled_from(["a@b.org", "https://x.org/a.", "said,", "year-on-year.", "9,000", "24/7"]),
    st.sampled_from(["1", "2024", "-", "—", "...", "Russia's", "“Peace”", *UNUSUAL]),
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=6),
)
# Mostly texts on single spaces, as segmented, with now and then any white space at all.
TEXTS = st.one_of(
    st.lists(WORDS.filter(lambda w: w and w == "".join(w.split())), max_size=12).map(" ".join),
    st.lists(WORDS, max_size=8).map(" ".join),
    st.lists(WORDS, max_size=8).map("\u00a0\t".join),
)


def one_by_one(texts: list[str]) -> tuple[list[str], list[int], list[int]]:
    pairs = [token_ends(text) for text in texts]
    return (
        [token for _, tokens in pairs for token in tokens],
        [len(tokens) for _, tokens in pairs],
        [end for ends, _ in pairs for end in ends],
    )


def plain(got: Tokens) -> tuple[list[str], list[int], list[int]]:
    tokens = got.tokens.to_pylist()
    assert (got.ends - got.starts).tolist() == list(map(len, tokens))
    return tokens, got.counts.tolist(), got.ends.tolist()


@settings(max_examples=600, deadline=None)
@given(st.lists(TEXTS, max_size=12))
def test_the_tokens_of_a_batch_are_those_text_by_text(texts: list[str]) -> None:
    got = batch_tokens(texts)
    assert plain(got) == one_by_one(texts)
    # Offsets: each token is its text's slice that ends at its end
    first = 0
    for text, count in zip(texts, got.counts.tolist(), strict=True):
        ends = got.ends[first : first + count].tolist()
        for token, end in zip(got.tokens[first : first + count].to_pylist(), ends, strict=True):
            assert text[end - len(token) : end] == token
        first += count


def test_a_batch_with_odd_white_space_in_a_few_texts() -> None:
    texts = ["VOTE   Was it right?", "Yes  No", "U.S. said, 9,000 (BBC)", "", " lead", "x "]
    assert plain(batch_tokens(texts)) == one_by_one(texts)
    assert plain(batch_tokens(texts[2:3] * 3)) == one_by_one(texts[2:3] * 3)
