"""The export's work on chunks of sentences, here or in worker processes, results in order.

Four tasks, each a pure function of its input:
- ``keys``: what split assignment needs from sentences.jsonl (ids, documents, normalised
  texts);
- ``signatures``: MinHash signatures of distinct normalised texts;
- ``rows``: the dataset rows of a chunk, sorted by split into an Arrow file of the staging
  folder (``shards.py``), and their statistics;
- ``shard``: one parquet file of the version, from those Arrow files, and its hash.
With ``workers > 1`` they run in the spawned processes of builder/workers.py (which import
neither ``datasets`` nor ``datasketch``); results come back in submission order, with a
bounded number of chunks in flight so that memory stays flat, and the output is the same bytes
whatever the number of workers. The rows do not come back to this process: the workers write
the parquet files themselves, on this machine or, with Ray, on a disk the cluster shares.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType

import numpy as np
import numpy.typing as npt
import pyarrow as pa

from builder.errors import E503_UNJOINED, InputError
from builder.export.gold import Gold
from builder.export.inputs import Chunk, Lines, Sources, joined, sentence
from builder.export.names import SPLITS, Encoder
from builder.export.parquet import Stats
from builder.export.records import Columns
from builder.export.shards import Part, ShardJob, write_part, write_shard
from builder.export.splits import SplitParams, near_key
from builder.gold.resolve import applies
from builder.minhash import Hasher, Permutations, Signatures
from builder.workers import Pool


@dataclass(frozen=True)
class Setup:
    """Everything a worker needs, sent to it once."""

    sources: Sources
    splits: SplitParams  # min_words and the group key
    encoder: Encoder
    schema: pa.Schema  # the wide row schema (records.wide_schema)
    schemas: dict[str, pa.Schema]  # each config's (with its features as metadata)
    perms: Permutations
    gold: Gold = field(default_factory=Gold)
    silver: bool = True  # pre-labels for the sentences without gold
    silver_skipped: bool = False  # ... and for those every annotator skipped


@dataclass
class Keys:
    ids: list[str] = field(default_factory=list)
    doc_ids: list[str] = field(default_factory=list)  # group keys (SplitParams.grouper)
    norms: list[str | None] = field(default_factory=list)  # splits.near_key of each sentence


@dataclass(frozen=True)
class RowsJob:
    """A chunk of the second pass, where its rows go, and the split of each of its groups
    (split assignment needs every sentence: it is known only now)."""

    chunk: Chunk
    part: str  # its Arrow file (shards.part_path)
    splits: dict[str, int]  # group key -> index into SPLITS


def keys(setup: Setup, lines: Lines) -> Keys:
    out = Keys()
    group = setup.splits.grouper()
    seen: dict[str, str] = {}  # one string object per group: smaller to send and keep
    for lineno, raw in lines:
        sent = sentence(setup.sources.sentences, lineno, raw)
        out.ids.append(sent.id)
        key = group(sent.doc_id)
        out.doc_ids.append(seen.setdefault(key, key))
        out.norms.append(near_key(sent.text, setup.splits.min_words))
    return out


_HASHER: list[Hasher] = []  # its word cache serves every batch of one export


def signatures(setup: Setup, texts: list[str]) -> Signatures:
    if not _HASHER or _HASHER[0].perms is not setup.perms:
        _HASHER[:] = [Hasher(setup.perms)]
    return _HASHER[0].signatures(t.split() for t in texts)


def rows(setup: Setup, job: RowsJob) -> tuple[Part, Stats]:
    """Gold where a human label applies to the sentence as it is now (in the configs whose
    layers the annotators do not dispute), else silver if asked (and annotators neither
    disagree on the sentence nor all skipped it, unless skipped ones are asked for too),
    else no row. The rows go to the job's Arrow file, sorted by split (stable: input order
    within a split); their statistics come back."""
    columns = Columns(setup.encoder)
    stats = Stats(setup.encoder)
    gold = setup.gold
    for sent, labels in joined(job.chunk, setup.sources):
        human = gold.labels.get(sent.id)
        if human is not None:
            if applies(gold.text, sent):
                configs = gold.configs_of(sent.id)
                if any(configs):
                    columns.add(sent.id, sent.doc_id, sent.text, human, "gold", configs)
                continue
            stats.stale_gold.append(sent.id)
        skipped = sent.id in gold.skipped and not setup.silver_skipped
        if setup.silver and sent.id not in gold.disputed and not skipped:
            stats.model_versions.add(labels["model_version"])
            columns.add(sent.id, sent.doc_id, sent.text, labels)
    stats.misaligned, stats.misaligned_gold = columns.misaligned, columns.misaligned_gold
    stats.entity_spans = columns.entity_spans
    table = columns.table(setup.schema)
    split = _splits(setup, job, columns.doc_ids)
    order = np.argsort(split, kind="stable")
    table, split = table.take(order), split[order]
    stats.count(split, table)
    write_part(Path(job.part), table)
    blocks = tuple(int(n) for n in np.bincount(split, minlength=len(SPLITS)))
    config_rows = {c: tuple(int(n) for n in stats.rows[c]) for c in stats.rows}
    return Part(job.part, blocks, config_rows), stats


def _splits(setup: Setup, job: RowsJob, doc_ids: list[str]) -> npt.NDArray[np.intp]:
    """The split index of each row, from its group's."""
    group = setup.splits.grouper()
    try:
        return np.array([job.splits[group(d)] for d in doc_ids], dtype=np.intp)
    except KeyError as exc:  # the first pass read other sentences
        problem = f"changed during the export (document {exc.args[0]} is new): run again"
        raise InputError(E503_UNJOINED, setup.sources.sentences, problem) from None


def shard(setup: Setup, job: ShardJob) -> tuple[str, str]:
    """One parquet file of the version (``shards.py``): its name and sha256."""
    return write_shard(job, setup.schemas[job.config])


class Runner(Pool[Setup]):
    """The export's pool (builder/workers.py), set up once per export."""

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        super().__exit__(exc_type, exc, tb)
        _HASHER.clear()  # the word cache of an in-process export: its memory may go


def all_signatures(runner: Runner, texts: list[str], batch: int = 8192) -> Signatures:
    """Signatures of ``texts``, computed in batches (in parallel with workers)."""
    parts = list(
        runner.map(signatures, (texts[i : i + batch] for i in range(0, len(texts), batch)))
    )
    if not parts:
        return np.empty((0, runner.setup.perms.num_perm), dtype=np.uint32)
    return np.concatenate(parts)
