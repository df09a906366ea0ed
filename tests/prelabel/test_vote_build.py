"""A worker's vote columns built a column at a time (``labelled_unit``) are those of the rows
(``unit_rows`` of ``vote_rows``)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from builder.model import ClaimVote, EntityVote, LabelVote, Sentence, Vote
from builder.prelabel.apply import Labelled, Prelabeler
from builder.prelabel.io import read_sentences
from builder.prelabel.vote_build import VoteColumns, labelled_unit
from builder.prelabel.vote_columns import VoteUnit
from tests.prelabel.test_votes import NAMES, votes
from tests.prelabel.vote_rows_reference import unit_rows, vote_rows

# Per sentence: some heuristics of the set, in any order, each with its votes (maybe none).
by_heuristic = st.lists(st.sampled_from(NAMES), unique=True).flatmap(
    lambda names: st.fixed_dictionaries({n: st.lists(votes, max_size=4) for n in names})
)


def _items(per_sentence: Sequence[dict[str, Sequence[Vote]]]) -> list[Labelled]:
    out = []
    for i, v in enumerate(per_sentence):
        text = f"Sentence number {i}."
        out.append(Labelled(Sentence(f"{i:016x}", "d", i, 0, len(text), text), v, {}))
    return out


def _same(built: VoteUnit, rows: VoteUnit) -> None:
    assert built.counts.dtype == rows.counts.dtype
    assert built.counts.tolist() == rows.counts.tolist()
    assert len(built.columns) == len(rows.columns)
    for a, b in zip(built.columns, rows.columns, strict=True):
        assert a.type == b.type
        assert a.null_count == b.null_count
        assert a.equals(b), (a, b)
        # The same buffers under the validity bitmap: the same parquet bytes.
        assert [x.to_pybytes() if x else x for x in a.buffers()] == [
            x.to_pybytes() if x else x for x in b.buffers()
        ]


@settings(max_examples=150, deadline=None)
@given(st.lists(by_heuristic, max_size=10))
def test_the_columns_are_those_of_the_rows(per_sentence: list[dict[str, Sequence[Vote]]]) -> None:
    items = _items(per_sentence)
    _same(labelled_unit(items, NAMES), unit_rows([vote_rows(i, NAMES) for i in items]))


@given(st.lists(by_heuristic, min_size=1, max_size=5))
def test_the_sentence_ids_given_out_are_the_columns_and_cannot_change_them(
    per_sentence: list[dict[str, Sequence[Vote]]],
) -> None:
    items = _items(per_sentence)
    built = VoteColumns(NAMES)
    for item in items:
        built.add(item)
    ids = built.sentence_ids
    assert ids == tuple(item.sentence.id for item in items)
    another = Labelled(Sentence("f" * 16, "d", 9, 0, 3, "Yes"), {}, {})
    built.add(another)  # the ids given out before stay as they were
    assert built.sentence_ids == (*ids, "f" * 16)
    assert ids == tuple(item.sentence.id for item in items)
    assert not hasattr(ids, "append")  # nothing to change the columns' own list with


def test_votes_of_a_heuristic_outside_the_set_are_refused() -> None:
    items = _items([{"other": [LabelVote("yes", 0.5, "other")]}])
    with pytest.raises(ValueError, match="not in the set"):
        vote_rows(items[0], NAMES)
    with pytest.raises(ValueError, match="not in the set"):
        labelled_unit(items, NAMES)


def test_the_heuristics_columns_are_those_of_the_rows(built: Path) -> None:
    """The real heuristics on the built sentences: every kind of vote, spans left out."""
    labeler = Prelabeler()
    names = [lf.name for lf in labeler.lfs]
    items = list(labeler.label(read_sentences(built / "sentences.jsonl")))
    kinds = {type(v) for item in items for vs in item.votes.values() for v in vs}
    assert kinds == {EntityVote, ClaimVote, LabelVote}
    _same(labelled_unit(items, names), unit_rows([vote_rows(i, names) for i in items]))
