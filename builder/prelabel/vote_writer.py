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
from builder.prelabel.apply import Labelled, Prelabeler
from builder.prelabel.vote_build import labelled_unit
from builder.prelabel.vote_columns import VoteUnit, arrow_schema, int_column
from builder.prelabel.votes import (
    BATCH,
    FORMAT,
    KEY,
    SentenceDigest,
    VotesHeader,
    votes_path,
)


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
        # Rows held as columns, in order: (positions, the other columns).
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
        return cls(votes_path(prelabels), prelabeler.model_version, prelabeler.names)

    def add(self, item: Labelled) -> None:
        """One sentence's votes, as a unit of one (the pipeline's workers send larger ones)."""
        sentence = item.sentence
        self.add_unit(
            SentenceDigest.encoded(sentence.id, sentence.text), labelled_unit([item], self.names)
        )

    def add_unit(self, digest: bytes, unit: VoteUnit) -> None:
        """The votes of a run of sentences as a worker process sends them (``vote_build``), and
        what the digest reads of them (``SentenceDigest.encoded``, joined): the same file
        whatever the units, row groups cut after the same sentences."""
        import numpy as np

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

    def tee(self, items: Iterable[Labelled]) -> Iterator[Labelled]:  # stored on their way
        for item in items:
            self.add(item)
            yield item

    def _flush(self) -> None:
        import numpy as np
        import pyarrow as pa

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
