"""`builder eval`: the quality loop's report, from files only (no server).

Reads the corpus (sentences.jsonl), the pre-labels that were shown to annotators
(prelabels.jsonl) and the pulled annotation snapshots, and measures:

- ``scorecard``: every heuristic and the aggregated prediction against the gold resolved by
  ``policy`` (P/R/F1 exact and overlap, per label), and what annotators did to the pre-labels
  (acceptance, deletion, boundary-edit, relabel rates);
- ``agreement``: between annotators, on the sentences several of them labelled;
- ``disagreements``: the sentences they disagree on, item by item (the first 100);
- ``summary``: the headline rows, flat, for the dataset card and ``dvc metrics``.

The heuristics' votes on the annotated sentences come from ``prelabels.votes.parquet`` beside
the pre-labels while it is fresh, else from a re-run (the same figures, slower);
``evaluate_checked`` says which.

Everything is sorted and carries no timestamp: the same inputs give the same bytes, so DVC
sees a change only when a figure changed.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from builder.errors import E503_UNJOINED
from builder.gold.resolve import Policy, as_policy, resolve
from builder.gold.snapshots import read_snapshots
from builder.jsonl import atomic_output
from builder.prelabel.apply import Prelabeler
from builder.prelabel.io import read_sentences
from builder.prelabel.records import joined_records
from builder.prelabel.stored import VotesCheck, stored_labelled
from builder.quality.agreement import agreement, disagreements
from builder.quality.edits import ENTITY_OUTCOMES
from builder.quality.scorecard import scorecard

SHOWN_DISAGREEMENTS = 100


def evaluate(
    sentences: Path,
    prelabels: Path,
    annotations: Path,
    policy: Policy | str = Policy.latest,
    prelabeler: Prelabeler | None = None,
) -> dict[str, Any]:
    return evaluate_checked(sentences, prelabels, annotations, policy, prelabeler)[0]


def evaluate_checked(
    sentences: Path,
    prelabels: Path,
    annotations: Path,
    policy: Policy | str = Policy.latest,
    prelabeler: Prelabeler | None = None,
) -> tuple[dict[str, Any], VotesCheck]:
    """The report, and whether the stored votes were used (if not, why)."""
    policy = as_policy(policy)  # a policy given by name is checked before any work (E802)
    snapshots = read_snapshots(annotations)
    resolution = resolve(snapshots.annotations, policy, snapshots.adjudications)
    annotated = {str(r["sentence_id"]) for r in snapshots.annotations}
    # Only the pre-labels of annotated sentences are kept: a corpus can be large. Every one
    # is checked as export checks them (schema, its sentence, one version, nothing extra).
    shown = [
        labels
        for sent, labels in joined_records(sentences, prelabels, E503_UNJOINED)
        if sent.id in annotated
    ]
    prelabeler = prelabeler or Prelabeler()
    labelled, check = stored_labelled(
        prelabels,
        read_sentences(sentences),
        prelabeler,
        wanted=resolution.gold,
        shown={str(p["sentence_id"]): p for p in shown},
    )
    card = scorecard(
        read_sentences(sentences),
        resolution.gold,
        shown,
        snapshots.annotations,
        prelabeler,
        texts=resolution.text,
        labelled=labelled,
    )
    disputes = disagreements(snapshots.annotations)
    report = {
        "policy": policy.value,
        "resolution": resolution.summary(),
        "summary": summary(card),
        "scorecard": card,
        "agreement": agreement(snapshots.annotations),
        "disagreements": {
            "sentences": len(disputes),
            "first": disputes[:SHOWN_DISAGREEMENTS],
        },
    }
    return report, check


def _row(layer: str, name: str, label: str, prf: dict[str, Any]) -> dict[str, Any]:
    return {
        "layer": layer,
        "name": name,
        "label": label,
        "precision": prf["precision"],
        "recall": prf["recall"],
        "f1": prf["f1"],
        "support": prf["n_gold"],
    }


def summary(card: dict[str, Any]) -> dict[str, Any]:
    """Headline rows: the aggregated prediction per layer and label (entities: exact spans),
    then each heuristic's micro (entities) or cue (claims) scores."""
    rows: list[dict[str, Any]] = []
    entities = card.get("entities")
    if entities:
        for label, prf in sorted(entities["aggregated"]["exact"].items()):
            rows.append(_row("entities", "aggregated", label, prf))
        for name, scores in sorted(entities["heuristics"].items()):
            if scores["exact"]["micro"]["n_pred"]:
                rows.append(_row("entities", name, "micro", scores["exact"]["micro"]))
    claims = card.get("claims")
    if claims:
        for part in ("cue", "source", "content"):
            rows.append(_row("claims", "aggregated", part, claims["aggregated"][part]))
        for name, scores in sorted(claims["heuristics"].items()):
            if scores["cue"]["n_pred"]:
                rows.append(_row("claims", name, "cue", scores["cue"]))
    for layer in ("check_worthy", "sentiment"):
        got = card.get(layer)
        if got:
            for label, prf in sorted(got["aggregated"]["per_class"].items()):
                rows.append(_row(layer, "aggregated", label, prf))
    edits = card["edits"]["entities"]
    return {
        "model_version": card["model_version"],
        "sentences": card["sentences"]["scored"],
        "rows": rows,
        "macro_f1": {
            layer: card[layer]["aggregated"]["macro_f1"]
            for layer in ("check_worthy", "sentiment")
            if card.get(layer)
        },
        # Every outcome's rate (they add up to 1), then the spans annotators added (a count).
        "entity_edits": {k: edits[k] for k in ENTITY_OUTCOMES} | {"added": edits["added"]},
    }


def write_report(path: Path, report: dict[str, Any]) -> None:
    """The report as sorted, indented JSON (stable bytes for `dvc metrics diff`)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with atomic_output(path) as fh:
        fh.write((json.dumps(report, indent=2, sort_keys=True) + "\n").encode())
