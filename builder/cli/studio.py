"""`builder studio ...`: a local Label Studio, the project, push of pre-labels, pull of work.

Where to connect: --url/--token, else LABEL_STUDIO_URL/LABEL_STUDIO_API_KEY, else the local
server started by `builder studio up` (its token stays in the state folder, never printed).
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Annotated, Any

import typer

from builder.cli import studio_push
from builder.cli.console import handles_errors, hooks, info, warn
from builder.cli.studio_options import (
    DEFAULT_PROJECT,
    Project,
    State,
    Token,
    Url,
    connect,
    counts_table,
)
from builder.studio import server

app = typer.Typer(help="Label Studio: local server, project, push pre-labels, pull annotations.")


@app.command("up")
@handles_errors
def up(
    state: State = server.DEFAULT_STATE_DIR,
    port: Annotated[
        int | None,
        typer.Option(
            help="Port, remembered in the state folder for the next `up` (default: the "
            "last start's, else a free one).",
            min=1,
            max=65535,
        ),
    ] = None,
) -> None:
    """Start a local Label Studio (127.0.0.1 only), creating its admin and token the first time."""
    started = time.perf_counter()
    running = server.up(state, port, hooks=hooks())
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
    studio = connect(url, token, state)
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
    overlap: Annotated[
        int | None,
        typer.Option(
            "--overlap",
            min=1,
            help="Annotators every task wants (or every chosen task, with --overlap-share). "
            "Default: as set before, 1 at first.",
        ),
    ] = None,
    overlap_share: Annotated[
        float | None,
        typer.Option(
            "--overlap-share",
            help="Share of the tasks, above 0 and at most 1, that want --overlap annotators "
            "(2 if not given), chosen by a hash of the sentence id: 0.1 double-annotates "
            "one task in ten, the same ones at every push.",
        ),
    ] = None,
) -> None:
    """Create or update the project; its labeling config comes from schemas/labels.yaml."""
    from builder.labels import labels
    from builder.studio.overlap import Overlap
    from builder.studio.project import init as init_project

    wanted = None  # checked before any work
    if overlap is not None or overlap_share is not None:
        try:
            share = 1.0 if overlap_share is None else overlap_share
            wanted = Overlap(overlap or (2 if overlap_share is not None else 1), share)
        except ValueError as exc:
            raise typer.BadParameter(str(exc)) from None
    studio = connect(url, token, state)
    made, action = init_project(studio, project, labels())
    info(f"project {project!r} (id {made['id']}) {action} at {studio.url}/projects/{made['id']}")
    if wanted is not None:
        _overlap(studio, made, state, project, wanted)


def _overlap(studio: Any, made: dict[str, Any], state: Path, project: str, wanted: Any) -> None:
    from builder.studio import overlap

    overlap.configure(studio, made, wanted)
    overlap.save(state, project, wanted)
    done = overlap.apply(studio, int(made["id"]), wanted)
    every = "every task" if not wanted.partial else f"a share of {wanted.share:g} of the tasks"
    info(
        f"overlap: {every} wants {wanted.annotators} annotators; {done.wanting_several} tasks "
        f"now do ({done.changed} changed, {done.annotated_kept} annotated tasks left as they were)"
    )


app.command("push")(studio_push.command)


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
    from builder.studio.pseudonyms import pseudonymise
    from builder.studio.pull import slug, write_snapshot
    from builder.studio.shown import needs_predictions

    started = time.perf_counter()
    studio = connect(url, token, state)
    found = studio.require_project(project)
    exported = studio.export(int(found["id"]), all_tasks=False, predictions=False)
    if needs_predictions(exported):  # an annotation started from an older prediction
        exported = studio.export(int(found["id"]), all_tasks=False, predictions=True)
    # Annotators by pseudonym: no e-mail leaves the server (the key stays in the state folder).
    users = pseudonymise(studio.users(), state)
    report = write_snapshot(exported, users, output / slug(project))
    counts_table(f"pull of {project!r} in {time.perf_counter() - started:.1f} s", report.counts())
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

    studio = connect(url, token, state)
    review, created, waiting = send_disputes(studio, project, annotations / slug(project), labels())
    info(
        f"{created} disputed sentences sent for review, {waiting} already there: "
        f"{studio.url}/projects/{review['id']} ({review['title']!r}); pull it with "
        f"`builder studio pull --project {review['title']!r}` and export with the "
        "`adjudicated` resolution policy"
    )


@app.command("annotators")
@handles_errors
def annotators(
    names: Annotated[
        list[str] | None, typer.Argument(help="Pseudonyms to look up (default: every one).")
    ] = None,
    state: State = server.DEFAULT_STATE_DIR,
) -> None:
    """Map annotator pseudonyms (snapshots, eval.json, card, manifest) back to e-mails, from
    the key that `pull` keeps in the state folder. Local only: nothing is asked of a server."""
    from builder.errors import E741_UNKNOWN_PSEUDONYM, BuilderError
    from builder.studio.pseudonyms import FILE, key

    known = key(state)
    missing = [n for n in names or () if n not in known]
    if not known or missing:
        what = f"{', '.join(missing)} unknown to" if known else "no pseudonyms in"
        raise BuilderError(
            E741_UNKNOWN_PSEUDONYM,
            f"{what} {state / FILE}: pull with the --state folder the snapshots were pulled "
            "with (its salt made them)",
        )
    for name in names or list(known):
        typer.echo(f"{name}\t{known[name]}")
