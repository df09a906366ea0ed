"""The Data Manager side of a project: the annotators' tab, and bulk actions on tasks.

- The tab (a Data Manager "view"): ordered by the task data's ``priority``, highest first and
  compared as a number (a view orders a data field as text unless its display type says
  Number), the sentence the first data column, context and bookkeeping columns hidden. ``init``
  creates it, or brings it back to this definition; other tabs are left alone.
- Bulk deletion of untouched tasks: one Data Manager action deletes a batch of tasks in one
  request (deleting them one by one costs a request each). The server itself keeps every task
  with human work out of the batch (annotations, skips or drafts), whatever arrived since the
  push read the project.

No SDK import here: the calls go through ``Studio`` (``client.py``).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from builder.studio.answers import field, items, obj, plain, read_pages
from builder.studio.client import Studio

VIEW_TITLE = "Annotate: most useful first"
PRIORITY = "tasks:data.priority"
_SHOWN = {"id", "completed_at", "total_annotations", "cancelled_annotations", "annotators"}
# The task columns of Label Studio 1.23's Data Manager (data_manager/functions.py).
_TASK_COLUMNS = (
    "id",
    "inner_id",
    "completed_at",
    "total_annotations",
    "cancelled_annotations",
    "total_predictions",
    "annotators",
    "annotations_results",
    "annotations_ids",
    "predictions_score",
    "predictions_model_versions",
    "predictions_results",
    "file_upload",
    "storage_filename",
    "created_at",
    "updated_at",
    "updated_by",
    "avg_lead_time",
    "draft_exists",
)
# Task data written by `push` (tasks.task_data) that an annotator needs not see in the list.
_HIDDEN_DATA = ("prev", "next", "sentence_id", "doc_id", "index", "model_version")
_UNTOUCHED = [  # no annotation, no skip, no draft: nobody has worked on the task
    {"filter": f"filter:tasks:{column}", "operator": "equal", "type": kind, "value": value}
    for column, kind, value in (
        ("total_annotations", "Number", 0),
        ("cancelled_annotations", "Number", 0),
        ("draft_exists", "Boolean", False),
    )
]


def view_data() -> dict[str, Any]:
    """The annotators' tab, as the Data Manager stores it."""
    hidden = [f"tasks:{c}" for c in _TASK_COLUMNS if c not in _SHOWN]
    hidden += [f"tasks:data.{key}" for key in _HIDDEN_DATA]
    labeling = [f"tasks:{c}" for c in _TASK_COLUMNS if c != "id"]
    labeling += [f"tasks:data.{key}" for key in (*_HIDDEN_DATA, "priority_why")]
    return {
        "title": VIEW_TITLE,
        "type": "list",
        "target": "tasks",
        "ordering": [f"-{PRIORITY}"],
        "columnsDisplayType": {PRIORITY: "Number"},
        "hiddenColumns": {"explore": hidden, "labeling": labeling},
        "filters": {"conjunction": "and", "items": []},
    }


def _views(studio: Studio, pid: int) -> list[dict[str, Any]]:
    what = f"listing the Data Manager tabs of project {pid}"
    got = studio.call(
        what, lambda o: studio.sdk.views.list(project=pid, request_options=o), read=True
    )
    found = [obj(v, what, studio.url, "a tab") for v in items(plain(got), what, studio.url)]
    for view in found:
        field(view, "id", int, what, studio.url, "a tab")
    return found


def _same(view: dict[str, Any], wanted: dict[str, Any]) -> bool:
    data = view.get("data") or {}
    return all(data.get(k) == v for k, v in wanted.items() if k != "filters")


def ensure_view(studio: Studio, pid: int) -> str:
    """The annotators' tab of project ``pid``: "created", "updated" or "unchanged"."""
    wanted = view_data()
    mine = [v for v in _views(studio, pid) if (v.get("data") or {}).get("title") == VIEW_TITLE]
    if mine and _same(mine[0], wanted):
        return "unchanged"
    if mine:
        vid = int(mine[0]["id"])
        studio.call(
            f"updating Data Manager tab {vid}",
            lambda o: studio.sdk.views.update(
                id=str(vid), project=pid, data=wanted, request_options=o
            ),
            read=False,
        )
        return "updated"
    studio.call(
        f"creating the annotators' tab of project {pid}",
        lambda o: studio.sdk.views.create(project=pid, data=wanted, request_options=o),
        read=False,
    )
    return "created"


def surviving(studio: Studio, pid: int, task_ids: Sequence[int]) -> set[int]:
    """Those of ``task_ids`` that the project still holds."""
    if not task_ids:
        return set()
    query = json.dumps({"selectedItems": {"all": False, "included": list(task_ids)}})
    what = f"checking which of {len(task_ids)} tasks are left"
    found = read_pages(
        studio.call,
        what,
        lambda n, o: studio.sdk.tasks.list(
            project=pid, fields="task_only", query=query, page=n, page_size=1000, request_options=o
        ),
        lambda got, page, count: len(got) < 1000 or count >= (page.get("total") or count),
    )
    return {field(task, "id", int, what, studio.url, "a task") for task in found} & set(task_ids)


def delete_untouched(studio: Studio, pid: int, task_ids: Sequence[int]) -> None:
    """Delete those of ``task_ids`` that nobody has touched, in one request; the server
    decides which are untouched at the moment it deletes."""
    if not task_ids:
        return
    studio.call(
        f"deleting {len(task_ids)} untouched tasks",
        lambda o: studio.sdk.actions.create(
            id="delete_tasks",
            project=pid,
            selected_items={"all": False, "included": list(task_ids)},
            filters={"conjunction": "and", "items": _UNTOUCHED},
            request_options=o,
        ),
        long=True,
        read=False,
    )
