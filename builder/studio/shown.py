"""Which prediction an annotation started from: the one its ``parent_prediction`` names.

Label Studio embeds a ``prediction`` in every annotation it exports, but that is the task's
prediction of the project's *current* model version when the annotation was saved, whichever
prediction (if any) the annotator started from. The annotation's ``parent_prediction`` is what
it started from: an annotation made from scratch has none, and shows nothing (``shown: null``),
so edit rates never count a from-scratch annotation as edits of a prediction nobody saw.

The embedded prediction serves when it is the parent (the usual case); when the parent is
another one (an older version's prediction, say), it is looked up among the task's predictions,
which a pull then exports too (:func:`needs_predictions`; rare, so no pull pays for it unasked).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any


def _parent(ann: dict[str, Any]) -> int | None:
    parent = ann.get("parent_prediction")
    if isinstance(parent, dict):  # some servers expand it
        parent = parent.get("id")
    return parent if type(parent) is int else None


def _embedded(ann: dict[str, Any], parent: int) -> dict[str, Any] | None:
    pred = ann.get("prediction")
    if isinstance(pred, dict) and pred.get("id") == parent:
        return pred
    return None


def needs_predictions(tasks: Iterable[dict[str, Any]]) -> bool:
    """Whether an annotation started from a prediction that its export does not embed (and
    the export carries no predictions to find it among)."""
    for task in tasks:
        if any(isinstance(p, dict) for p in task.get("predictions") or []):
            continue  # exported with its predictions (not only their ids)
        for ann in task.get("annotations") or []:
            parent = _parent(ann)
            if parent is not None and _embedded(ann, parent) is None:
                return True
    return False


def shown_prediction(ann: dict[str, Any], task: dict[str, Any]) -> dict[str, Any] | None:
    """``{"model_version", "result"}`` of the prediction ``ann`` started from, or None when
    it started from none (or that prediction is gone: deleting a model version's predictions
    sets ``parent_prediction`` to null)."""
    parent = _parent(ann)
    if parent is None:
        return None
    pred = _embedded(ann, parent)
    if pred is None:
        pred = next(
            (
                p
                for p in task.get("predictions") or []
                if isinstance(p, dict) and p.get("id") == parent
            ),
            None,
        )
    if pred is None or not isinstance(pred.get("result"), list):
        return None
    return {"model_version": pred.get("model_version"), "result": pred["result"]}
