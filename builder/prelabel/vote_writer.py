"""Writing ``prelabels.votes.parquet`` (the format is described in ``votes.py``): a vote per
row, a row group every ``BATCH`` votes, the header in the file's metadata."""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict
from pathlib import Path
from types import TracebackType
from typing import Any

import orjson

from builder.jsonl import atomic_output
from builder.model import ClaimVote, EntityVote, Vote
from builder.prelabel.apply import Labelled, Prelabeler
from builder.prelabel.vote_columns import VoteUnit, int_column, vote_unit
from builder.prelabel.votes import (
    BATCH,
    FORMAT,
    KEY,
    NAMES,
    STRINGS,
    Row,
    SentenceDigest,
    VotesHeader,
    votes_path,
)


def arrow_schema() -> Any:
    import pyarrow as pa

    other = {"score": pa.float64(), "direct": pa.bool_()}
    return pa.schema(
        [(n, pa.string() if n in STRINGS else other.get(n, pa.int64())) for n in NAMES]
    )


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
    return vote_unit(rows, _kinds())


class VoteWriter:
    """Streams the votes of ``Labelled`` items to ``path``, a row group every ``batch`` votes.

    Use it as a context manager (or call ``close``): the file is renamed into place on a clean
    exit only, so an interrupted run leaves the previous file (if any) untouched."""

    def __init__(
        self, path: Path, model_version: str, lf_names: Sequence[str], batch: int = BATCH
    ) -> None:
        import pyarrow.parquet as pq

        self.model_version = model_version
        self.names = tuple(lf_names)
        self.batch = batch
        self.digest = SentenceDigest()
        self._rows: list[Row] = []  # the rows but their first column, ``_positions``
        self._positions: list[int] = []
        # Rows held as columns, in order before ``_rows``: (positions, the other columns).
        self._parts: list[tuple[Any, list[Any]]] = []
        self._held = 0  # rows in ``_parts``
        self._stack = contextlib.ExitStack()
        sink = self._stack.enter_context(atomic_output(path))
        self._writer = pq.ParquetWriter(
            sink, arrow_schema(), compression="zstd", write_page_checksum=True
        )

    @classmethod
    def beside(cls, prelabels: Path, prelabeler: Prelabeler) -> VoteWriter:
        """The writer of the votes behind ``prelabels`` (at ``votes_path(prelabels)``)."""
        names = [lf.name for lf in prelabeler.lfs]
        return cls(votes_path(prelabels), prelabeler.model_version, names)

    def add(self, item: Labelled) -> None:
        self.add_rows(item.sentence.id, item.sentence.text, vote_rows(item, self.names))

    def add_rows(self, sid: str, text: str, rows: Iterable[Row]) -> None:
        """A sentence's ``vote_rows``, worked out here or in a worker process."""
        position = self.digest.n
        self.digest.add_text(sid, text)
        before = len(self._rows)
        self._rows.extend(rows)  # the position apart: no second tuple a vote
        self._positions.extend([position] * (len(self._rows) - before))
        if self._held + len(self._rows) >= self.batch:  # whole sentences per row group
            self._flush()

    def add_unit(self, digest: bytes, unit: VoteUnit) -> None:
        """The votes of a run of sentences as a worker process sends them (``vote_unit``), and
        what the digest reads of them (``SentenceDigest.encoded``, joined): the same file as
        ``add_rows`` for each sentence, row groups cut after the same sentences."""
        import numpy as np

        self._hold_rows()
        n = len(unit.counts)
        first = self.digest.n
        self.digest.add_encoded(digest, n)
        positions = np.repeat(np.arange(first, first + n, dtype=np.int64), unit.counts)
        ends = np.cumsum(unit.counts)  # the unit's rows up to the end of each sentence
        start = 0
        while True:  # a row group ends after the first sentence that fills it
            at = int(np.searchsorted(ends, start + self.batch - self._held))
            if at == n:
                break
            cut = int(ends[at])
            self._hold(positions[start:cut], [c.slice(start, cut - start) for c in unit.columns])
            self._flush()
            start = cut
        total = len(positions)
        if start < total:
            self._hold(positions[start:], [c.slice(start) for c in unit.columns])

    def _hold(self, positions: Any, columns: list[Any]) -> None:
        self._parts.append((positions, columns))
        self._held += len(positions)

    def _hold_rows(self) -> None:
        """The rows added one sentence at a time, held as columns after the parts before."""
        if self._rows:
            import numpy as np

            columns = unit_rows([self._rows]).columns  # one run of rows, one column each
            self._hold(np.array(self._positions, dtype=np.int64), columns)
            self._rows, self._positions = [], []

    def tee(self, items: Iterable[Labelled]) -> Iterator[Labelled]:  # stored on their way
        for item in items:
            self.add(item)
            yield item

    def _flush(self) -> None:
        import numpy as np
        import pyarrow as pa

        self._hold_rows()
        if not self._parts:
            return
        schema = arrow_schema()
        parts, self._parts, self._held = self._parts, [], 0
        positions = int_column(np.concatenate([p for p, _ in parts]))
        held = [cols for _, cols in parts]
        columns = [pa.concat_arrays(list(c)) for c in zip(*held, strict=True)]
        self._writer.write_table(pa.Table.from_arrays([positions, *columns], schema=schema))

    def close(self) -> None:
        with self._stack:  # renames the file into place, or removes it if this fails
            self._flush()
            digest = self.digest
            header = VotesHeader(self.model_version, self.names, digest.n, digest.hexdigest())
            meta = orjson.dumps({"format": FORMAT, **asdict(header)}, option=orjson.OPT_SORT_KEYS)
            self._writer.add_key_value_metadata({KEY: meta.decode()})
            self._writer.close()

    def __enter__(self) -> VoteWriter:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if exc is None:
            self.close()
            return
        with contextlib.suppress(Exception):
            self._writer.close()
        self._stack.__exit__(kind, exc, tb)  # removes the temporary file
