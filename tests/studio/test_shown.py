"""`shown` follows the annotation's parent_prediction, against a real server (and offline)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from builder.jsonl import read_records
from builder.studio.pull import slug
from builder.studio.shown import needs_predictions, shown_prediction
from tests.studio.conftest import Project
from tests.studio.test_roundtrip import _choice, _new_version, _ok, _sentences


def _records(out: Path, project: Project) -> dict[int, dict[str, Any]]:
    folder = out / slug(project.title)
    pointer = json.loads((folder / "latest.json").read_text())
    return {r["task_id"]: r for r in read_records(folder / pointer["records"])}


@pytest.mark.studio
def test_shown_is_the_parent_prediction_and_null_from_scratch(
    project: Project, corpus: Path, tmp_path: Path
) -> None:
    _ok(project.cli("push", str(corpus / "prelabels.jsonl")))
    old = project.live.studio.project(project.id)["model_version"]
    _ok(project.cli("push", str(_new_version(corpus, tmp_path))))  # a second prediction each
    new = project.live.studio.project(project.id)["model_version"]
    assert new != old
    first, second, third = (project.task_for(s["id"]) for s in _sentences(corpus)[:3])

    def prediction(task: dict[str, Any], version: str) -> int:
        return int(next(p["id"] for p in task["predictions"] if p["model_version"] == version))

    label = [_choice("sentiment", "neutral")]
    project.annotate(first["id"], label, parent_prediction=prediction(first, old))
    project.annotate(second["id"], label, parent_prediction=prediction(second, new))
    project.annotate(third["id"], label)  # from scratch: no parent prediction

    out = tmp_path / "annotations"
    _ok(project.cli("pull", "-o", str(out)))
    records = _records(out, project)
    # Label Studio embeds the current version's prediction in all three; only the parent
    # says what each annotator started from.
    assert records[first["id"]]["shown"]["model_version"] == old
    assert records[second["id"]]["shown"]["model_version"] == new
    assert records[third["id"]]["shown"] is None


def test_an_embedded_prediction_that_is_not_the_parent_is_not_shown() -> None:
    current = {"id": 7, "model_version": "v2", "result": []}
    older = {"id": 3, "model_version": "v1", "result": []}
    scratch = {"id": 1, "prediction": current, "parent_prediction": None}
    from_old = {"id": 2, "prediction": current, "parent_prediction": 3}
    from_current = {"id": 3, "prediction": current, "parent_prediction": 7}
    task: dict[str, Any] = {"annotations": [scratch, from_old, from_current], "predictions": [7, 3]}
    assert shown_prediction(scratch, task) is None
    assert shown_prediction(from_current, task) == {"model_version": "v2", "result": []}
    assert needs_predictions([task])  # the older parent is not embedded anywhere
    task["predictions"] = [current, older]  # exported in full, not only their ids
    assert not needs_predictions([task])
    assert shown_prediction(from_old, task) == {"model_version": "v1", "result": []}
