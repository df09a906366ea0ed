"""Evaluate: the heuristics against human labels, and annotators against each other."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from builder.gold.resolve import Policy

if TYPE_CHECKING:
    from builder.prelabel.stored import VotesCheck


def evaluate(
    sentences_path: Path,
    prelabels: Path,
    annotations: Path,
    output: Path | None = None,
    *,
    policy: Policy = Policy.latest,
    model: Path | None = None,
) -> tuple[dict[str, Any], VotesCheck]:
    """The quality report (`builder eval`): heuristics against human labels, annotators
    against each other; also written to ``output`` (JSON, stable bytes) if given. With it,
    whether the heuristics' stored votes were fresh enough to stand in for a run (if not,
    they were re-run: the same figures, slower). ``model``: the learned entity model the
    pre-labels were made with (`builder prelabel --model`), scored as one more voter."""
    from builder.prelabel.apply import Prelabeler
    from builder.prelabel.learned.voter import load_voter
    from builder.quality.evaluate import evaluate_checked, write_report

    prelabeler = None if model is None else Prelabeler(voter=load_voter(model))
    report, votes = evaluate_checked(sentences_path, prelabels, annotations, policy, prelabeler)
    if output is not None:
        write_report(output, report)
    return report, votes
