"""`builder studio ...`: a local Label Studio, the project, push of pre-labels, pull of work.

Where to connect: --url/--token, else LABEL_STUDIO_URL/LABEL_STUDIO_API_KEY, else the local
server started by `builder studio up` (its token stays in the state folder, never printed).
"""

from __future__ import annotations

import json
import time
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from builder.cli.console import err, handles_errors, info, warn
from builder.studio import server

app = typer.Typer(help="Label Studio: local server, project, push pre-labels, pull annotations.")

State = Annotated[
    Path,
    typer.Option(
        "--state",
        envvar="BUILDER_STUDIO_STATE",
        help="Folder for the local server's data, login and token (keep it out of git).",
    ),
]
Url = Annotated[str | None, typer.Option("--url", help="Label Studio URL [LABEL_STUDIO_URL].")]
Token = Annotated[
    str | None,
    typer.Option("--token", help="API token [LABEL_STUDIO_API_KEY].", show_default=False),
]
Project = Annotated[
    str, typer.Option("--project", envvar="BUILDER_STUDIO_PROJECT", help="Project title.")
]
DEFAULT_PROJECT = "news-dataset-builder"


class Order(StrEnum):
    input = "input"
    priority = "priority"


def _connect(url: str | None, token: str | None, state: Path) -> Any:
    from builder.studio.client import Studio, endpoint

    studio = Studio(endpoint(url, token, state))
    studio.whoami()  # fail early, before any local or remote state changes
    return studio


def _table(title: str, counts: dict[str, int]) -> None:
    from rich.table import Table

    table = Table(title=title, show_header=False)
    for key, value in counts.items():
        table.add_row(key, str(value))
    err.print(table)


@app.command("up")
@handles_errors
def up(
    state: State = server.DEFAULT_STATE_DIR,
    port: Annotated[int | None, typer.Option(help="Port (default: a free one).")] = None,
) -> None:
    """Start a local Label Studio (127.0.0.1 only), creating its admin and token the first time."""
    first = server.credentials(state) is None
    if first:
        info("initialising Label Studio (database migrations, about 30-60 s the first time)...")
    started = time.perf_counter()
    running = server.up(state, port)
    creds = server.credentials(state)
    assert creds is not None
    info(f"Label Studio is up at {running.url} ({time.perf_counter() - started:.0f} s)")
    info(
        f"log in as {creds.email}; the password is in {state / 'credentials.json'} "
        "(readable by you only)"
    )
    info("builder studio commands find this server and its token by themselves")


@app.command("down")
@handles_errors
def down(state: State = server.DEFAULT_STATE_DIR) -> None:
    """Stop the local Label Studio (its data stays)."""
    if server.down(state):
        info("Label Studio stopped")
    else:
        info("no local Label Studio was running")


@app.command("status")
@handles_errors
def status(
    state: State = server.DEFAULT_STATE_DIR,
    url: Url = None,
    token: Token = None,
    project: Project = DEFAULT_PROJECT,
) -> None:
    """Is the server up, is the token accepted, does the project exist and is it current?"""
    from builder.labels import labels
    from builder.studio.client import endpoint
    from builder.studio.label_config import label_config

    where = endpoint(url, token, state)
    version = server.version_of(where.url)
    info(f"server: {where.url} (Label Studio {version or 'unknown version'})")
    studio = _connect(url, token, state)
    info(f"token: accepted ({studio.whoami()})")
    found = studio.find_project(project)
    if found is None:
        info(f"project {project!r}: missing (create it with `builder studio init`)")
        return
    current = (found.get("label_config") or "").strip() == label_config(labels()).strip()
    info(
        f"project {project!r}: id {found['id']}, {found.get('task_number', 0)} tasks, "
        f"model version {found.get('model_version') or '-'}, config "
        + ("current" if current else "OUT OF DATE (run `builder studio init`)")
    )


@app.command("init")
@handles_errors
def init(
    state: State = server.DEFAULT_STATE_DIR,
    url: Url = None,
    token: Token = None,
    project: Project = DEFAULT_PROJECT,
) -> None:
    """Create or update the project; its labeling config comes from schemas/labels.yaml."""
    from builder.labels import labels
    from builder.studio.project import init as init_project

    studio = _connect(url, token, state)
    made, action = init_project(studio, project, labels())
    info(f"project {project!r} (id {made['id']}) {action} at {studio.url}/projects/{made['id']}")


@app.command("push")
@handles_errors
def push(
    prelabels: Annotated[Path, typer.Argument(help="prelabels.jsonl from `builder prelabel`.")],
    sentences: Annotated[
        Path | None,
        typer.Option("--sentences", help="sentences.jsonl [default: beside PRELABELS]."),
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
            help="Leave the priorities of existing tasks as they are (rewriting them costs one "
            "request per task: Label Studio has no bulk update of task data).",
        ),
    ] = False,
    batch_size: Annotated[int, typer.Option(help="Tasks per import request.", min=1)] = 1000,
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
    from builder.studio import push as pushing
    from builder.studio.label_config import label_config

    sentences = sentences or prelabels.with_name("sentences.jsonl")
    local = pushing.read_local(sentences, prelabels)
    studio = _connect(url, token, state)
    found = studio.require_project(project)
    schema = labels()
    pushing.check_config(found, schema)
    started = time.perf_counter()
    remote, high_water = pushing.remote_tasks(studio, int(found["id"]))
    pushing.prioritise(local, remote)
    the_plan = pushing.plan(
        local.sentences,
        remote,
        local.model_version,
        push_conflicts=push_conflicts,
        priorities=None if keep_priorities else local.priority,
    )
    read_s = time.perf_counter() - started
    counts = the_plan.counts()
    if as_json:
        typer.echo(
            json.dumps(
                {
                    "model_version": the_plan.model_version,
                    "counts": counts,
                    "conflicts": [c.__dict__ for c in the_plan.conflicts],
                    "orphaned": [t.task_id for t in the_plan.orphaned],
                    "dry_run": dry_run,
                },
                indent=2,
            )
        )
    else:
        _table(f"push plan ({the_plan.model_version}, read in {read_s:.1f} s)", counts)
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
    if dry_run:
        return
    todo = set(the_plan.create) | {s for s, _ in the_plan.update}
    preds = pushing.predictions(local, label_config(schema), list(todo))
    outcome = pushing.apply(
        studio,
        found,
        the_plan,
        local,
        preds,
        high_water,
        batch_size=batch_size,
        prune=prune,
        by_priority=order is Order.priority,
    )
    info(
        f"created {outcome.created} tasks, added predictions to {outcome.updated}, "
        f"re-prioritised {outcome.reprioritised}, deleted "
        f"{outcome.deleted} ({outcome.retries} retries, {outcome.deduplicated} retried copies "
        f"removed, {outcome.kept} deletions called off for new human work) in "
        f"{time.perf_counter() - started:.1f} s; project model version "
        f"{the_plan.model_version}"
    )


@app.command("pull")
@handles_errors
def pull(
    output: Annotated[
        Path, typer.Option("-o", "--output", help="Annotations folder (a subfolder per project).")
    ] = Path("annotations"),
    state: State = server.DEFAULT_STATE_DIR,
    url: Url = None,
    token: Token = None,
    project: Project = DEFAULT_PROJECT,
) -> None:
    """Every annotation into an immutable, content-addressed snapshot under OUTPUT."""
    from builder.studio.pull import slug, write_snapshot

    started = time.perf_counter()
    studio = _connect(url, token, state)
    found = studio.require_project(project)
    exported = studio.export(int(found["id"]), all_tasks=False, predictions=False)
    report = write_snapshot(exported, studio.users(), output / slug(project))
    _table(f"pull of {project!r} in {time.perf_counter() - started:.1f} s", report.counts())
    if report.gone_since_last:
        warn(
            f"{len(report.gone_since_last)} sentences annotated in the last snapshot have no "
            f"annotation now (deleted tasks or annotations), e.g. {report.gone_since_last[0]}"
        )
    if report.unlinked:
        warn(
            f"{report.unlinked} SOURCE/CUE regions belong to no claim (no relation drawn, and "
            "the sentence has several claims): kept as `unlinked` in the records"
        )
    state_word = "written" if report.written else "unchanged"
    info(f"snapshot {state_word}: {report.snapshot}")


@app.command("adjudicate")
@handles_errors
def adjudicate(
    annotations: Annotated[
        Path, typer.Option("--annotations", help="Annotations folder written by `pull`.")
    ] = Path("annotations"),
    state: State = server.DEFAULT_STATE_DIR,
    url: Url = None,
    token: Token = None,
    project: Project = DEFAULT_PROJECT,
) -> None:
    """Send sentences whose annotators disagree to PROJECT-review, one version per annotator."""
    from builder.labels import labels
    from builder.studio.adjudicate import adjudicate as send_disputes
    from builder.studio.pull import slug

    studio = _connect(url, token, state)
    review, created, waiting = send_disputes(studio, project, annotations / slug(project), labels())
    info(
        f"{created} disputed sentences sent for review, {waiting} already there: "
        f"{studio.url}/projects/{review['id']} ({review['title']!r}); pull it with "
        f"`builder studio pull --project {review['title']!r}` and export with the "
        "`adjudicated` resolution policy"
    )
