"""Review tasks from a pulled snapshot (no server): one per disputed sentence, every version."""

from __future__ import annotations

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
