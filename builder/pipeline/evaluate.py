"""Evaluate: the heuristics against human labels, and annotators against each other."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from builder.gold.resolve import Policy


def evaluate(
    sentences_path: Path,
    prelabels: Path,
    annotations: Path,
    output: Path | None = None,
    *,
    policy: Policy = Policy.latest,
) -> dict[str, Any]:
    """The quality report (`builder eval`): heuristics against human labels, annotators
    against each other; also written to ``output`` (JSON, stable bytes) if given."""
    from builder.quality.evaluate import evaluate as quality_report
    from builder.quality.evaluate import write_report

    report = quality_report(sentences_path, prelabels, annotations, policy)
    if output is not None:
        write_report(output, report)
    return report
