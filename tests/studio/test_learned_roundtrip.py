"""The learned entity layer through a real Label Studio server: its pre-labels carry the model's
hash in `model_version`, a re-push with the same model renews nothing, and an annotation made
from its prediction comes back with that version as what the annotator was shown."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from builder.cli import app
from builder.jsonl import read_records
from builder.studio.pull import slug
from tests.studio.conftest import Project

pytestmark = pytest.mark.studio


def _ok(*args: str) -> str:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return str(result.output)


def _pulled(project: Project, out: Path) -> list[dict[str, Any]]:
    folder = out / slug(project.title)
    pointer = json.loads((folder / "latest.json").read_text())
    return list(read_records(folder / pointer["records"]))


def test_the_learned_layer_round_trips_with_its_model_version(
    project: Project, corpus: Path, tmp_path: Path
) -> None:
    sentences = tmp_path / "sentences.jsonl"
    sentences.write_bytes((corpus / "sentences.jsonl").read_bytes())
    model, prelabels = tmp_path / "model.crf", tmp_path / "prelabels.jsonl"
    _ok("learn", str(sentences), "--model-out", str(model))
    _ok("prelabel", str(sentences), "-o", str(prelabels), "--model", str(model))
    version = next(read_records(prelabels))["model_version"]
    assert re.fullmatch(r"heuristics-[0-9a-f]{12}\+crf-[0-9a-f]{12}", version)

    assert project.cli("push", str(prelabels), "--sentences", str(sentences)).exit_code == 0
    tasks = project.tasks()
    assert tasks and all([p["model_version"] for p in t["predictions"]] == [version] for t in tasks)
    assert project.live.studio.project(project.id)["model_version"] == version
    again = project.cli("push", str(prelabels), "--sentences", str(sentences), "--json")
    assert again.exit_code == 0, again.output
    assert json.loads(again.stdout)["counts"]["update"] == 0, "the same model: nothing renewed"

    task = tasks[0]
    prediction = task["predictions"][0]
    project.annotate(task["id"], prediction["result"], parent_prediction=prediction["id"])
    out = tmp_path / "annotations"
    assert project.cli("pull", "-o", str(out)).exit_code == 0
    (record,) = _pulled(project, out)
    assert record["shown"]["model_version"] == version


def test_a_voting_claim_model_s_claims_reach_the_annotators(
    project: Project, tmp_path: Path
) -> None:
    """Humans marked "wagered" as a cue, which no heuristic knows: the claim model learned
    from them wins and votes, and the tasks show its claims (claim, source and cue regions,
    related) in the prediction of the model's version."""
    from builder.prelabel.learned.artefact import read_artefact
    from tests.learn.test_claim_model import _annotations, _sentences

    sentences = _sentences(tmp_path, unknown="wagered")
    annotations = _annotations(tmp_path, sentences, ("said", "wagered"))
    model, prelabels = tmp_path / "model.crf", tmp_path / "prelabels.jsonl"
    _ok("learn", str(sentences), "--annotations", str(annotations), "--model-out", str(model))
    assert read_artefact(model).header["claims"]["use"] == "votes"
    _ok("prelabel", str(sentences), "-o", str(prelabels), "--model", str(model))
    version = next(read_records(prelabels))["model_version"]
    assert project.cli("push", str(prelabels), "--sentences", str(sentences)).exit_code == 0
    wagered = [t for t in project.tasks() if " wagered " in t["data"]["text"]]
    assert len(wagered) == 24
    for task in wagered:
        (prediction,) = task["predictions"]
        assert prediction["model_version"] == version
        regions = {
            item["value"]["labels"][0]: item["value"]["text"]
            for item in prediction["result"]
            if item["type"] == "labels" and item["value"]["labels"][0] in {"CUE", "SOURCE"}
        }
        assert regions["CUE"] == "wagered"
        assert task["data"]["text"].startswith(regions["SOURCE"])
        assert sum(item["type"] == "relation" for item in prediction["result"]) == 2
