"""Disagreements go to a reviewer: one review task per disputed sentence, each annotator's
version shown as a prediction, so the reviewer picks one or merges them. The task names every
layer the annotators disagree on (``dispute``, ``disputed_layers``), not only the first.

The review project is titled ``<project>-review`` and has the same labeling config. Its tasks
carry the same ``sentence_id``, so ``builder studio pull --project <project>-review`` writes
``annotations/<project>-review/``, which the ``adjudicated`` resolution policy reads as the
final word. Re-running creates review tasks only for new disputes.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from builder.errors import E740_NO_SNAPSHOT, InputError
from builder.gold.resolve import Policy, recency, resolve
from builder.gold.snapshots import REVIEW_SUFFIX, current, read_file
from builder.labels import LabelSchema
from builder.quality.agreement import latest_annotations
from builder.studio.apply import Outcome, import_once
from builder.studio.client import Studio
from builder.studio.project import init as init_project

REVIEW_VERSION = "annotators"  # the model_version of the annotators' versions in review tasks


def review_title(project: str) -> str:
    return f"{project}{REVIEW_SUFFIX}"


@dataclass
class Dispute:
    sentence_id: str
    reason: str
    task: dict[str, Any]  # the review task to import
    layers: tuple[str, ...] = ()  # every disputed layer, not only the first


def disputes(folder: Path) -> list[Dispute]:
    """Review tasks for every sentence whose annotators disagree, from the current snapshot."""
    found = current(folder)
    if found is None or found.tasks is None:
        raise InputError(
            E740_NO_SNAPSHOT, str(folder), "no snapshot here: run `builder studio pull` first"
        )
    records = list(read_file(found.records))
    # Every annotation's raw result and its task, whichever task of a sentence holds it (a
    # sentence with two tasks keeps the versions from both).
    results: dict[int, tuple[list[Any], dict[str, Any]]] = {}
    for task in orjson.loads(found.tasks.read_bytes()):
        for ann in task["annotations"]:
            results[int(ann["id"])] = (ann["result"], task["data"])
    # The versions strict resolution compares: each annotator's latest, on the latest text.
    latest = latest_annotations(records)
    out = []
    resolution = resolve(records, Policy.strict)
    for sid, reason in resolution.ambiguous:
        layers = tuple(resolution.disputed[sid])
        votes = latest[sid]
        newest = results[int(max(votes, key=recency)["annotation_id"])][1]
        data = {k: v for k, v in newest.items() if not k.startswith("priority")}
        data["annotators"] = " | ".join(
            f"{i + 1}: {vote['annotator']}" for i, vote in enumerate(votes)
        )
        data["dispute"] = reason
        data["disputed_layers"] = ", ".join(layers)  # a Data Manager column to filter on
        predictions = [
            {
                "model_version": REVIEW_VERSION,
                "score": 1.0,
                "result": results[int(vote["annotation_id"])][0],
            }
            for vote in votes
        ]
        out.append(Dispute(sid, reason, {"data": data, "predictions": predictions}, layers))
    return out


def adjudicate(
    studio: Studio, project: str, folder: Path, schema: LabelSchema
) -> tuple[dict[str, Any], int, int]:
    """(review project, review tasks created, disputes already under review)."""
    found = disputes(folder)
    review, _ = init_project(studio, review_title(project), schema)
    pid = int(review["id"])
    held = studio.export(pid, all_tasks=True, predictions=False)
    existing = {str((t.get("data") or {}).get("sentence_id")) for t in held}
    todo = [d.task for d in found if d.sentence_id not in existing]
    high_water = max((int(t["id"]) for t in held), default=0)
    outcome = Outcome()
    for i in range(0, len(todo), 500):
        high_water = import_once(studio, pid, todo[i : i + 500], high_water, outcome)
    if review.get("model_version") != REVIEW_VERSION:
        studio.update_project(pid, model_version=REVIEW_VERSION)
    return review, len(todo), len(found) - len(todo)
