"""Push sentences with their pre-labels as tasks: plan first, then apply, idempotently.

``prepare`` reads what the server holds and plans against it (nothing changes); ``push``
carries the plan out (``apply.py``), reporting progress. The plan is always computed from what
the server holds, so a push re-run after a crash or Ctrl-C converges to exactly one task per
sentence and never touches a task with human work.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from builder.hooks import SILENT, Hooks
from builder.labels import LabelSchema
from builder.studio.apply import Outcome, apply
from builder.studio.client import Studio
from builder.studio.label_config import label_config
from builder.studio.local import Local, check_config, predictions, prioritise
from builder.studio.plan import Plan, Remote, plan


@dataclass(frozen=True)
class PushOptions:
    push_conflicts: bool = False  # new tasks for new sentences that rewrite annotated ones
    keep_priorities: bool = False  # leave the priorities of existing tasks as they are
    prune: bool = False  # delete untouched tasks whose sentence left, and untouched duplicates
    by_priority: bool = False  # create new tasks highest priority first (else input order)
    batch_size: int = 2500  # tasks per import request, and per deletion of tasks to renew


@dataclass(frozen=True)
class Prepared:
    """A plan and what carrying it out needs."""

    project: dict[str, Any]
    local: Local
    plan: Plan
    high_water: int  # the highest task id when the project was read
    read_seconds: float


def remote_tasks(studio: Studio, pid: int) -> tuple[list[Remote], int]:
    """The project's tasks as planning sees them, and the highest task id in it. Prediction
    ids only: a task's data records the version of the prediction it was created with."""
    exported = studio.export(pid, all_tasks=True, predictions=False)
    high = max((int(t["id"]) for t in exported), default=0)
    return [r for t in exported if (r := Remote.from_export(t)) is not None], high


def prepare(
    studio: Studio, title: str, local: Local, schema: LabelSchema, options: PushOptions
) -> Prepared:
    """Read the project and plan the push; nothing changes on the server."""
    project = studio.require_project(title)
    check_config(project, schema)
    started = time.perf_counter()
    remote, high_water = remote_tasks(studio, int(project["id"]))
    prioritise(local, remote)
    the_plan = plan(
        local.sentences,
        remote,
        local.model_version,
        push_conflicts=options.push_conflicts,
        priorities=None if options.keep_priorities else local.priority,
    )
    return Prepared(project, local, the_plan, high_water, time.perf_counter() - started)


def push(
    studio: Studio,
    prepared: Prepared,
    schema: LabelSchema,
    options: PushOptions,
    hooks: Hooks = SILENT,
    outcome: Outcome | None = None,
) -> Outcome:
    """Carry out a prepared plan: every prediction is checked against the labeling config
    first, then tasks are deleted, created and renewed (counted in ``outcome`` as they are
    done, when one is given)."""
    the_plan, local = prepared.plan, prepared.local
    renewing = [s for s, _ in the_plan.update + the_plan.reprioritise]
    preds = predictions(local, label_config(schema), the_plan.create + renewing)
    work = len(the_plan.create) + len(renewing)
    with hooks.counter("push", work) as advance:
        return apply(
            studio,
            prepared.project,
            the_plan,
            local,
            preds,
            prepared.high_water,
            batch_size=options.batch_size,
            prune=options.prune,
            by_priority=options.by_priority,
            progress=advance,
            outcome=outcome,
        )
