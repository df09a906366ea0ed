"""The manifest of a dataset version: what went in (inputs and their hashes, parameters, the
git revision), what came out (rows, label counts, left-out spans, leaks, the test ledger) and
what became of the human annotations.

Its bytes must not depend on where or when the command runs: no timestamps, no working
directory, file names rather than paths.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from dataclasses import asdict
from pathlib import Path
from typing import Any

from builder.errors import E508_BAD_QUALITY, InputError
from builder.export.gold import Gold
from builder.export.names import CONFIGS
from builder.export.params import ExportParams
from builder.export.parquet import Stats
from builder.export.records import CONFIG_LAYERS
from builder.export.splits import Assignment
from builder.gold.resolve import Policy, Resolution
from builder.labels import LabelSchema

SKIPPED_WHY = (
    "every annotator of the sentence pressed Skip in Label Studio (cannot label it): no gold, "
    "and no silver unless --silver-skipped"
)
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


def _params(params: ExportParams) -> dict[str, Any]:
    return {
        "silver": params.silver,
        "silver_skipped": params.silver_skipped,
        "policy": str(params.policy),
        "splits": asdict(params.splits),
        "max_misaligned_silver": params.max_misaligned_silver,
    }


def gold_summary(gold: Gold, stats: Stats) -> dict[str, Any]:
    """What became of the human annotations: the manifest's and the card's account."""
    exported = stats.sources.get("gold", 0)
    # No annotations given: the figures of an empty resolution, under no policy.
    none = {**Resolution(Policy.latest).summary(), "policy": None, "agreement": None}
    return {
        **(gold.summary or none),
        "exported": exported,
        "stale": len(stats.stale_gold),  # text changed since annotation: not used
        "stale_ids": sorted(stats.stale_gold)[:100],
        "not_in_sentences": len(gold) - exported - len(stats.stale_gold),
        "ambiguous_ids": [sid for sid, _ in gold.ambiguous][:100],
        # Per config, the sentences it lacks because annotators dispute one of its layers
        # (their other configs keep the gold).
        "disputed_rows_left_out": {
            config: sum(1 for out in gold.disputed.values() if out & set(layers))
            for config, layers in CONFIG_LAYERS.items()
        },
        "skipped_ids": sorted(gold.skipped)[:100],
        "skipped_why": SKIPPED_WHY,
        "unlabelled_classes": dict(sorted(stats.unlabelled.items())),
    }


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


def build_manifest(
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
        "rows": {c: stats.rows_by_split(c) for c in CONFIGS},
        "label_counts": stats.label_counts(),
        "sources": dict(sorted(stats.sources.items())),
        "misaligned_entity_spans": len(stats.misaligned),
        # Every silver span left out, so that none is lost without its sentence id.
        "misaligned_entities": sorted(
            [m.sentence_id, m.start, m.end, m.label, m.reason] for m in stats.misaligned
        ),
        # One entry per group moved by duplicates (a count and an example), not per link.
        "leaks": [move.to_dict() for move in assignment.moves],
        # Groups placed by the fill-up rule (small corpora): the only ones a later export with
        # more documents may move. Splits asked for that no group could fill.
        "fill_ups": [fill.to_dict() for fill in assignment.fills],
        "empty_splits": assignment.empty,
        "test_ledger": {
            "groups": len(test_groups),
            "sha256": hashlib.sha256("\n".join(test_groups).encode()).hexdigest(),
            "group_ids": test_groups,
        },
    }
