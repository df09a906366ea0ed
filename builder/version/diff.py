"""What changed between two versions of a dataset: examples, label counts, the test set."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

from builder.version.layout import CONFIGS, SPLITS, split_file
from builder.version.semver import manifest

EXAMPLES = 5  # ids shown per kind of change


def _row_hashes(path: Path) -> dict[str, str]:
    """id -> hash of the whole row, for one parquet file (empty when the split has none)."""
    if not path.is_file():
        return {}
    out = {}
    for row in pq.read_table(path).to_pylist():
        blob = json.dumps(row, sort_keys=True, ensure_ascii=False).encode()
        out[row["id"]] = hashlib.blake2b(blob, digest_size=12).hexdigest()
    return out


def _counts(m: dict[str, Any], config: str, split: str) -> dict[str, int]:
    counts: dict[str, int] = m["label_counts"][config][split]
    return counts


def diff(dataset: Path, a: str, b: str) -> dict[str, Any]:
    ma, mb = manifest(dataset, a), manifest(dataset, b)
    configs: dict[str, Any] = {}
    labels: dict[str, Any] = {}
    for config in CONFIGS:
        configs[config], labels[config] = {}, {}
        for split in SPLITS:
            old = _row_hashes(split_file(dataset / a, config, split))
            new = _row_hashes(split_file(dataset / b, config, split))
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
        "from": a,
        "to": b,
        "examples": configs,
        "label_deltas": labels,
        "test_drift": {"added": sorted(test_b - test_a), "removed": sorted(test_a - test_b)},
        "heuristics": {"from": ma["heuristics_versions"], "to": mb["heuristics_versions"]},
        "label_schema_changed": ma["label_schema_sha256"] != mb["label_schema_sha256"],
    }
