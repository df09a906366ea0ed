"""The votes' columns as the writer built them before issue 14's work around the heuristics: a
row tuple a vote (``_row``), each sentence's rows (``vote_rows``), transposed into columns
(``unit_rows``). ``vote_build.labelled_unit`` builds the same columns a column at a time; the
tests hold it to this reference."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import chain
from typing import Any

import numpy as np

from builder.model import ClaimVote, EntityVote, Vote
from builder.prelabel.apply import Labelled
from builder.prelabel.vote_columns import VoteUnit, arrow_schema, column
from builder.prelabel.votes import Row


def _kinds() -> list[Any]:
    """The Arrow types of the vote columns but the first (the sentence's position)."""
    return [field.type for field in arrow_schema()][1:]


def _row(sid: str, heuristic: str, vote: Vote) -> Row:
    """A vote's row but its first column (the sentence's position, known to the writer).
    Each written out as one flat tuple: this ran for every vote (seven a sentence), and a
    tuple of starred parts is built through a list."""
    if isinstance(vote, EntityVote):
        return (
            sid, heuristic, "entity", vote.lf, vote.label, vote.score, vote.start, vote.end,
            None, None, None, None, None, None, None,
        )  # fmt: skip
    if isinstance(vote, ClaimVote):
        claim, source, cue = vote.claim, vote.source, vote.cue
        if source is not None and cue is not None:
            return (
                sid, heuristic, "claim", vote.lf, None, vote.score, None, None, claim.start,
                claim.end, source.start, source.end, cue.start, cue.end, vote.direct,
            )  # fmt: skip
        return (
            *(sid, heuristic, "claim", vote.lf, None, vote.score, None, None),
            *(claim.start, claim.end),
            *((source.start, source.end) if source else (None, None)),
            *((cue.start, cue.end) if cue else (None, None)),
            vote.direct,
        )
    return (
        sid, heuristic, "label", vote.lf, vote.label, vote.score,
        None, None, None, None, None, None, None, None, None,
    )  # fmt: skip


def vote_rows(item: Labelled, names: Sequence[str]) -> list[Row]:
    """The rows of a sentence's votes, heuristics in the set's order (``_row``: no position).
    Worker processes send these rather than the votes: plain tuples cross a pipe for a
    fraction of what frozen dataclasses cost to unpickle."""
    sid = item.sentence.id
    # The labeler's votes hold the set's names in its order: one tuple comparison says so,
    # and the votes are then read in their own order (no set, no lookup per name).
    if tuple(item.votes) == tuple(names):
        return [_row(sid, name, v) for name, vs in item.votes.items() for v in vs]
    unknown = set(item.votes) - set(names)
    if unknown:
        raise ValueError(f"votes of heuristics not in the set: {sorted(unknown)}")
    return [_row(sid, name, v) for name in names for v in item.votes.get(name, ())]


def unit_rows(rows: Sequence[Sequence[Row]]) -> VoteUnit:
    """Each sentence's ``vote_rows`` as a worker process sends them: columns."""
    return _vote_unit(rows, _kinds())


def _vote_unit(rows: Sequence[Sequence[tuple[Any, ...]]], kinds: Sequence[Any]) -> VoteUnit:
    """The :class:`VoteUnit` of each sentence's ``vote_rows``; ``kinds``: the Arrow types of
    the columns but the first."""
    counts = np.fromiter(map(len, rows), dtype=np.int64, count=len(rows))
    flat = list(chain.from_iterable(rows))
    values = list(zip(*flat, strict=True)) if flat else [()] * len(kinds)
    return VoteUnit(counts, [column(col, kind) for col, kind in zip(values, kinds, strict=True)])
