"""Dataset figures for DVC, taken from a version's manifest: ``dvc metrics show`` reads the
numbers, ``dvc plots show`` / ``dvc plots diff`` the label counts."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from builder.jsonl import atomic_output


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
