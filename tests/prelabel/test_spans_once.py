"""Entity votes read once a span for the tokens they cut (issue 14, the fifth speed pass):
the entities chosen are those chosen from the votes read one by one."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from builder.model import EntityVote
from builder.prelabel.entity_choice import chosen_entities
from builder.segment.tokenizer import boundaries
from tests.prelabel.test_fast_paths import entity_votes
from tests.text_strategies import UNUSUAL


def _aligned_votes(votes: list[EntityVote], text: str) -> list[EntityVote]:
    """The votes that cut no token, each read alone: the labeler's way before this pass."""
    n = len(text)

    def between(v: EntityVote) -> bool:
        return (
            0 <= v.start < v.end <= n
            and (v.start == 0 or text[v.start - 1].isspace())
            and (v.end == n or text[v.end].isspace())
            and not text[v.start].isspace()
            and not text[v.end - 1].isspace()
        )

    inner = [v for v in votes if not between(v)]
    starts, ends = boundaries(text, [p for v in inner for p in (v.start, v.end - 1)])
    return [
        v
        for v in votes
        if 0 <= v.start < v.end <= n and (between(v) or (v.start in starts and v.end in ends))
    ]


texts = st.lists(
    st.sampled_from(["U.S.", "24/7", "O'Brien", "3,000.5", "it's", " ", "  ", "\t", *UNUSUAL])
    | st.text(max_size=4),
    max_size=12,
).map("".join)


@given(entity_votes, texts)
def test_spans_read_once_choose_what_each_vote_read_alone_chose(
    votes: list[EntityVote], text: str
) -> None:
    priors = {"a": 0.9, "b": 0.5, "c": 0.0}
    expected = chosen_entities(_aligned_votes(votes, text), priors)
    assert chosen_entities(votes, priors, text) == expected
