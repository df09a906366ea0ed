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
    first, second, third = (s["id"] for s in _sentences(corpus)[:3])

    def prediction(sentence_id: str, version: str) -> tuple[int, int]:
        task = project.task_for(sentence_id)
        found = [p["id"] for p in task["predictions"] if p["model_version"] == version]
        assert len(found) == 1, task["predictions"]  # one prediction per task
        return int(task["id"]), int(found[0])

    label = [_choice("sentiment", "neutral")]
    task, parent = prediction(first, old)
    project.annotate(task, label, parent_prediction=parent)  # human work: kept as it is
    _ok(project.cli("push", str(_new_version(corpus, tmp_path))))  # renews the others
    new = project.live.studio.project(project.id)["model_version"]
    assert new != old
    assert prediction(first, old)[0] == task  # the annotated task kept its prediction
    task, parent = prediction(second, new)
    project.annotate(task, label, parent_prediction=parent)
    project.annotate(project.task_for(third)["id"], label)  # from scratch: no parent
    ids = {s: project.task_for(s)["id"] for s in (first, second, third)}

    out = tmp_path / "annotations"
    _ok(project.cli("pull", "-o", str(out)))
    records = _records(out, project)
    # Label Studio embeds the project's current prediction in exported annotations; only the
    # parent says what each annotator started from (the offline test below: an embedded
    # prediction that is not the parent).
    assert records[ids[first]]["shown"]["model_version"] == old
    assert records[ids[second]]["shown"]["model_version"] == new
    assert records[ids[third]]["shown"] is None


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
