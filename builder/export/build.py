"""`builder export`: sentences + labels -> ``<out>/<name>/<version>/`` (parquet, card, manifest).

Two passes over the inputs, never the whole corpus in memory as rows:
1. split assignment needs every sentence (groups, duplicates across groups);
2. rows are built and appended to one parquet writer per config and split, in fixed-size
   row groups so that the bytes are the same on every run.
Both passes work on chunks of lines, in worker processes when there are cores to spare
(``workers``), and take the results in input order: the output does not depend on them.
The version folder is built under a temporary name and renamed when complete.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from builder.errors import (
    E501_VERSION_EXISTS,
    E502_MISALIGNED,
    E503_UNJOINED,
    E504_NO_GOLD,
    E508_BAD_QUALITY,
    BuilderError,
    InputError,
)
from builder.export.bio import Misaligned
from builder.export.card import write_card
from builder.export.features import CONFIGS, Encoder, features_for
from builder.export.gold import Gold, check_gold, load_gold
from builder.export.inputs import Chunk, Lines, Sources, read_chunks, read_lines
from builder.export.parquet import Stats, Writers
from builder.export.records import wide_schema
from builder.export.splits import SPLITS, Assignment, Collector, SplitParams, balance
from builder.export.workers import Runner, Setup, all_signatures, keys, rows
from builder.gold.resolve import Resolution
from builder.jsonl import atomic_output
from builder.labels import LabelSchema, labels
from builder.minhash import Permutations
from builder.version.semver import fingerprint, next_version, parse

__all__ = ["E503_UNJOINED", "ExportParams", "ExportResult", "export"]
CHUNK = 4096  # sentences per unit of work
NUM_PERM = 64  # MinHash permutations
# Below this size (some 40,000 sentences) starting worker processes costs more than it saves.
PARALLEL_FROM_BYTES = 8 << 20


@dataclass
class ExportParams:
    name: str
    version: str | None  # None: the next semantic version after the latest one
    silver: bool = False
    splits: SplitParams = field(default_factory=SplitParams)
    max_misaligned_silver: float = 0.01  # share of silver entity spans that may be dropped
    workers: int = 0  # processes; 0: one per core for inputs large enough to gain from it
    annotations: Path | None = None  # the folder of `builder studio pull` snapshots
    policy: str = "latest"  # how several annotations of a sentence resolve (gold.resolve)
    quality: Path | None = None  # a `builder eval` report, shown in the card


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


def _workers(requested: int, sentences: Path) -> int:
    if requested > 0:
        return requested
    with contextlib.suppress(OSError):
        if sentences.stat().st_size < PARALLEL_FROM_BYTES:
            return 1
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def export(sentences: Path, prelabels: Path, out: Path, params: ExportParams) -> ExportResult:
    schema = labels()
    quality = None if params.quality is None else read_quality(params.quality)
    if quality is not None and not quality["sentences"]:
        quality = None  # nothing human-labelled to score against: nothing to show or record
    # Gold: resolved human annotations (the Label Studio round trip). Silver pre-labels fill
    # the other sentences only when asked for explicitly.
    gold = Gold() if params.annotations is None else load_gold(params.annotations, params.policy)
    check_gold(gold, schema, params.annotations)
    if not params.silver and not gold:
        where = (
            "no human annotations given"
            if params.annotations is None
            else f"no gold sentence in {params.annotations} (policy {params.policy})"
        )
        raise BuilderError(E504_NO_GOLD, f"{where}: pass --silver to export pre-labels")
    schemas = {c: features_for(c, schema).arrow_schema for c in CONFIGS}
    setup = Setup(
        Sources(str(sentences), str(prelabels)),
        params.splits,
        Encoder(schema),
        wide_schema(schemas),
        Permutations.datasketch(params.splits.near_duplicate_threshold, NUM_PERM),
        gold,
        params.silver,
    )

    dataset = out / params.name
    if params.version is not None:  # refused before any work
        parse(params.version)
        _check_new(dataset / params.version)
    created = not dataset.exists()
    dataset.mkdir(parents=True, exist_ok=True)
    # The version depends on the heuristics versions, known once every row is read: the rows
    # go to a temporary folder first, renamed to the version when all is written.
    tmp = Path(tempfile.mkdtemp(prefix=".export.", dir=dataset))
    try:
        with (
            ThreadPoolExecutor(1) as hashing,  # hashlib lets go of the GIL: hashes for free
            Runner(setup, _workers(params.workers, sentences)) as runner,
        ):
            digests = [hashing.submit(_sha256, p) for p in (sentences, prelabels)]
            assignment = _assign(runner, read_lines(sentences, CHUNK), params.splits)
            chunks = read_chunks(sentences, prelabels, CHUNK)
            stats = _write_parquet(tmp, runner, chunks, assignment, schemas, params)
            if not stats.rows.sum():  # a version without rows could not even be loaded
                raise BuilderError(E504_NO_GOLD, _no_rows(sentences, params, stats))
            inputs = {
                "sentences": {"file": sentences.name, "sha256": digests[0].result()},
                "prelabels": {"file": prelabels.name, "sha256": digests[1].result()},
            }
        if gold.sha256 is not None:
            # The folder's name, not the path as typed: the bytes must not depend on the cwd.
            folder = Path(params.annotations).resolve().name if params.annotations else ""
            inputs["annotations"] = {"folder": folder, "sha256": gold.sha256}
        if params.quality is not None and quality is not None:
            inputs["quality"] = {"file": params.quality.name, "sha256": _sha256(params.quality)}
        manifest = _manifest(
            params.name, "", inputs, params, schema, assignment, stats, sentences.parent
        )
        # The bump compares this manifest with the latest one, read the same way.
        version = params.version or next_version(dataset, fingerprint(manifest))
        manifest["version"] = version
        target = dataset / version
        _check_new(target)
        manifest["gold"] = _gold_summary(gold, stats)
        manifest["balance"] = balance(manifest["label_counts"])
        manifest["quality"] = quality
        manifest["files"] = {
            f"{config}/{split}.parquet": _sha256(tmp / config / f"{split}.parquet")
            for config in CONFIGS
            for split in SPLITS
            if (tmp / config / f"{split}.parquet").exists()
        }
        write_card(tmp, manifest, schema)
        tmp.rename(target)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        if created:
            with contextlib.suppress(OSError):
                dataset.rmdir()
        raise
    return ExportResult(target, manifest, stats.misaligned)


_QUALITY_ROW = ("layer", "name", "label", "precision", "recall", "f1", "support")


def read_quality(path: Path) -> dict[str, Any]:
    """The summary of a `builder eval` report, checked as far as the card reads it."""
    try:
        summary = json.loads(path.read_bytes())["summary"]
        if not isinstance(summary["sentences"], int) or not isinstance(
            summary["model_version"], str
        ):
            raise TypeError("sentences or model_version")
        for i, row in enumerate(summary["rows"]):
            missing = [k for k in _QUALITY_ROW if k not in row]
            if missing:
                raise KeyError(f"rows[{i}] lacks {', '.join(missing)}")
    except OSError as exc:
        raise InputError(E508_BAD_QUALITY, str(path), f"cannot read: {exc.strerror}") from exc
    except (ValueError, KeyError, TypeError) as exc:
        problem = f"not a `builder eval` report ({type(exc).__name__}: {exc})"
        raise InputError(E508_BAD_QUALITY, str(path), problem) from exc
    return dict(summary)


def _no_rows(sentences: Path, params: ExportParams, stats: Stats) -> str:
    if params.silver:
        return f"no row to export: {sentences} holds no sentence"
    stale = f" ({len(stats.stale_gold)} changed text since)" if stats.stale_gold else ""
    return (
        f"no row to export: no annotated sentence of {params.annotations} is in {sentences} "
        f"as it was annotated{stale}; pass --silver for pre-labels"
    )


def _check_new(target: Path) -> None:
    if target.exists():
        raise BuilderError(
            E501_VERSION_EXISTS, f"{target} exists: versions are immutable, bump --version"
        )


def _assign(runner: Runner, lines: Iterator[Lines], params: SplitParams) -> Assignment:
    """First pass, over sentences.jsonl alone: split assignment."""
    collector = Collector(params)
    for got in runner.map(keys, lines):
        collector.add_many(got.ids, got.doc_ids, got.norms)
    sigs = all_signatures(runner, collector.texts())
    return collector.assignment(sigs, runner.setup.perms)


def _params(params: ExportParams) -> dict[str, Any]:
    return {
        "silver": params.silver,
        "policy": params.policy,
        "splits": asdict(params.splits),
        "max_misaligned_silver": params.max_misaligned_silver,
    }


def _gold_summary(gold: Gold, stats: Stats) -> dict[str, Any]:
    """What became of the human annotations: the manifest's and the card's account."""
    exported = stats.sources.get("gold", 0)
    # No annotations given: the figures of an empty resolution, under no policy.
    none = {**Resolution("").summary(), "policy": None, "agreement": None}
    return {
        **(gold.summary or none),
        "exported": exported,
        "stale": len(stats.stale_gold),  # text changed since annotation: not used
        "stale_ids": sorted(stats.stale_gold)[:100],
        "not_in_sentences": len(gold) - exported - len(stats.stale_gold),
        "ambiguous_ids": [sid for sid, _ in gold.ambiguous][:100],
        "unlabelled_classes": dict(sorted(stats.unlabelled.items())),
    }


def _write_parquet(
    root: Path,
    runner: Runner,
    chunks: Iterator[Chunk],
    assignment: Assignment,
    schemas: dict[str, Any],
    params: ExportParams,
) -> Stats:
    """Second pass: rows to parquet, by split."""
    stats = Stats(runner.setup.encoder)
    writers = Writers(root, schemas)
    split_index = {s: i for i, s in enumerate(SPLITS)}
    group = params.splits.grouper()
    try:
        for got in runner.map(rows, chunks):
            stats.model_versions |= got.model_versions
            stats.misaligned.extend(got.misaligned)
            stats.misaligned_gold.extend(got.misaligned_gold)
            stats.stale_gold.extend(got.stale_gold)
            stats.entity_spans += got.entity_spans
            if not len(got.table):
                continue
            docs = got.table.column("doc_id").combine_chunks().dictionary_encode()
            codes = np.array(
                [split_index[assignment.split_of(group(d))] for d in docs.dictionary.to_pylist()],
                dtype=np.intp,
            )
            split = codes[docs.indices.to_numpy()]
            stats.count(split, got.table)
            present = np.unique(split).tolist()
            for i in present:
                part = got.table if len(present) == 1 else got.table.filter(split == i)
                writers.add(SPLITS[i], part)
    finally:
        writers.close()
    if stats.misaligned_gold:
        shown = "; ".join(map(str, stats.misaligned_gold[:5]))
        raise BuilderError(
            E502_MISALIGNED,
            f"{len(stats.misaligned_gold)} gold entity spans do not align to tokens (gold may "
            f"lose nothing): {shown}",
        )
    share = len(stats.misaligned) / stats.entity_spans if stats.entity_spans else 0.0
    if share > params.max_misaligned_silver:
        shown = "; ".join(map(str, stats.misaligned[:5]))
        raise BuilderError(
            E502_MISALIGNED,
            f"{len(stats.misaligned)} entity spans do not align to tokens ({share:.2%} > "
            f"{params.max_misaligned_silver:.2%}): {shown}",
        )
    return stats


def _git_revision(where: Path) -> str | None:
    """The revision of the git repository that holds the inputs (not of the working directory,
    so that the manifest does not depend on where the command runs)."""
    import subprocess

    with contextlib.suppress(OSError, subprocess.SubprocessError):
        out = subprocess.run(
            ["git", "rev-parse", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
            cwd=where.resolve(),
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
    stats: Stats,
    where: Path,
) -> dict[str, Any]:
    test_groups = sorted(g for g, s in assignment.split_of_group.items() if s == "test")
    return {
        "name": name,
        "version": version,
        "label_schema_sha256": schema.sha,
        "heuristics_versions": sorted(stats.model_versions),
        "inputs": inputs,
        "params": _params(params),
        "git_revision": _git_revision(where),
        "rows": {c: stats.rows_by_split() for c in CONFIGS},
        "label_counts": stats.label_counts(),
        "sources": dict(sorted(stats.sources.items())),
        "misaligned_entity_spans": len(stats.misaligned),
        # Every silver span left out, so that none is lost without its sentence id.
        "misaligned_entities": sorted(
            [m.sentence_id, m.start, m.end, m.label, m.reason] for m in stats.misaligned
        ),
        "leaks": [leak.to_dict() for leak in assignment.leaks],
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
