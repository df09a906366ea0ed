"""The few Label Studio calls we need, with errors a user can act on.

A thin layer over the 2.x SDK (``label_studio_sdk.LabelStudio``), the only module that talks to
the server. What it adds:

- every failure becomes a ``BuilderError`` (unreachable server, timeouts, a refused token ->
  exit 3; missing project, server errors and malformed answers -> exit 1), each saying what to
  do, never with the API token in it (``secrets.py``);
- every call bounded in time, reads retried after transient failures, writes never (a
  replayed import duplicates tasks; the callers retry idempotently, see ``push``): ``calls.py``;
- every answer checked before it is read (``answers.py``): tasks against
  ``schemas/studio_task.schema.json``, projects and users for the fields we use;
- reads of whole projects through an export snapshot, which the server writes in one go,
  instead of thousands of list pages; the other lists page by page, bounded.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from builder.errors import E712_NO_PROJECT
from builder.studio.answers import field, items, obj, plain, read_pages, task_problem, wrong_shape
from builder.studio.calls import Caller, ServerFailed, Timeouts, Unreachable
from builder.studio.endpoint import Endpoint, endpoint
from builder.studio.secrets import remember

if TYPE_CHECKING:
    from label_studio_sdk import LabelStudio

__all__ = ["Endpoint", "ServerFailed", "Studio", "Timeouts", "Unreachable", "endpoint"]


def _quiet(message: str) -> None:
    return None


class Studio:
    """One authenticated connection to a Label Studio server."""

    def __init__(
        self,
        where: Endpoint,
        timeouts: Timeouts | None = None,
        notice: Callable[[str], None] = _quiet,
    ) -> None:
        import httpx
        from label_studio_sdk import LabelStudio

        self.url = where.url
        self.timeouts = timeouts or Timeouts.from_env()
        remember(where.token)
        # Every call passes its own timeouts (calls.Caller.options); these bound the rest.
        client = httpx.Client(
            timeout=httpx.Timeout(self.timeouts.long, connect=self.timeouts.connect)
        )
        self.sdk: LabelStudio = LabelStudio(
            base_url=where.url, api_key=where.token, httpx_client=client
        )
        self.call = Caller(self.url, self.timeouts, notice)

    def _object(
        self, what: str, fn: Callable[[dict[str, Any]], Any], *, long: bool = False, read: bool
    ) -> dict[str, Any]:
        """The answer of one call, as a JSON object (or E714)."""
        return obj(self.call(what, fn, long=long, read=read), what, self.url)

    def whoami(self) -> str:
        what = "checking the token"
        me = self._object(what, lambda o: self.sdk.users.whoami(request_options=o), read=True)
        name = me.get("email") or me.get("username")
        if not isinstance(name, str):
            raise wrong_shape(what, self.url, "the user has no e-mail or username")
        return name

    # Projects ----------------------------------------------------------------------------------

    def _projects(self) -> list[dict[str, Any]]:
        what = "listing projects"
        found = read_pages(
            self.call,
            what,
            lambda n, o: self.sdk.projects.list(page=n, page_size=100, request_options=o),
            lambda got, page, count: not page.get("next"),
        )
        for i, project in enumerate(found):
            field(project, "id", int, what, self.url, f"project #{i}")
            field(project, "title", str, what, self.url, f"project {project['id']}")
        return found

    def find_project(self, title: str) -> dict[str, Any] | None:
        found = [p for p in self._projects() if p["title"] == title]
        if len(found) > 1:
            ids = ", ".join(str(p["id"]) for p in found)
            raise ServerFailed(
                E712_NO_PROJECT, f"several projects are titled {title!r} (ids {ids}); rename one"
            )
        return self.project(int(found[0]["id"])) if found else None

    def project(self, pid: int) -> dict[str, Any]:
        what = f"reading project {pid}"
        got = self._object(
            what, lambda o: self.sdk.projects.get(id=pid, request_options=o), read=True
        )
        field(got, "id", int, what, self.url, "the project")
        field(got, "title", str, what, self.url, f"project {got['id']}")
        if not isinstance(got.get("label_config"), str | None):
            raise wrong_shape(what, self.url, f"project {pid} has a label_config that is no text")
        return got

    def require_project(self, title: str) -> dict[str, Any]:
        found = self.find_project(title)
        if found is None:
            raise ServerFailed(
                E712_NO_PROJECT,
                f"no project titled {title!r} at {self.url}: create it with `builder studio init`",
            )
        return found

    def create_project(self, **fields: Any) -> dict[str, Any]:
        what = "creating the project"
        made = self._object(
            what, lambda o: self.sdk.projects.create(**fields, request_options=o), read=False
        )
        return self.project(field(made, "id", int, what, self.url, "the new project"))

    def update_project(self, pid: int, **fields: Any) -> None:
        self.call(
            f"updating project {pid}",
            lambda o: self.sdk.projects.update(id=pid, **fields, request_options=o),
            read=False,
        )

    # Tasks -------------------------------------------------------------------------------------

    def export(self, pid: int, *, all_tasks: bool, predictions: bool) -> list[dict[str, Any]]:
        """Every task (or every annotated task) with annotations and drafts, via a snapshot;
        every task checked against ``schemas/studio_task.schema.json``."""
        options: dict[str, Any] = {"annotations__completed_by": {"only_id": True}}
        # Explicit both ways: snapshots default to prediction ids only.
        options["predictions"] = {"only_id": not predictions}
        extra: dict[str, Any] = {"serialization_options": options}
        if not all_tasks:  # an explicit null filter is a validation error for the server
            extra["task_filter_options"] = {"only_with_annotations": True}
        what = f"exporting project {pid}"
        snap = self._object(
            what,
            lambda o: self.sdk.projects.exports.create(
                id=pid, title="builder studio", request_options=o, **extra
            ),
            long=True,
            read=False,
        )
        export_pk = field(snap, "id", int, what, self.url, "the export")
        try:
            raw = self.call(
                what,
                lambda o: b"".join(
                    self.sdk.projects.exports.download(
                        id=pid, export_pk=export_pk, export_type="JSON", request_options=o
                    )
                ),
                long=True,
                read=True,
            )
        except Unreachable:
            raise  # a server that does not answer would not delete the snapshot either
        except BaseException:
            self._drop_export(pid, export_pk)
            raise
        self._drop_export(pid, export_pk)
        try:
            tasks = json.loads(raw)
        except ValueError as exc:
            raise wrong_shape(what, self.url, f"not JSON ({exc})") from None
        for task in items(tasks, what, self.url):
            if (wrong := task_problem(task)) is not None:
                raise wrong_shape(what, self.url, wrong)
        checked: list[dict[str, Any]] = tasks
        return checked

    def _drop_export(self, pid: int, export_pk: int) -> None:
        """The snapshot is read: the server need not keep it (a failure here is harmless)."""
        with contextlib.suppress(Unreachable, ServerFailed):
            self.call(
                f"deleting export {export_pk} of project {pid}",
                lambda o: self.sdk.projects.exports.delete(
                    id=pid, export_pk=export_pk, request_options=o
                ),
                read=False,
            )

    def tasks_after(self, pid: int, after_id: int) -> list[dict[str, Any]]:
        """Tasks with an id above ``after_id`` (what an interrupted import may have created):
        id, data, overlap (annotators wanted) and annotations (submitted or skipped)."""
        above = {"filter": "filter:tasks:id", "operator": "greater", "type": "Number"}
        query = {"filters": {"conjunction": "and", "items": [{**above, "value": after_id}]}}
        what, size = "listing new tasks", 1000
        found = read_pages(
            self.call,
            what,
            lambda n, o: self.sdk.tasks.list(
                project=pid,
                fields="task_only",
                query=json.dumps(query),
                page=n,
                page_size=size,
                request_options=o,
            ),
            lambda got, page, count: len(got) < size or count >= (page.get("total") or count),
        )
        out = []
        for task in found:
            tid = field(task, "id", int, what, self.url, "a task")
            data = task.get("data") or {}
            if not isinstance(data, dict):
                raise wrong_shape(what, self.url, f"task {tid} has data that is no object")
            keys = ("overlap", "total_annotations", "cancelled_annotations")
            n = [v if type(v := task.get(k)) is int else 0 for k in keys]  # 0: not said
            out.append({"id": tid, "data": data, "overlap": n[0], "annotations": n[1] + n[2]})
        return out

    def set_overlap(self, task_id: int, annotators: int) -> None:
        """How many annotators a task wants (its ``overlap``; the server does not recount
        ``is_labeled``, so it is set on tasks nobody annotated yet)."""
        self.call(
            f"setting the overlap of task {task_id}",
            lambda o: self.sdk.tasks.update(id=str(task_id), overlap=annotators, request_options=o),
            read=False,
        )

    def import_tasks(self, pid: int, tasks: list[dict[str, Any]]) -> list[int]:
        what = f"importing {len(tasks)} tasks"
        done = self._object(
            what,
            lambda o: self.sdk.projects.import_tasks(
                id=pid, request=tasks, return_task_ids=True, request_options=o
            ),
            long=True,
            read=False,
        )
        ids = done.get("task_ids") or []
        if not isinstance(ids, list) or not all(type(i) is int for i in ids):
            raise wrong_shape(what, self.url, "task_ids is not a list of ids")
        return ids

    def human_work(self, task_id: int) -> int:
        """Annotations, skips and drafts on a task now (0: nobody has touched it)."""
        what = f"reading task {task_id}"
        task = self._object(
            what, lambda o: self.sdk.tasks.get(id=str(task_id), request_options=o), read=True
        )
        work = [task.get("annotations") or [], task.get("drafts") or []]
        if not all(isinstance(w, list) for w in work):
            raise wrong_shape(what, self.url, f"task {task_id}: annotations or drafts not a list")
        return sum(map(len, work))

    def delete_task(self, task_id: int) -> None:
        self.call(
            f"deleting task {task_id}",
            lambda o: self.sdk.tasks.delete(id=str(task_id), request_options=o),
            read=False,
        )

    def users(self) -> dict[int, str]:
        what = "listing users"
        got = items(
            plain(self.call(what, lambda o: self.sdk.users.list(request_options=o), read=True)),
            what,
            self.url,
        )
        out: dict[int, str] = {}
        for i, item in enumerate(got):
            user = obj(item, what, self.url, f"user #{i}")
            uid = field(user, "id", int, what, self.url, f"user #{i}")
            out[uid] = str(user.get("email") or user.get("username"))
        return out
