"""Every heuristic's votes, stored once beside the pre-labels: ``prelabels.votes.parquet``.

`builder prelabel` writes them (``vote_writer.py``); `builder eval`, `builder learn` and `builder
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

import hashlib
import struct
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import chain, repeat
from pathlib import Path
from typing import Any

import orjson

from builder.errors import E205_BAD_VOTES, InputError
from builder.model import ClaimVote, EntityVote, LabelVote, Sentence, Span, Vote

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
_SIZE = struct.Struct("<Q").pack  # a length as the digest reads it: 8 bytes, little-endian


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
        self._hash.update(self.encoded(sid, text))
        self.n += 1

    @staticmethod
    def encoded(sid: str, text: str) -> bytes:
        """What the hash reads of a sentence: a worker process encodes its sentences'."""
        out = b""
        for part in (sid, text):
            raw = part.encode("utf-8", "surrogatepass")
            out += len(raw).to_bytes(8, "little") + raw
        return out

    @staticmethod
    def encoded_all(ids: Iterable[str], texts: Iterable[str]) -> bytes:
        """What ``encoded`` gives for each id and text in turn, joined: each step a ``map``
        in C over them all, not Python a sentence (10 k instructions a sentence of `builder
        prelabel`; issue 14)."""
        raw_ids = list(map(str.encode, ids, repeat("utf-8"), repeat("surrogatepass")))
        raw_texts = list(map(str.encode, texts, repeat("utf-8"), repeat("surrogatepass")))
        id_sizes = map(_SIZE, map(len, raw_ids))
        text_sizes = map(_SIZE, map(len, raw_texts))
        parts = zip(id_sizes, raw_ids, text_sizes, raw_texts, strict=True)  # as many of each
        return b"".join(chain.from_iterable(parts))

    def add_encoded(self, encoded: bytes, count: int) -> None:
        """``count`` sentences as ``encoded`` (joined) gives them: hashing the joined bytes
        is hashing each in turn."""
        self._hash.update(encoded)
        self.n += count

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
    # Page checksums: damage inside the values of a page is an error, not silent garbage.
    with pq.ParquetFile(path, read_dictionary=STRINGS, page_checksum_verification=True) as parquet:
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
    except (OSError, ValueError, KeyError, IndexError) as exc:  # files without checksums
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
