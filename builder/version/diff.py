"""What changed between two versions of a dataset: examples, label counts, the test set."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from builder.errors import E512_DAMAGED_VERSION, InputError
from builder.version.layout import CONFIGS, SPLITS, split_file, split_names
from builder.version.semver import RESTORE, manifest, parse

EXAMPLES = 5  # ids shown per kind of change


def _row_hashes(path: Path, listed: bool) -> dict[str, str]:
    """id -> hash of the whole row, for one parquet file (empty when the split has none). A
    file the manifest lists must be there and readable."""
    if not path.is_file():
        if listed:
            problem = f"missing, though its manifest.json lists it: {RESTORE}"
            raise InputError(E512_DAMAGED_VERSION, str(path), problem)
        return {}
    try:
        table = pq.read_table(path)
    except (pa.ArrowException, OSError) as exc:
        problem = f"cannot be read as parquet ({exc}): {RESTORE}"
        raise InputError(E512_DAMAGED_VERSION, str(path), problem) from None
    if "id" not in table.column_names:
        problem = f"has no `id` column: not a split of builder export: {RESTORE}"
        raise InputError(E512_DAMAGED_VERSION, str(path), problem)
    out = {}
    for row in table.to_pylist():
        blob = json.dumps(row, sort_keys=True, ensure_ascii=False).encode()
        out[row["id"]] = hashlib.blake2b(blob, digest_size=12).hexdigest()
    return out


def _split_rows(version: Path, m: dict[str, Any], config: str, split: str) -> dict[str, str]:
    """id -> row hash of a split: of every shard the manifest lists, or of the one file a
    manifest without a file list may have."""
    listed = split_names(m.get("files", {}), config, split)
    if not listed:
        return _row_hashes(split_file(version, config, split), False)
    out: dict[str, str] = {}
    for name in listed:
        out.update(_row_hashes(version / name, True))
    return out


def _counts(m: dict[str, Any], config: str, split: str) -> dict[str, int]:
    counts: dict[str, int] = m["label_counts"][config][split]
    return counts


def _fill_ups(a: list[dict[str, str]], b: list[dict[str, str]]) -> dict[str, Any]:
    """The groups the fill-up rule placed in either version (the only ones that more documents
    may move), and where those of ``a`` went: still filled the same way, elsewhere by the
    fill-up, or back to the split their hash gave them."""
    now = {f["group"]: f["moved_to"] for f in b}
    moved = [
        {"group": f["group"], "from": f["moved_to"], "to": now.get(f["group"], f["was_in"])}
        for f in a
        if now.get(f["group"], f["was_in"]) != f["moved_to"]
    ]
    return {"from": a, "to": b, "moved": moved}


def diff(dataset: Path, a: str, b: str) -> dict[str, Any]:
    parse(a), parse(b)  # both names checked before either folder is read (`../x` is no version)
    ma, mb = manifest(dataset, a), manifest(dataset, b)
    configs: dict[str, Any] = {}
    labels: dict[str, Any] = {}
    for config in CONFIGS:
        configs[config], labels[config] = {}, {}
        for split in SPLITS:
            old = _split_rows(dataset / a, ma, config, split)
            new = _split_rows(dataset / b, mb, config, split)
            added = sorted(new.keys() - old.keys())
            removed = sorted(old.keys() - new.keys())
            changed = sorted(k for k in old.keys() & new.keys() if old[k] != new[k])
            configs[config][split] = {
                "added": len(added),
                "removed": len(removed),
                "changed": len(changed),
                "examples": {
                    "added": added[:EXAMPLES],
                    "removed": removed[:EXAMPLES],
                    "changed": changed[:EXAMPLES],
                },
            }
            ca, cb = _counts(ma, config, split), _counts(mb, config, split)
            deltas = {k: cb.get(k, 0) - ca.get(k, 0) for k in sorted(ca.keys() | cb.keys())}
            labels[config][split] = {k: d for k, d in deltas.items() if d}
    test_a, test_b = set(ma["test_ledger"]["group_ids"]), set(mb["test_ledger"]["group_ids"])
    return {
        "fill_ups": _fill_ups(ma.get("fill_ups", []), mb.get("fill_ups", [])),
        "from": a,
        "to": b,
        "examples": configs,
        "label_deltas": labels,
        "test_drift": {"added": sorted(test_b - test_a), "removed": sorted(test_a - test_b)},
        "heuristics": {"from": ma["heuristics_versions"], "to": mb["heuristics_versions"]},
        "label_schema_changed": ma["label_schema_sha256"] != mb["label_schema_sha256"],
    }
