"""Carry out a push plan: delete, create, add predictions, re-prioritise, idempotently.

Re-running a push, or running it again after a crash or Ctrl-C, converges to exactly one task
per sentence: an import that fails in flight is checked against the server (tasks created
after the last known id) before it is retried, because the server may have committed it
before the connection broke.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from builder.errors import E723_GAVE_UP, BuilderError
from builder.model import Sentence
from builder.studio.client import ServerFailed, Studio, Unreachable
from builder.studio.local import Local
from builder.studio.plan import Plan
from builder.studio.tasks import task_data


@dataclass
class Outcome:
    created: int = 0
    updated: int = 0
    deleted: int = 0
    kept: int = 0  # deletions called off: human work arrived after the plan was made
    deduplicated: int = 0  # copies a retried import had made, removed before returning
    reprioritised: int = 0  # untouched tasks whose priority was rewritten
    retries: int = 0
    seconds: dict[str, float] = field(default_factory=dict)


def _retrying(
    action: Callable[[], None],
    recover: Callable[[], None],
    outcome: Outcome,
    attempts: int,
    what: str,
) -> None:
    """Run ``action``; on a transport failure or 5xx, back off, ``recover`` and try again.

    ``recover`` (asking the server what the failed attempt committed) is part of the attempt:
    a server that is still down when it runs costs one more back-off, not the whole push.
    """
    for attempt in range(attempts):
        try:
            if attempt:
                recover()
            action()
            return
        except (Unreachable, ServerFailed) as exc:
            transient = isinstance(exc, Unreachable) or (exc.status or 0) >= 500
            if not transient:
                raise
            if attempt == attempts - 1:
                # E723 says what was retried and how often; the last failure says why, and
                # its exit code stays (3 when the server is unreachable).
                gave_up = BuilderError(
                    E723_GAVE_UP, f"{what}: gave up after {attempts} attempts; the last: {exc}"
                )
                gave_up.exit_code = exc.exit_code
                raise gave_up from None
            outcome.retries += 1
            time.sleep(min(2.0**attempt, 30.0))
    raise BuilderError(E723_GAVE_UP, f"{what}: no attempt made ({attempts} attempts allowed)")


def _batches(items: Sequence[Any], size: int) -> Iterator[Sequence[Any]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def import_once(
    studio: Studio,
    pid: int,
    tasks: list[dict[str, Any]],
    high_water: int,
    outcome: Outcome,
    attempts: int = 5,
) -> int:
    """Import one batch of new tasks (keyed by ``data.sentence_id``) exactly once, retrying
    transient failures; return the new highest task id."""
    mark = high_water
    pending = list(tasks)

    def send() -> None:
        nonlocal high_water
        if pending:
            high_water = max([high_water, *studio.import_tasks(pid, pending)])

    def recover() -> None:
        # What did the failed import commit before it broke? Never import that twice.
        nonlocal high_water
        landed = studio.tasks_after(pid, mark)
        done = {str((t["data"] or {}).get("sentence_id")) for t in landed}
        high_water = max([high_water, *(int(t["id"]) for t in landed)])
        pending[:] = [t for t in pending if t["data"]["sentence_id"] not in done]

    _retrying(send, recover, outcome, attempts, f"importing {len(tasks)} tasks")
    outcome.created += len(tasks)
    return high_water


def _deduplicate(studio: Studio, pid: int, after_id: int, outcome: Outcome) -> None:
    """Delete untouched extra copies among the tasks this push created.

    Checking what landed before a retry cannot see an import the server is still committing
    when the client gave up on it (a gateway timeout), so a retried push reads its own new
    tasks once more and keeps the first task of each sentence.
    """
    seen: set[str] = set()
    for task in sorted(studio.tasks_after(pid, after_id), key=lambda t: int(t["id"])):
        sid = str((task["data"] or {}).get("sentence_id"))
        if sid not in seen:
            seen.add(sid)
        elif not studio.human_work(int(task["id"])):
            studio.delete_task(int(task["id"]))
            outcome.deduplicated += 1


def _reprioritise(
    studio: Studio,
    todo: Sequence[tuple[Sentence, int]],
    local: Local,
    outcome: Outcome,
    attempts: int,
    progress: Callable[[int], None],
) -> None:
    """Rewrite the data of untouched tasks with their new priority, two requests in flight
    (the server is the bottleneck; more threads gain nothing). Each rewrite sends the same
    data every time, so a plain retry is safe. Sent in windows of 64, so that a failure (or
    Ctrl-C) stops the push after the window, not after every remaining request."""
    lock = threading.Lock()

    def one(item: tuple[Sentence, int]) -> None:
        sent, task_id = item
        data = task_data(sent, *local.context[sent.id], priority=local.priority[sent.id])
        mine = Outcome()
        try:
            _retrying(
                lambda: studio.replace_task_data(task_id, data),
                lambda: None,
                mine,
                attempts,
                f"updating the priority of task {task_id}",
            )
        finally:
            with lock:
                outcome.retries += mine.retries

    with ThreadPoolExecutor(max_workers=2) as pool:
        for window in _batches(todo, 64):
            for _ in pool.map(one, window):
                outcome.reprioritised += 1
                progress(1)


def apply(
    studio: Studio,
    project: dict[str, Any],
    the_plan: Plan,
    local: Local,
    preds: dict[str, dict[str, Any]],
    high_water: int,
    *,
    batch_size: int = 1000,
    prune: bool = False,
    by_priority: bool = False,
    attempts: int = 5,
    progress: Callable[[int], None] = lambda n: None,
    outcome: Outcome | None = None,
) -> Outcome:
    """Carry out ``the_plan``; every step is safe to interrupt and re-run. ``outcome``, when
    given, is filled in as the work is done: after an interrupt it says how far it got."""
    pid = int(project["id"])
    outcome = Outcome() if outcome is None else outcome
    started = time.perf_counter()
    extra = the_plan.stale + [t for t in the_plan.duplicates if not t.human] if prune else []
    for task in the_plan.obsolete + extra:
        # The plan is a snapshot: an annotator may have started on the task since.
        if studio.human_work(task.task_id):
            outcome.kept += 1
            continue
        studio.delete_task(task.task_id)
        outcome.deleted += 1
    first_new = high_water
    creating = the_plan.create
    if by_priority:  # new tasks get ids, and so the Data Manager's default order, by priority
        creating = sorted(creating, key=lambda s: -local.priority.get(s.id, (0.0, ""))[0])
    for batch in _batches(creating, batch_size):
        tasks = [
            {
                "data": task_data(s, *local.context[s.id], priority=local.priority.get(s.id)),
                "predictions": [preds[s.id]],
            }
            for s in batch
        ]
        high_water = import_once(studio, pid, tasks, high_water, outcome, attempts)
        progress(len(batch))
    if outcome.retries:
        _deduplicate(studio, pid, first_new, outcome)
    outcome.seconds["create"] = time.perf_counter() - started
    started = time.perf_counter()
    for batch in _batches(the_plan.update, batch_size):
        payload = [{"task": task_id, **preds[s.id]} for s, task_id in batch]
        # A replayed prediction import can at worst add a second copy of the same prediction
        # to an untouched task; it never touches human work.
        _retrying(
            lambda p=payload: studio.import_predictions(pid, p),  # type: ignore[misc]
            lambda: None,
            outcome,
            attempts,
            f"importing {len(batch)} predictions",
        )
        outcome.updated += len(batch)
        progress(len(batch))
    outcome.seconds["update"] = time.perf_counter() - started
    started = time.perf_counter()
    _reprioritise(studio, the_plan.reprioritise, local, outcome, attempts, progress)
    outcome.seconds["reprioritise"] = time.perf_counter() - started
    if the_plan.model_version and project.get("model_version") != the_plan.model_version:
        # The editor shows only predictions of the project's model version.
        studio.update_project(pid, model_version=the_plan.model_version)
    return outcome
