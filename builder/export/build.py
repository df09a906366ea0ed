"""`builder export`: sentences + labels -> ``<out>/<name>/<version>/`` (parquet, card, manifest).

Two passes over the inputs, never the whole corpus in memory as rows:
1. split assignment needs every sentence (groups, duplicates across groups);
2. rows are built and appended to one parquet writer per config and split, in fixed-size
   batches so that the bytes are the same on every run.
The version folder is built under a temporary name and renamed when complete.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import shutil
import tempfile
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from builder.errors import BuilderError, InputError
from builder.export.bio import Misaligned
from builder.export.card import write_card
from builder.export.features import CONFIGS, Encoder, features_for
from builder.export.records import build_rows
from builder.export.splits import SPLITS, Assignment, SplitParams, assign
from builder.jsonl import atomic_output, read_numbered
from builder.labels import LabelSchema, labels
from builder.model import Sentence
from builder.prelabel.io import read_sentences
from builder.version.semver import next_version, parse

E501_VERSION_EXISTS = "E501"
E502_MISALIGNED = "E502"
E503_UNJOINED = "E503"
E504_NO_GOLD = "E504"
BATCH = 4096  # rows per parquet write: fixed, so row groups (and bytes) never vary


@dataclass
class ExportParams:
    name: str
    version: str | None  # None: the next semantic version after the latest one
    silver: bool = False
    splits: SplitParams = field(default_factory=SplitParams)
    max_misaligned_silver: float = 0.01  # share of silver entity spans that may be dropped


@dataclass
class ExportResult:
    path: Path
    manifest: dict[str, Any]
    misaligned: list[Misaligned]


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _joined(sentences: Path, prelabels: Path) -> Iterator[tuple[Sentence, dict[str, Any]]]:
    """Sentences with their pre-labels; both files come from the same run, in the same order."""
    labels_iter = read_numbered(prelabels)
    for sent in read_sentences(sentences):
        got = next(labels_iter, None)
        if got is None or got[1].get("sentence_id") != sent.id:
            line = got[0] if got else None
            problem = f"does not match sentences.jsonl at sentence {sent.id}: rebuild both"
            raise InputError(E503_UNJOINED, str(prelabels), problem, line)
        yield sent, got[1]


def export(sentences: Path, prelabels: Path, out: Path, params: ExportParams) -> ExportResult:
    if not params.silver:
        # Gold comes from resolved human annotations (the Label Studio round trip); until a
        # snapshot is given, only the pre-labels exist and they must be asked for explicitly.
        raise BuilderError(
            E504_NO_GOLD, "no human annotations given: pass --silver to export pre-labels"
        )
    schema = labels()
    heuristics: set[str] = set()

    def first_pass() -> Iterator[tuple[str, str, str]]:
        for sent, prelabel in _joined(sentences, prelabels):
            heuristics.add(prelabel["model_version"])
            yield sent.id, sent.doc_id, sent.text

    assignment = assign(first_pass(), params.splits)
    inputs = {
        "sentences": {"file": sentences.name, "sha256": _sha256(sentences)},
        "prelabels": {"file": prelabels.name, "sha256": _sha256(prelabels)},
    }
    rest = [inputs["sentences"], inputs["prelabels"], _params(params), sorted(heuristics)]
    version = params.version or next_version(
        out / params.name, {"schema": schema.sha, "gold": None, "rest": rest}
    )
    parse(version)
    target = out / params.name / version
    if target.exists():
        raise BuilderError(
            E501_VERSION_EXISTS, f"{target} exists: versions are immutable, bump --version"
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{version}.", dir=target.parent))
    try:
        stats = _write_parquet(tmp, _joined(sentences, prelabels), assignment, schema, params)
        manifest = _manifest(params.name, version, inputs, params, schema, assignment, stats)
        write_card(tmp, manifest, schema)
        tmp.rename(target)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return ExportResult(target, manifest, stats.misaligned)


def _params(params: ExportParams) -> dict[str, Any]:
    return {
        "silver": params.silver,
        "splits": asdict(params.splits),
        "max_misaligned_silver": params.max_misaligned_silver,
    }


@dataclass
class _Stats:
    rows: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    labels: dict[str, dict[str, Counter[str]]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(Counter))
    )
    sources: Counter[str] = field(default_factory=Counter)
    model_versions: set[str] = field(default_factory=set)
    misaligned: list[Misaligned] = field(default_factory=list)
    entity_spans: int = 0


class _Writers:
    """One parquet writer and one pending batch per (config, split)."""

    def __init__(self, root: Path, schema: LabelSchema) -> None:
        self.root = root
        self.features = {c: features_for(c, schema) for c in CONFIGS}
        self.writers: dict[tuple[str, str], pq.ParquetWriter] = {}
        self.pending: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)

    def add(self, config: str, split: str, row: dict[str, Any]) -> None:
        key = (config, split)
        self.pending[key].append(row)
        if len(self.pending[key]) >= BATCH:
            self._flush(key)

    def _flush(self, key: tuple[str, str]) -> None:
        rows, self.pending[key] = self.pending[key], []
        if not rows:
            return
        features = self.features[key[0]]
        table = pa.Table.from_pylist(rows, schema=features.arrow_schema)  # already encoded
        if key not in self.writers:
            (self.root / key[0]).mkdir(exist_ok=True)
            self.writers[key] = pq.ParquetWriter(
                self.root / key[0] / f"{key[1]}.parquet", features.arrow_schema
            )
        self.writers[key].write_table(table)

    def close(self) -> None:
        for key in list(self.pending):
            self._flush(key)
        # A split without rows gets no file: `datasets` cannot load an empty split, and the
        # card declares only the splits that exist (the manifest still counts them as 0).
        for writer in self.writers.values():
            writer.close()


def _write_parquet(
    root: Path,
    joined: Iterator[tuple[Sentence, dict[str, Any]]],
    assignment: Assignment,
    schema: LabelSchema,
    params: ExportParams,
) -> _Stats:
    stats = _Stats()
    writers = _Writers(root, schema)
    enc = Encoder(schema)
    try:
        for sentence, prelabel in joined:
            split = assignment.split_of(sentence.doc_id)
            rows = build_rows(sentence, prelabel, "silver", enc)
            stats.model_versions.add(prelabel["model_version"])
            stats.sources["silver"] += 1
            stats.entity_spans += len(prelabel["entities"])
            stats.misaligned.extend(rows.misaligned)
            for config, row in (
                ("ner", rows.ner),
                ("claims", rows.claims),
                ("sentiment", rows.sentiment),
            ):
                writers.add(config, split, row)
                stats.rows[config][split] += 1
            for label in rows.entity_labels:
                stats.labels["ner"][split][label] += 1
            stats.labels["claims"][split][prelabel["check_worthy"]["label"]] += 1
            stats.labels["sentiment"][split][prelabel["sentiment"]["label"]] += 1
    finally:
        writers.close()
    share = len(stats.misaligned) / stats.entity_spans if stats.entity_spans else 0.0
    if share > params.max_misaligned_silver:
        shown = "; ".join(map(str, stats.misaligned[:5]))
        raise BuilderError(
            E502_MISALIGNED,
            f"{len(stats.misaligned)} entity spans do not align to tokens ({share:.2%} > "
            f"{params.max_misaligned_silver:.2%}): {shown}",
        )
    return stats


def _git_revision() -> str | None:
    import subprocess

    with contextlib.suppress(OSError, subprocess.SubprocessError):
        out = subprocess.run(
            ["git", "rev-parse", "HEAD"], capture_output=True, text=True, check=True
        )
        return out.stdout.strip() or None
    return None


def _manifest(
    name: str,
    version: str,
    inputs: dict[str, Any],
    params: ExportParams,
    schema: LabelSchema,
    assignment: Assignment,
    stats: _Stats,
) -> dict[str, Any]:
    test_groups = sorted(g for g, s in assignment.split_of_group.items() if s == "test")
    return {
        "name": name,
        "version": version,
        "label_schema_sha256": schema.sha,
        "heuristics_versions": sorted(stats.model_versions),
        "inputs": inputs,
        "params": _params(params),
        "git_revision": _git_revision(),
        "rows": {c: {s: stats.rows[c][s] for s in SPLITS} for c in CONFIGS},
        "label_counts": {
            c: {s: dict(sorted(stats.labels[c][s].items())) for s in SPLITS} for c in CONFIGS
        },
        "sources": dict(sorted(stats.sources.items())),
        "misaligned_entity_spans": len(stats.misaligned),
        "leaks": [asdict(leak) for leak in assignment.leaks],
        "test_ledger": {
            "groups": len(test_groups),
            "sha256": hashlib.sha256("\n".join(test_groups).encode()).hexdigest(),
            "group_ids": test_groups,
        },
    }


def write_metrics(path: Path, manifest: dict[str, Any]) -> None:
    """Numbers only, for `dvc metrics show`: rows and label counts per config and split."""
    metrics = {
        "version": manifest["version"],
        "rows": manifest["rows"],
        "label_counts": manifest["label_counts"],
        "leaks_moved": len(manifest["leaks"]),
        "misaligned_entity_spans": manifest["misaligned_entity_spans"],
        "test_documents": manifest["test_ledger"]["groups"],
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    with atomic_output(path) as fh:
        fh.write(json.dumps(metrics, indent=2, sort_keys=True).encode() + b"\n")


def write_label_plot(path: Path, manifest: dict[str, Any]) -> None:
    """One record per config, split and label, for `dvc plots show` / `dvc plots diff`."""
    records = [
        {"config": config, "split": split, "label": f"{config}:{label}", "count": count}
        for config, splits in manifest["label_counts"].items()
        for split, counts in splits.items()
        for label, count in counts.items()
    ]
    path.parent.mkdir(parents=True, exist_ok=True)
    with atomic_output(path) as fh:
        fh.write(json.dumps(records, indent=1, sort_keys=True).encode() + b"\n")
