"""Every heuristic's votes, stored once beside the pre-labels: ``prelabels.votes.parquet``.

`builder prelabel` writes them (``VoteWriter``); `builder eval`, `builder learn` and `builder
heuristics report` read them instead of running the heuristics again while they are fresh
(``stored.py``): written by the same set of heuristics over the same sentences.

One row per vote, columnar: the sentence (its position in sentences.jsonl, and its id), the
heuristic, the kind of vote and its fields. A heuristic that abstains has no row. The file's
key-value metadata (``builder.votes``) holds the set's ``model_version``, the ordered heuristic
names, the number of sentences and a digest of their ids and texts. The bytes are deterministic
(rows in the order of the votes, no timestamp), the write atomic (``jsonl.atomic_output``), and
pyarrow imported inside the functions: commands that never touch votes start without it.
"""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

import orjson

from builder.errors import E205_BAD_VOTES, InputError
from builder.jsonl import atomic_output
from builder.model import ClaimVote, EntityVote, LabelVote, Sentence, Span, Vote
from builder.prelabel.apply import Labelled, Prelabeler

SUFFIX = ".votes.parquet"
KEY = "builder.votes"
FORMAT = 1
BATCH = 50_000  # votes per row group: what the writer holds in memory at most
# Every column, in file order (rows are built and read by position). ``kind``: entity, claim or
# label; ``lf``: the vote's own ``lf`` field; offsets: relative to the sentence, as in the votes.
NAMES = (
    "position", "sentence_id", "heuristic", "kind", "lf", "label", "score", "start", "end",
    "claim_start", "claim_end", "source_start", "source_end", "cue_start", "cue_end", "direct",
)  # fmt: skip
STRINGS = ("sentence_id", "heuristic", "kind", "lf", "label")  # the others: int64 but two
Row = tuple[Any, ...]


def votes_path(prelabels: Path) -> Path:
    """``prelabels.jsonl`` -> ``prelabels.votes.parquet``: where its votes live."""
    return prelabels.with_suffix(SUFFIX)


class SentenceDigest:
    """The number of sentences and a hash of their ids and texts, in order (length-prefixed,
    so no text can pass for another split differently)."""

    def __init__(self) -> None:
        self._hash = hashlib.sha256()
        self.n = 0

    def add(self, sentence: Sentence) -> None:
        self.add_text(sentence.id, sentence.text)

    def add_text(self, sid: str, text: str) -> None:
        for part in (sid, text):
            raw = part.encode("utf-8", "surrogatepass")
            self._hash.update(len(raw).to_bytes(8, "little") + raw)
        self.n += 1

    def tee(self, sentences: Iterable[Sentence]) -> Iterator[Sentence]:
        for sentence in sentences:
            self.add(sentence)
            yield sentence

    def hexdigest(self) -> str:
        return self._hash.hexdigest()


@dataclass(frozen=True, slots=True)
class VotesHeader:
    model_version: str
    heuristics: tuple[str, ...]  # in the order of the set (and of ``Labelled.votes``)
    sentences: int
    digest: str


def _schema() -> Any:
    import pyarrow as pa

    other = {"score": pa.float64(), "direct": pa.bool_()}
    return pa.schema(
        [(n, pa.string() if n in STRINGS else other.get(n, pa.int64())) for n in NAMES]
    )


def _row(sid: str, heuristic: str, vote: Vote) -> Row:
    """A vote's row but its first column (the sentence's position, known to the writer)."""
    if isinstance(vote, EntityVote):
        fields: Row = ("entity", vote.lf, vote.label, vote.score, vote.start, vote.end)
        return (sid, heuristic, *fields, None, None, None, None, None, None, None)
    if isinstance(vote, ClaimVote):
        source, cue = vote.source, vote.cue
        return (
            *(sid, heuristic, "claim", vote.lf, None, vote.score, None, None),
            *(vote.claim.start, vote.claim.end),
            *((source.start, source.end) if source else (None, None)),
            *((cue.start, cue.end) if cue else (None, None)),
            vote.direct,
        )
    empty = (None,) * 9
    return (sid, heuristic, "label", vote.lf, vote.label, vote.score, *empty)


def vote_rows(item: Labelled, names: Sequence[str]) -> list[Row]:
    """The rows of a sentence's votes, heuristics in the set's order (``_row``: no position).
    Worker processes send these rather than the votes: plain tuples cross a pipe for a
    fraction of what frozen dataclasses cost to unpickle."""
    unknown = set(item.votes) - set(names)
    if unknown:
        raise ValueError(f"votes of heuristics not in the set: {sorted(unknown)}")
    sid = item.sentence.id
    return [_row(sid, name, v) for name in names for v in item.votes.get(name, ())]


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
        self._rows: list[Row] = []
        self._stack = contextlib.ExitStack()
        sink = self._stack.enter_context(atomic_output(path))
        self._writer = pq.ParquetWriter(sink, _schema(), compression="zstd")

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
        self._rows.extend((position, *row) for row in rows)
        if len(self._rows) >= self.batch:  # whole sentences per row group
            self._flush()

    def tee(self, items: Iterable[Labelled]) -> Iterator[Labelled]:  # stored on their way
        for item in items:
            self.add(item)
            yield item

    def _flush(self) -> None:
        import pyarrow as pa

        if not self._rows:
            return
        schema = _schema()
        columns = zip(*self._rows, strict=True)
        arrays = [pa.array(col, schema.field(i).type) for i, col in enumerate(columns)]
        self._writer.write_table(pa.Table.from_arrays(arrays, schema=schema))
        self._rows = []

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


def read_header(path: Path) -> VotesHeader | None:
    """The header of a votes file; None when there is none, or it is not a votes file."""
    import pyarrow.parquet as pq

    try:
        raw = (pq.read_metadata(path).metadata or {}).get(KEY.encode())
        d = orjson.loads(raw) if raw is not None else None
        if not isinstance(d, dict) or d.get("format") != FORMAT:
            return None
        return VotesHeader(
            str(d["model_version"]), tuple(d["heuristics"]), int(d["sentences"]), str(d["digest"])
        )
    except (OSError, ValueError, KeyError, TypeError):  # pyarrow's errors are ValueErrors
        return None


def _vote(row: Row) -> Vote:
    kind, lf, label, score, start, end, c0, c1, s0, s1, q0, q1, direct = row[3:]
    if kind == "entity":
        return EntityVote(start, end, label, score, lf)
    if kind == "claim":
        source = None if s0 is None else Span(s0, s1)
        cue = None if q0 is None else Span(q0, q1)
        return ClaimVote(Span(c0, c1), source, cue, direct, score, lf)
    if kind == "label":
        return LabelVote(label, score, lf)
    raise ValueError(f"unknown kind of vote {kind!r}")


def _pylist(column: Any) -> list[Any]:
    """A column as Python values, through numpy: ``to_pylist`` is ten times slower."""
    import pyarrow as pa
    import pyarrow.compute as pc

    out: list[Any] = []
    for chunk in column.chunks:
        if pa.types.is_dictionary(chunk.type):  # the strings (read_dictionary below)
            words = [*chunk.dictionary.to_pylist(), None]
            codes = pc.fill_null(chunk.indices, len(words) - 1).to_numpy().tolist()
            out.extend(words[i] for i in codes)
            continue
        filler = False if pa.types.is_boolean(chunk.type) else 0
        values = pc.fill_null(chunk, filler).to_numpy(zero_copy_only=False).tolist()
        if chunk.null_count:
            nulls = chunk.is_null().to_numpy(zero_copy_only=False).tolist()
            values = [None if null else v for v, null in zip(values, nulls, strict=True)]
        out.extend(values)
    return out


def _rows(path: Path, positions: Collection[int] | None) -> Iterator[Row]:
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    wanted = None if positions is None else pa.array(sorted(positions), pa.int64())
    with pq.ParquetFile(path, read_dictionary=STRINGS) as parquet:
        for group in range(parquet.num_row_groups):
            table = parquet.read_row_group(group, columns=NAMES)
            if wanted is not None:
                table = table.filter(pc.is_in(table.column("position"), value_set=wanted))
            yield from zip(*(_pylist(col) for col in table.columns), strict=True)


def read_votes(
    path: Path, header: VotesHeader, positions: Collection[int] | None = None
) -> Iterator[tuple[int, str, dict[str, list[Vote]]]]:
    """``(position, sentence id, votes)`` of the sentences (of ``positions``, default all) that
    some heuristic voted on, in order; ``votes`` holds the heuristics that voted only."""
    at, sid, names = -1, "", set(header.heuristics)
    votes: dict[str, list[Vote]] = {}
    try:
        for row in _rows(path, positions):
            if row[0] != at:
                if at >= 0:
                    yield at, sid, votes
                at, sid, votes = row[0], row[1], {}
            if row[2] not in names:
                raise KeyError(f"heuristic {row[2]!r} not in the header")
            votes.setdefault(row[2], []).append(_vote(row))
    except (OSError, ValueError, KeyError) as exc:
        raise InputError(E205_BAD_VOTES, str(path), f"damaged votes file ({exc})") from exc
    if at >= 0:
        yield at, sid, votes


def voted_at(
    path: Path, header: VotesHeader, positions: Sequence[int] | None = None
) -> Iterator[dict[str, list[Vote]]]:
    """The votes of each position of ``positions`` (ascending; default every sentence), of the
    heuristics that voted only (``{}``: nobody did)."""
    wanted = range(header.sentences) if positions is None else positions
    stored = read_votes(path, header, None if positions is None else set(positions))
    at = -1
    votes: dict[str, list[Vote]] = {}
    for position in wanted:
        while at < position:
            at, _, votes = next(stored, (header.sentences, "", {}))
        yield votes if at == position else {}


def votes_at(
    path: Path, header: VotesHeader, positions: Sequence[int] | None = None
) -> Iterator[dict[str, list[Vote]]]:
    """As ``voted_at``, every heuristic of the set in each dict: its votes, an empty list where
    it abstained (as in ``Labelled.votes``)."""
    for voted in voted_at(path, header, positions):
        yield {name: voted.get(name) or [] for name in header.heuristics}


def votes_by_id(
    path: Path, header: VotesHeader, sentences: Iterable[Sentence]
) -> dict[str, dict[str, list[Vote]]]:
    """``votes_at`` by sentence id (``sentences``: those the votes were written from)."""
    return {s.id: votes for s, votes in zip(sentences, votes_at(path, header), strict=True)}
