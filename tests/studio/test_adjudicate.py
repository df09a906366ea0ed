"""Review tasks from a pulled snapshot (no server): one per disputed sentence, every version."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from builder.studio.adjudicate import REVIEW_VERSION, disputes
from builder.studio.pull import write_snapshot

TEXT = "Police said two people died in Paris."


def _choice(value: str) -> list[dict[str, Any]]:
    return [
        {
            "id": "s",
            "from_name": "sentiment",
            "to_name": "text",
            "type": "choices",
            "value": {"choices": [value]},
        }
    ]


def _annotation(aid: int, who: int, sentiment: str, updated: str) -> dict[str, Any]:
    return {
        "id": aid,
        "completed_by": who,
        "result": _choice(sentiment),
        "was_cancelled": False,
        "ground_truth": False,
        "created_at": updated,
        "updated_at": updated,
        "lead_time": 2.0,
    }


def _task(tid: int, *annotations: dict[str, Any]) -> dict[str, Any]:
    data = {"text": TEXT, "sentence_id": "s1", "doc_id": "d", "index": 0, "priority": 0.4}
    return {"id": tid, "data": data, "annotations": list(annotations), "drafts": []}


def test_versions_from_every_task_of_a_sentence_reach_the_reviewer(tmp_path: Path) -> None:
    # A hand import made two tasks for one sentence; each annotator worked on another one.
    exported = [
        _task(1, _annotation(10, 1, "neutral", "2026-01-01T10:00:00Z")),
        _task(
            2,
            _annotation(11, 2, "positive", "2026-01-01T09:00:00Z"),
            _annotation(12, 2, "negative", "2026-01-01T11:00:00Z"),  # b changed their mind
        ),
    ]
    write_snapshot(exported, {1: "a@example.com", 2: "b@example.com"}, tmp_path)
    (dispute,) = disputes(tmp_path)
    assert dispute.sentence_id == "s1"
    assert dispute.reason == "annotators disagree on sentiment"
    predictions = dispute.task["predictions"]
    assert [p["model_version"] for p in predictions] == [REVIEW_VERSION] * 2
    chosen = [p["result"][0]["value"]["choices"][0] for p in predictions]
    assert chosen == ["neutral", "negative"]  # a, then b's latest
    data = dispute.task["data"]
    assert data["annotators"] == "1: a@example.com | 2: b@example.com"
    assert "priority" not in data and data["text"] == TEXT


def test_a_prediction_that_no_longer_converts_is_not_shown_and_the_pull_goes_on(
    tmp_path: Path,
) -> None:
    # A prediction region with two labels (E601 for an annotation) from an older config.
    bad = {
        "id": "e0",
        "from_name": "ner",
        "to_name": "text",
        "type": "labels",
        "value": {"start": 0, "end": 6, "text": "Police", "labels": ["ORG", "PERSON"]},
    }
    ann = {**_annotation(10, 1, "neutral", "2026-01-01T10:00:00Z")}
    ann["prediction"] = {"id": 5, "model_version": "heuristics-000000000000", "result": [bad]}
    ann["parent_prediction"] = 5
    good = {**_annotation(11, 2, "neutral", "2026-01-01T11:00:00Z"), "parent_prediction": 6}
    good["prediction"] = {
        "id": 6,
        "model_version": "heuristics-000000000000",
        "result": _choice("neutral"),
    }
    report = write_snapshot([_task(1, ann, good)], {1: "a", 2: "b"}, tmp_path)
    assert report.written and report.annotations == 2
    records = [json.loads(line) for line in report.snapshot.read_text().splitlines()]  # type: ignore[union-attr]
    assert [r["shown"] is None for r in records] == [True, False]
    assert records[1]["shown"]["sentiment"] == "neutral"


def test_a_review_task_names_every_disputed_layer(tmp_path: Path) -> None:
    paris = {
        "id": "e",
        "from_name": "ner",
        "to_name": "text",
        "type": "labels",
        "value": {"start": 31, "end": 36, "text": "Paris", "labels": ["GPE"]},
    }
    one = _annotation(10, 1, "neutral", "2026-01-01T10:00:00Z")
    two = _annotation(11, 2, "negative", "2026-01-01T11:00:00Z")
    two["result"] = [*two["result"], paris]  # b also drew an entity a did not
    write_snapshot([_task(1, one, two)], {1: "a@example.com", 2: "b@example.com"}, tmp_path)
    (dispute,) = disputes(tmp_path)
    assert dispute.layers == ("entities", "sentiment")
    assert dispute.task["data"]["disputed_layers"] == "entities, sentiment"
    assert dispute.reason == "annotators disagree on entities; annotators disagree on sentiment"
