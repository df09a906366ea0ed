"""Carry out a push plan: delete, create, renew untouched tasks, idempotently.

Re-running a push, or running it again after a crash or Ctrl-C, converges to exactly one task
per sentence: an import that fails in flight is checked against the server (tasks created
after the last known id) before it is retried, because the server may have committed it
before the connection broke.

Untouched tasks that need a new prediction or priority are *renewed*: deleted in bulk (one
Data Manager action per batch, which the server restricts to tasks nobody has worked on) and
imported again with the current prediction alone, in bulk. Label Studio has no bulk update of
task data, and adding or deleting a prediction costs the server a write of the task and the
project summary per prediction (about 20 ms), where a bulk task deletion costs about 3 ms a
task. A task that gained human work since the plan stays as it is and is not imported again;
a push killed between the deletion and the import leaves sentences without a task, which the
re-run creates.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from builder.errors import E723_GAVE_UP, BuilderError
from builder.model import Sentence
from builder.studio.client import ServerFailed, Studio, Unreachable
from builder.studio.dm import delete_untouched, surviving
from builder.studio.local import Local
from builder.studio.plan import Plan
from builder.studio.tasks import task_data


@dataclass
class Outcome:
    created: int = 0  # tasks for sentences that had none
    renewed: int = 0  # untouched tasks re-created with the current prediction and priority
    deleted: int = 0
    kept: int = 0  # deletions or renewals called off: human work arrived after the plan
    deduplicated: int = 0  # copies a retried import had made, removed before returning
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


def _delete(
    studio: Studio, pid: int, ids: Sequence[int], outcome: Outcome, attempts: int
) -> set[int]:
    """Delete the untouched tasks among ``ids`` in one request; the ids that are gone. A task
    that gained human work since the plan stays (counted as kept). Deleting again what is gone
    is harmless, so a plain retry is safe."""
    _retrying(
        lambda: delete_untouched(studio, pid, ids),
        lambda: None,
        outcome,
        attempts,
        f"deleting {len(ids)} untouched tasks",
    )
    standing = surviving(studio, pid, ids)
    outcome.kept += len(standing)
    return set(ids) - standing


def apply(
    studio: Studio,
    project: dict[str, Any],
    the_plan: Plan,
    local: Local,
    preds: dict[str, dict[str, Any]],
    high_water: int,
    *,
    batch_size: int = 2500,
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
    for doomed in _batches(the_plan.obsolete + extra, batch_size):
        # The plan is a snapshot: an annotator may have started on a task since, and the
        # server keeps such a task out of the deletion.
        gone = _delete(studio, pid, [t.task_id for t in doomed], outcome, attempts)
        outcome.deleted += len(gone)
    first_new = high_water
    # New sentences and renewed tasks alike: (sentence, id of the task it renews or None).
    work: list[tuple[Sentence, int | None]] = [(s, None) for s in the_plan.create]
    work += [*the_plan.update, *the_plan.reprioritise]
    if by_priority:  # new tasks get ids, and so the Data Manager's default order, by priority
        work.sort(key=lambda item: -local.priority.get(item[0].id, (0.0, ""))[0])
    # One request after the other: Label Studio 1.23 is not safe for a deletion that runs
    # while it imports (tasks imported then lost their predictions; measured on SQLite).
    for batch in _batches(work, batch_size):
        renewing = {task_id: s for s, task_id in batch if task_id is not None}
        gone = _delete(studio, pid, list(renewing), outcome, attempts) if renewing else set()
        tasks = [
            {
                "data": task_data(
                    s,
                    *local.context[s.id],
                    priority=local.priority.get(s.id),
                    model_version=preds[s.id]["model_version"],
                ),
                "predictions": [preds[s.id]],
            }
            for s, task_id in batch
            if task_id is None or task_id in gone
        ]
        high_water = import_once(studio, pid, tasks, high_water, outcome, attempts)
        # Counted once the server has them: an interrupt during the import leaves the batch
        # in flight out of what "landed" (it counted it, and said one more than the server had).
        outcome.renewed += len(gone)
        outcome.created += len(batch) - len(renewing)
        progress(len(batch))
    if outcome.retries:
        _deduplicate(studio, pid, first_new, outcome)
    outcome.seconds["create and renew"] = time.perf_counter() - started
    if the_plan.model_version and project.get("model_version") != the_plan.model_version:
        # The editor shows only predictions of the project's model version.
        studio.update_project(pid, model_version=the_plan.model_version)
    return outcome
