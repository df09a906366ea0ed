"""The few Label Studio calls we need, with errors a user can act on.

A thin layer over the 2.x SDK (``label_studio_sdk.LabelStudio``). What it adds:

- every failure becomes a ``BuilderError``: unreachable server -> exit 3; wrong token, missing
  project, server errors and malformed answers -> exit 1, each saying what to do;
- the SDK's own retries are switched off for writes (a replayed import duplicates tasks); the
  callers retry idempotently instead (see ``push``);
- reads of whole projects go through an export snapshot, which the server writes in one go,
  instead of thousands of list pages.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from builder.errors import (
    E710_UNREACHABLE,
    E711_UNAUTHORIZED,
    E712_NO_PROJECT,
    E713_SERVER_ERROR,
    E714_MALFORMED,
    E715_NO_ENDPOINT,
    BuilderError,
    ExitCode,
    UsageError,
)
from builder.studio import server

if TYPE_CHECKING:
    from label_studio_sdk import LabelStudio


WRITE = {"max_retries": 0, "timeout_in_seconds": 600}
READ = {"max_retries": 2, "timeout_in_seconds": 600}


class Unreachable(BuilderError):
    exit_code = ExitCode.UNREACHABLE


class ServerFailed(BuilderError):
    """The server answered with an error (5xx, 4xx) or something that is not the expected JSON."""

    def __init__(self, code: str, message: str, status: int | None = None) -> None:
        super().__init__(code, message)
        self.status = status


@dataclass(frozen=True)
class Endpoint:
    url: str
    token: str


def endpoint(url: str | None, token: str | None, state: Path) -> Endpoint:
    """Where to connect: options, then LABEL_STUDIO_URL / LABEL_STUDIO_API_KEY, then the local
    server started by ``builder studio up`` (whose token never leaves ``state``)."""
    url = url or os.environ.get("LABEL_STUDIO_URL")
    token = token or os.environ.get("LABEL_STUDIO_API_KEY")
    if url is None:
        local = server.running(state)
        if local is None:
            raise Unreachable(
                E710_UNREACHABLE,
                f"no Label Studio server: start one with `builder studio up` (state in {state}) "
                "or pass --url / set LABEL_STUDIO_URL",
            )
        url = local.url
        if token is None:
            creds = server.credentials(state)
            token = creds.token if creds else None
    if not token:
        raise UsageError(
            E715_NO_ENDPOINT, f"no API token for {url}: pass --token or set LABEL_STUDIO_API_KEY"
        )
    return Endpoint(url.rstrip("/"), token)


def _detail(body: Any) -> str:
    if isinstance(body, dict):
        for key in ("detail", "validation_errors", "message", "error"):
            if body.get(key):
                return str(body[key])[:500]
    return str(body)[:500]


@contextlib.contextmanager
def translated(what: str, url: str) -> Iterator[None]:
    """Run SDK calls, turning transport and HTTP failures into actionable errors."""
    import httpx
    import pydantic
    from label_studio_sdk.core.api_error import ApiError

    try:
        yield
    except httpx.TimeoutException as exc:
        raise Unreachable(
            E710_UNREACHABLE, f"{what}: {url} did not answer in time ({exc})"
        ) from None
    except httpx.TransportError as exc:
        raise Unreachable(
            E710_UNREACHABLE,
            f"{what}: cannot reach Label Studio at {url} ({exc}); is it running? "
            "(`builder studio status`)",
        ) from None
    except ApiError as exc:
        status = exc.status_code or 0
        if status in (401, 403):
            raise ServerFailed(
                E711_UNAUTHORIZED,
                f"{what}: the server at {url} refused the API token (HTTP {status}: "
                f"{_detail(exc.body)}); check --token / LABEL_STUDIO_API_KEY",
                status,
            ) from None
        if 200 <= status < 300:  # the SDK could not parse a successful answer
            raise ServerFailed(
                E714_MALFORMED,
                f"{what}: {url} answered with malformed JSON: {_detail(exc.body)[:200]!r}; is "
                "this a Label Studio server?",
                status,
            ) from None
        raise ServerFailed(
            E713_SERVER_ERROR, f"{what}: HTTP {status} from {url}: {_detail(exc.body)}", status
        ) from None
    except (json.JSONDecodeError, pydantic.ValidationError) as exc:
        raise ServerFailed(
            E714_MALFORMED, f"{what}: {url} answered with malformed JSON ({str(exc)[:200]})"
        ) from None


class Studio:
    """One authenticated connection to a Label Studio server."""

    def __init__(self, where: Endpoint) -> None:
        from label_studio_sdk import LabelStudio

        self.url = where.url
        self.sdk: LabelStudio = LabelStudio(base_url=where.url, api_key=where.token, timeout=600)

    def whoami(self) -> str:
        with translated("checking the token", self.url):
            return str(self.sdk.users.whoami().email)

    # Projects ----------------------------------------------------------------------------------

    def find_project(self, title: str) -> dict[str, Any] | None:
        with translated("listing projects", self.url):
            found = [p for p in self.sdk.projects.list(page_size=100) if p.title == title]
        if len(found) > 1:
            ids = ", ".join(str(p.id) for p in found)
            raise ServerFailed(
                E712_NO_PROJECT, f"several projects are titled {title!r} (ids {ids}); rename one"
            )
        return self.project(int(found[0].id)) if found else None

    def project(self, pid: int) -> dict[str, Any]:
        with translated(f"reading project {pid}", self.url):
            got = self.sdk.projects.get(id=pid)
        return dict(got.model_dump())

    def require_project(self, title: str) -> dict[str, Any]:
        found = self.find_project(title)
        if found is None:
            raise ServerFailed(
                E712_NO_PROJECT,
                f"no project titled {title!r} at {self.url}: create it with `builder studio init`",
            )
        return found

    def create_project(self, **fields: Any) -> dict[str, Any]:
        with translated("creating the project", self.url):
            made = self.sdk.projects.create(**fields, request_options=WRITE)
        return self.project(int(made.id))

    def update_project(self, pid: int, **fields: Any) -> None:
        with translated(f"updating project {pid}", self.url):
            self.sdk.projects.update(id=pid, **fields, request_options=WRITE)

    # Tasks -------------------------------------------------------------------------------------

    def export(self, pid: int, *, all_tasks: bool, predictions: bool) -> list[dict[str, Any]]:
        """Every task (or every annotated task) with annotations and drafts, via a snapshot."""
        options: dict[str, Any] = {"annotations__completed_by": {"only_id": True}}
        # Explicit both ways: snapshots default to prediction ids only.
        options["predictions"] = {"only_id": not predictions}
        extra: dict[str, Any] = {"serialization_options": options}
        if not all_tasks:  # an explicit null filter is a validation error for the server
            extra["task_filter_options"] = {"only_with_annotations": True}
        with translated(f"exporting project {pid}", self.url):
            snap = self.sdk.projects.exports.create(
                id=pid, title="builder studio", request_options=READ, **extra
            )
            try:
                raw = b"".join(
                    self.sdk.projects.exports.download(
                        id=pid,
                        export_pk=int(snap.id),
                        export_type="JSON",
                        request_options=READ,
                    )
                )
            finally:
                with contextlib.suppress(Exception):
                    self.sdk.projects.exports.delete(id=pid, export_pk=int(snap.id))
            tasks = json.loads(raw)
        if not isinstance(tasks, list):
            raise ServerFailed(E714_MALFORMED, f"exporting project {pid}: expected a list of tasks")
        return tasks

    def tasks_after(self, pid: int, after_id: int) -> list[dict[str, Any]]:
        """Tasks with an id above ``after_id`` (what an interrupted import may have created)."""
        query = {
            "filters": {
                "conjunction": "and",
                "items": [
                    {
                        "filter": "filter:tasks:id",
                        "operator": "greater",
                        "type": "Number",
                        "value": after_id,
                    }
                ],
            }
        }
        with translated("listing new tasks", self.url):
            return [
                {"id": t.id, "data": t.data}
                for t in self.sdk.tasks.list(
                    project=pid, fields="task_only", query=json.dumps(query), page_size=1000
                )
            ]

    def import_tasks(self, pid: int, tasks: list[dict[str, Any]]) -> list[int]:
        with translated(f"importing {len(tasks)} tasks", self.url):
            done = self.sdk.projects.import_tasks(
                id=pid,
                request=tasks,
                return_task_ids=True,
                request_options=WRITE,
            )
        return list(done.task_ids or [])

    def import_predictions(self, pid: int, predictions: list[dict[str, Any]]) -> None:
        with translated(f"importing {len(predictions)} predictions", self.url):
            self.sdk.projects.import_predictions(
                id=pid,
                request=predictions,
                request_options=WRITE,
            )

    def human_work(self, task_id: int) -> int:
        """Annotations, skips and drafts on a task now (0: nobody has touched it)."""
        with translated(f"reading task {task_id}", self.url):
            task = self.sdk.tasks.get(id=str(task_id), request_options=READ)
        return len(getattr(task, "annotations", None) or []) + len(
            getattr(task, "drafts", None) or []
        )

    def replace_task_data(self, task_id: int, data: dict[str, Any]) -> None:
        """Set a task's data (the server replaces it as a whole: pass all of it)."""
        with translated(f"updating task {task_id}", self.url):
            self.sdk.tasks.update(id=str(task_id), data=data, request_options=WRITE)

    def delete_task(self, task_id: int) -> None:
        with translated(f"deleting task {task_id}", self.url):
            self.sdk.tasks.delete(id=str(task_id), request_options=WRITE)

    def users(self) -> dict[int, str]:
        with translated("listing users", self.url):
            return {int(u.id): str(u.email or u.username) for u in self.sdk.users.list()}
