"""`builder export`: sentences + labels -> ``<out>/<name>/<version>/`` (parquet, card, manifest).

One pass over the inputs (``passes.py``), never the whole corpus in memory as rows: rows are
built, chunk by chunk, into Arrow files of the staging folder, with what split assignment needs
of each sentence (which needs every sentence: groups, duplicates across groups); once the
splits are resolved, the parquet files are written from those files, each split of each config
in shards of a fixed number of rows (``shards.py``) with fixed-size row groups, so that the
bytes are the same on every run. Every step works on chunks (or shards), in worker processes
when there are cores to spare (``workers``) or in a Ray cluster's, and takes the results in
input order: the output does not depend on them. The version folder is built under a temporary
name and renamed when complete; its manifest (``manifest.py``) decides the version number.
"""

from __future__ import annotations

import os
import shutil
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from builder.errors import E501_VERSION_EXISTS, E504_NO_GOLD, BuilderError
from builder.export.bio import Misaligned
from builder.export.digest import sha256_of
from builder.export.gold import Gold, check_gold, load_gold
from builder.export.inputs import Sources, read_chunks
from builder.export.manifest import build_manifest, gold_summary, read_quality
from builder.export.names import CONFIGS, Encoder
from builder.export.params import ExportParams
from builder.export.parquet import Stats
from builder.export.passes import write_parquet, write_rows
from builder.export.records import wide_schema
from builder.export.shards import PARTS
from builder.export.splits import balance
from builder.export.staging import staging_folder
from builder.export.workers import Runner, Setup
from builder.folders import make_folder, remove_made
from builder.labels import LabelSchema, labels
from builder.minhash import Permutations
from builder.version.semver import fingerprint, next_version, parse
from builder.workers import Later, workers_for

CHUNK = 4096  # sentences per unit of work
NUM_PERM = 64  # MinHash permutations
# Below this size (some 40,000 sentences) starting worker processes costs more than it saves.
PARALLEL_FROM_BYTES = 8 << 20


@dataclass
class ExportResult:
    path: Path
    manifest: dict[str, Any]
    misaligned: list[Misaligned]


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

    dataset = out / params.name
    if params.version is not None:  # refused before any work
        parse(params.version)
        _check_new(dataset / params.version)
    made = make_folder(dataset)  # taken back if the export fails, `-o` too if it made it
    # The version depends on the heuristics versions, known once every row is read: the rows
    # go to a temporary folder first, renamed to the version when all is written.
    tmp: Path | None = None
    try:
        tmp = staging_folder(dataset)  # named after this process; dead exports' ones removed
        os.chmod(tmp, 0o777 & ~_umask())  # mkdtemp makes it 0700: the version follows the umask
        root = tmp.resolve()  # where the workers write: Ray's run in the driver's folder too
        with (
            ThreadPoolExecutor(1) as hashing,  # hashlib lets go of the GIL: hashes for free
            Runner(
                Later(lambda: _setup(sentences, prelabels, params, schema, gold), _PRELOAD),
                workers_for(params.workers, sentences, PARALLEL_FROM_BYTES),
            ) as runner,
        ):
            digests = [hashing.submit(sha256_of, p) for p in (sentences, prelabels)]
            chunks = read_chunks(sentences, prelabels, CHUNK)
            assignment, stats, parts = write_rows(root, runner, chunks, params)
            if not stats.total_rows():  # a version without rows could not even be loaded
                raise BuilderError(E504_NO_GOLD, _no_rows(sentences, params, stats))
            files = write_parquet(root, runner, parts, params.shard_rows)
            shutil.rmtree(root / PARTS)
            inputs = {
                "sentences": {"file": sentences.name, "sha256": digests[0].result()},
                "prelabels": {"file": prelabels.name, "sha256": digests[1].result()},
            }
        if gold.sha256 is not None:
            # The folder's name, not the path as typed: the bytes must not depend on the cwd.
            folder = Path(params.annotations).resolve().name if params.annotations else ""
            inputs["annotations"] = {"folder": folder, "sha256": gold.sha256}
        if params.quality is not None and quality is not None:
            inputs["quality"] = {"file": params.quality.name, "sha256": sha256_of(params.quality)}
        manifest = build_manifest(
            params.name, "", inputs, params, schema, assignment, stats, sentences.parent
        )
        # The bump compares this manifest with the latest one, read the same way.
        version = params.version or next_version(dataset, fingerprint(manifest))
        manifest["version"] = version
        target = dataset / version
        _check_new(target)
        manifest["gold"] = gold_summary(gold, stats)
        manifest["balance"] = balance(manifest["label_counts"])
        manifest["quality"] = quality
        manifest["files"] = dict(sorted(files.items()))
        from builder.export.card import write_card  # (datasets: imported by now)

        write_card(tmp, manifest, schema)
        tmp.rename(target)
    except BaseException:
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)
        remove_made(made)
        raise
    return ExportResult(target, manifest, stats.misaligned)


# What the workers import while this process makes their set-up: the task's module and what
# the set-up unpickles into (Arrow, the export's modules), some 0.8 s a worker.
_PRELOAD = ("builder.export.workers",)


def _setup(
    sentences: Path, prelabels: Path, params: ExportParams, schema: LabelSchema, gold: Gold
) -> Setup:
    """The workers' set-up, made while they start (``pool.Later``): the Arrow schemas come
    from the ``datasets`` features, the permutations from ``datasketch`` (seconds to import
    both, which the workers do not need)."""
    from builder.export.features import features_for

    schemas = {c: features_for(c, schema).arrow_schema for c in CONFIGS}
    return Setup(
        Sources(str(sentences), str(prelabels)),
        params.splits,
        Encoder(schema),
        wide_schema(schemas),
        schemas,
        Permutations.datasketch(params.splits.near_duplicate_threshold, NUM_PERM),
        gold,
        params.silver,
        params.silver_skipped,
    )


def _umask() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return umask


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
