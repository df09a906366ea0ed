"""A worker's votes as columns (``VoteUnit``), gathered a sentence at a time and built a
column at a time.

They were built before from a row tuple a vote (now the tests' reference,
``tests/prelabel/vote_rows_reference.py``), transposed, then a pass over every row a column:
some 26 µs a sentence of a worker's 330 (issue 14). Here each kind of vote's fields are read
from those votes only, each pass a ``map`` in C or numpy: some 10 µs. A sentence leaves
behind only its votes (and its id, and the number and vote count of each heuristic that
voted, which the collector does not track): holding the labelled sentences of a unit instead
doubled the cyclic collector's runs and cost more CPU than the columns saved.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from itertools import chain, compress, repeat
from operator import attrgetter
from typing import Any

import numpy as np

from builder.model import ClaimVote, EntityVote, Vote
from builder.prelabel.apply import Labelled, Voted
from builder.prelabel.vote_columns import VoteUnit, arrow_schema, column, spread, taken, whole

_CODES = {EntityVote: 0, ClaimVote: 1}  # any other: a label vote (2), as ``_row`` reads it
_KINDS = ("entity", "claim", "label")
_ENDS = ("start", "end")


def _ordered(
    votes: Mapping[str, Sequence[Vote]], names: Sequence[str]
) -> Mapping[str, Sequence[Vote]]:
    """A sentence's votes by heuristic, in the set's order."""
    if tuple(votes) == tuple(names):
        return votes
    unknown = set(votes) - set(names)
    if unknown:
        raise ValueError(f"votes of heuristics not in the set: {sorted(unknown)}")
    return {name: votes.get(name, ()) for name in names}


def _fields(values: Iterable[object], name: str) -> list[Any]:
    """Each value's attribute ``name``, None where it is None: in C."""
    return list(map(getattr, values, repeat(name), repeat(None)))


class VoteColumns:
    """The votes of the sentences ``add``ed, in order, as ``unit()`` gives them."""

    def __init__(self, names: Sequence[str]) -> None:
        self.names = tuple(names)
        self._numbers = range(len(self.names))
        self._sids: list[str] = []
        self._counts: list[int] = []  # votes a sentence
        # Of each heuristic that voted (most of the 73 abstain), sentence after sentence: its
        # number in the set and its number of votes. A count a heuristic a sentence, read by
        # numpy, was some 20 k instructions a sentence (73 Python ints made and read).
        self._voted: list[int] = []
        self._lengths: list[int] = []
        self._votes: list[Vote] = []

    @property
    def sentence_ids(self) -> tuple[str, ...]:
        """The ids of the sentences added, in order: a copy (one a unit, read once for its
        digest), so that no caller can change the ids the unit's column is built from."""
        return tuple(self._sids)

    def add(self, item: Labelled) -> None:
        self.add_voted(item.sentence.id, item.voted, item.votes)

    def add_voted(
        self,
        sentence_id: str,
        voted: Voted | None,
        votes: Mapping[str, Sequence[Vote]] | Sequence[Sequence[Vote]],
    ) -> None:
        """A sentence's votes: those of the heuristics that ``voted`` as its labeler gathered
        them (``apply.Voted``), else read from all of them (``votes``: by name, or a list in
        the set's order)."""
        if voted is not None and voted[0] is self.names:  # the labeler's, of this set
            _, numbers, lists = voted
            self._voted.extend(numbers)
        else:
            by_name = (
                votes if isinstance(votes, Mapping) else dict(zip(self.names, votes, strict=True))
            )
            held = _ordered(by_name, self.names).values()
            self._voted.extend(compress(self._numbers, held))  # in C: an empty list is false
            lists = list(compress(held, held))
        self._sids.append(sentence_id)
        self._lengths.extend(map(len, lists))
        before = len(self._votes)
        self._votes.extend(chain.from_iterable(lists))
        self._counts.append(len(self._votes) - before)

    def unit(self) -> VoteUnit:
        names, votes, n = self.names, self._votes, len(self._votes)
        counts = np.array(self._counts, dtype=np.int64)
        lengths = np.array(self._lengths, dtype=np.int64)
        codes = np.fromiter(map(_CODES.get, map(type, votes), repeat(2)), dtype=np.int8, count=n)
        at_entity, at_claim = np.flatnonzero(codes == 0), np.flatnonzero(codes == 1)
        entities = list(map(votes.__getitem__, at_entity.tolist()))
        claims = list(map(votes.__getitem__, at_claim.tolist()))
        spans = [_fields(claims, part) for part in ("claim", "source", "cue")]
        kinds = [field.type for field in arrow_schema()][1:]
        columns = [
            taken(self._sids, np.repeat(np.arange(len(self._sids)), counts)),
            taken(names, np.repeat(np.array(self._voted, dtype=np.int64), lengths)),
            taken(_KINDS, codes),
            whole(list(map(attrgetter("lf"), votes)), kinds[3]),
            column(_fields(votes, "label"), kinds[4]),
            whole(list(map(attrgetter("score"), votes)), kinds[5]),
            *(spread(_fields(entities, end), at_entity, n, kinds[6]) for end in _ENDS),
            *(spread(_fields(s, end), at_claim, n, kinds[8]) for s in spans for end in _ENDS),
            spread(_fields(claims, "direct"), at_claim, n, kinds[-1]),
        ]
        return VoteUnit(counts, columns)


def labelled_unit(items: Iterable[Labelled], names: Sequence[str]) -> VoteUnit:
    """The votes of ``items`` as one unit's columns."""
    built = VoteColumns(names)
    for item in items:
        built.add(item)
    return built.unit()
