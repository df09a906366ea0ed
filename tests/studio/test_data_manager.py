"""The annotators' Data Manager tab and one prediction per task, against a real server."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx
import pytest

from builder.studio.dm import VIEW_TITLE
from tests.studio.conftest import Project, Server
from tests.studio.test_roundtrip import _choice, _new_version, _ok

pytestmark = pytest.mark.studio


def _get(live: Server, path: str, **params: Any) -> Any:
    token = json.loads((live.state / "credentials.json").read_text())["token"]
    answer = httpx.get(
        f"{live.url}{path}", params=params, headers={"Authorization": f"Token {token}"}
    )
    assert answer.status_code == 200, answer.text
    return answer.json()


def _tabs(project: Project) -> list[dict[str, Any]]:
    tabs: list[dict[str, Any]] = _get(project.live, "/api/dm/views/", project=project.id)
    return [t for t in tabs if t["data"].get("title") == VIEW_TITLE]


def test_init_creates_the_annotators_tab_ordered_by_priority(
    project: Project, corpus: Path
) -> None:
    (tab,) = _tabs(project)
    data = tab["data"]
    assert data["ordering"] == ["-tasks:data.priority"]
    assert data["columnsDisplayType"] == {"tasks:data.priority": "Number"}
    hidden = data["hiddenColumns"]["explore"]
    assert {"tasks:data.prev", "tasks:data.next"} <= set(hidden)
    assert "tasks:data.text" not in hidden and "tasks:data.priority" not in hidden
    assert "unchanged" in _ok(project.cli("init"))
    assert len(_tabs(project)) == 1, "init again adds no second tab"

    _ok(project.cli("push", str(corpus / "prelabels.jsonl")))
    listed = _get(
        project.live,
        "/api/tasks",
        project=project.id,
        view=tab["id"],
        page_size=1000,
        fields="task_only",
    )["tasks"]
    priorities = [t["data"]["priority"] for t in listed]
    assert all(type(p) is float for p in priorities), "priority is a number, not a string"
    assert priorities == sorted(priorities, reverse=True)
    assert len(set(priorities)) > 5, "the corpus gives priorities to order"


def test_a_task_annotated_after_the_plan_is_neither_renewed_nor_copied(
    project: Project, corpus: Path, tmp_path: Path
) -> None:
    """The plan is a snapshot: work that starts between reading the project and renewing its
    tasks keeps its task, its prediction, and no second task appears for the sentence."""
    from builder.labels import labels
    from builder.studio.local import read_local
    from builder.studio.push import PushOptions, prepare, push

    _ok(project.cli("push", str(corpus / "prelabels.jsonl")))
    newer = _new_version(corpus, tmp_path)
    studio, schema = project.live.studio, labels()
    local = read_local(corpus / "sentences.jsonl", newer)
    prepared = prepare(studio, project.title, local, schema, PushOptions())
    (sentence, task_id) = prepared.plan.update[0]
    project.annotate(task_id, [_choice("sentiment", "neutral")])
    before = project.task_for(sentence.id)
    outcome = push(studio, prepared, schema, PushOptions())
    assert outcome.kept == 1 and outcome.renewed == len(prepared.plan.update) - 1
    tasks = project.tasks()
    assert [t for t in tasks if t["data"]["sentence_id"] == sentence.id] == [before]
    assert len(tasks) == len({t["data"]["sentence_id"] for t in tasks})
