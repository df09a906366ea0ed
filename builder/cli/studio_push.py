"""`builder studio push`: one task per sentence with its pre-labels, planned against the server."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from builder.cli.console import handles_errors, hooks, info, warn
from builder.cli.studio_options import (
    DEFAULT_PROJECT,
    Order,
    Project,
    State,
    Token,
    Url,
    connect,
    counts_table,
)
from builder.studio import server

if TYPE_CHECKING:
    from builder.studio.apply import Outcome
    from builder.studio.plan import Plan


@handles_errors
def command(
    prelabels: Annotated[Path, typer.Argument(help="prelabels.jsonl from `builder prelabel`.")],
    sentences: Annotated[
        Path | None,
        typer.Option("--sentences", help="sentences.jsonl.", show_default="beside PRELABELS"),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Print the plan; change nothing.")
    ] = False,
    prune: Annotated[
        bool,
        typer.Option(
            "--prune",
            help="Delete untouched tasks whose sentence left the input, and untouched duplicates.",
        ),
    ] = False,
    push_conflicts: Annotated[
        bool,
        typer.Option(
            "--push-conflicts",
            help="Create tasks for new sentences that rewrite annotated ones (the annotated "
            "tasks stay as they are).",
        ),
    ] = False,
    keep_priorities: Annotated[
        bool,
        typer.Option(
            "--keep-priorities",
            help="Leave the priorities of current tasks as they are (a changed priority alone "
            "renews the task: deleted and created again, with a new id).",
        ),
    ] = False,
    batch_size: Annotated[
        int,
        typer.Option(
            help="Tasks per import request, and per bulk deletion of tasks to renew (the "
            "server does some work per request for the whole project: fewer, larger requests "
            "are faster).",
            min=1,
        ),
    ] = 2500,
    order: Annotated[
        Order,
        typer.Option(
            "--order",
            help="Create new tasks in input order or by priority (highest first; the task "
            "data's `priority` field sorts them in the Data Manager either way).",
        ),
    ] = Order.input,
    as_json: Annotated[bool, typer.Option("--json", help="Print the plan as JSON.")] = False,
    state: State = server.DEFAULT_STATE_DIR,
    url: Url = None,
    token: Token = None,
    project: Project = DEFAULT_PROJECT,
) -> None:
    """One task per sentence with its pre-labels as predictions; safe to re-run."""
    from builder.labels import labels
    from builder.studio.apply import Outcome
    from builder.studio.local import read_local
    from builder.studio.push import PushOptions, prepare
    from builder.studio.push import push as carry_out

    options = PushOptions(
        push_conflicts=push_conflicts,
        keep_priorities=keep_priorities,
        prune=prune,
        by_priority=order is Order.priority,
        batch_size=batch_size,
    )
    local = read_local(sentences or prelabels.with_name("sentences.jsonl"), prelabels)
    studio = connect(url, token, state)
    schema = labels()
    started = time.perf_counter()
    prepared = prepare(studio, project, local, schema, options)
    the_plan = prepared.plan
    if as_json:
        typer.echo(
            json.dumps(
                {
                    "model_version": the_plan.model_version,
                    "counts": the_plan.counts(),
                    "conflicts": [c.__dict__ for c in the_plan.conflicts],
                    "orphaned": [t.task_id for t in the_plan.orphaned],
                    "dry_run": dry_run,
                },
                indent=2,
            )
        )
    else:
        title = f"push plan ({the_plan.model_version}, read in {prepared.read_seconds:.1f} s)"
        counts_table(title, the_plan.counts())
    _warn_plan(the_plan)
    if dry_run:
        return
    done = Outcome()
    try:
        outcome = carry_out(studio, prepared, schema, options, hooks(), outcome=done)
    except KeyboardInterrupt as stopped:  # Ctrl-C, SIGTERM: say how far it got
        stopped.add_note(_so_far(the_plan, done, batch_size))
        raise
    info(
        f"created {outcome.created} tasks, renewed {outcome.renewed} untouched ones with the "
        f"current prediction and priority, deleted {outcome.deleted} ({outcome.retries} "
        f"retries, {outcome.deduplicated} retried copies removed, {outcome.kept} deletions "
        f"called off for new human work) in "
        f"{time.perf_counter() - started:.1f} s; project model version "
        f"{the_plan.model_version}"
    )
    _spread(studio, prepared.project, state, project)


def _spread(studio: Any, found: dict[str, Any], state: Path, project: str) -> None:
    """Tasks chosen for several annotators (``init --overlap-share``) get their overlap; the
    server gives it to every task itself when all tasks want the same."""
    from builder.studio import overlap

    wanted = overlap.load(state, project)
    if wanted.partial:
        done = overlap.apply(studio, int(found["id"]), wanted)
        info(
            f"overlap: {done.wanting_several} tasks want {wanted.annotators} annotators "
            f"({done.changed} set now, {done.annotated_kept} annotated tasks left as they were)"
        )


def _so_far(the_plan: Plan, done: Outcome, batch_size: int) -> str:
    """How far an interrupted push got, and that a re-run finishes the job."""
    parts = [f"the push landed {done.created} of {len(the_plan.create)} new tasks"]
    renewing = len(the_plan.update) + len(the_plan.reprioritise)
    if renewing:
        parts.append(f"{done.renewed} of {renewing} tasks renewed with their current prediction")
    if done.deleted:
        parts.append(f"{done.deleted} deletions")
    return (
        ", ".join(parts)
        + f" (the request in flight, up to {batch_size} more, may have landed too); re-run the "
        "same command to finish the job: it plans against what the server holds, so nothing "
        "is created twice"
    )


def _warn_plan(the_plan: Plan) -> None:
    for conflict in the_plan.conflicts[:20]:
        warn(f"conflict: sentence {conflict.sentence_id}: {conflict.reason}")
    if len(the_plan.conflicts) > 20:
        warn(f"... and {len(the_plan.conflicts) - 20} more conflicts (see --json)")
    if the_plan.orphaned:
        ids = ", ".join(str(t.task_id) for t in the_plan.orphaned[:10])
        warn(
            f"{len(the_plan.orphaned)} annotated tasks hold sentences no longer in the input "
            f"(task ids {ids}); they are kept as they are"
        )
    if the_plan.duplicates:
        ids = ", ".join(str(t.task_id) for t in the_plan.duplicates[:10])
        warn(f"{len(the_plan.duplicates)} duplicate tasks already on the server (ids {ids}...)")
