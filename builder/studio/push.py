"""Push sentences with their pre-labels as tasks: plan first, then apply, idempotently.

Re-running a push, or running it again after a crash or Ctrl-C, converges to exactly one task
per sentence: the plan is always computed from what the server holds, and an import that fails
in flight is checked against the server (tasks created after the last known id) before it is
retried, because the server may have committed it before the connection broke.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from builder.errors import (
    E720_BAD_PRELABELS,
    E721_INVALID_PREDICTION,
    E722_CONFIG_MISMATCH,
    E723_GAVE_UP,
    BuilderError,
    InputError,
)
from builder.jsonl import read_numbered
from builder.labels import LabelSchema
from builder.model import Sentence
from builder.prelabel.io import read_sentences
from builder.studio.client import ServerFailed, Studio, Unreachable
from builder.studio.label_config import label_config
from builder.studio.plan import Plan, Remote
from builder.studio.plan import plan as plan
from builder.studio.priority import priorities
from builder.studio.tasks import prediction, task_data


@dataclass
class Local:
    """Sentences in input order, their read-only context and their pre-labels."""

    sentences: list[Sentence]
    context: dict[str, tuple[str, str]]
    prelabels: dict[str, dict[str, Any]]
    model_version: str
    # id -> (0..1, why), filled by `prioritise`; empty: tasks are created without one
    priority: dict[str, tuple[float, str]] = field(default_factory=dict)


def read_local(sentences_path: Path, prelabels_path: Path) -> Local:
    sentences = list(read_sentences(sentences_path))
    known = {s.id for s in sentences}
    prelabels: dict[str, dict[str, Any]] = {}
    versions: set[str] = set()
    for lineno, record in read_numbered(prelabels_path):
        sid = record.get("sentence_id")
        if sid not in known:
            raise InputError(
                E720_BAD_PRELABELS,
                str(prelabels_path),
                f"pre-labels for sentence {sid!r}, which is not in {sentences_path}",
                lineno,
            )
        versions.add(str(record.get("model_version")))
        prelabels[sid] = record
    if len(versions) > 1:
        raise InputError(
            E720_BAD_PRELABELS,
            str(prelabels_path),
            f"mixes heuristics versions {sorted(versions)}: pre-label all sentences with one set",
        )
    missing = [s.id for s in sentences if s.id not in prelabels]
    if missing:
        raise InputError(
            E720_BAD_PRELABELS,
            str(prelabels_path),
            f"{len(missing)} sentences have no pre-labels (first: {missing[0]}); "
            "run `builder prelabel` on the same sentences.jsonl",
        )
    context: dict[str, tuple[str, str]] = {}
    for i, sent in enumerate(sentences):
        prev = sentences[i - 1] if i else None
        nxt = sentences[i + 1] if i + 1 < len(sentences) else None
        context[sent.id] = (
            prev.text if prev and prev.doc_id == sent.doc_id else "",
            nxt.text if nxt and nxt.doc_id == sent.doc_id else "",
        )
    version = versions.pop() if versions else ""
    return Local(sentences, context, prelabels, version)


def prioritise(local: Local, remote: Sequence[Remote]) -> None:
    """Every sentence's priority, knowing what the server holds annotated already (a
    near-duplicate of an annotated sentence teaches little). Computed once the project is
    read, before planning: a few seconds for 10,000 sentences."""
    annotated = [task.text for task in remote if task.human]
    local.priority = priorities(local.sentences, local.prelabels, annotated)


def predictions(local: Local, config: str, subset: Sequence[Sentence]) -> dict[str, dict[str, Any]]:
    """Predictions for ``subset``, each validated against the labeling config and its text."""
    from label_studio_sdk.label_interface import LabelInterface

    interface = LabelInterface(config)
    out: dict[str, dict[str, Any]] = {}
    for sent in subset:
        pred = prediction(local.prelabels[sent.id], sent.text)
        for item in pred["result"]:
            value = item.get("value", {})
            if "start" in value and not (
                0 <= value["start"] < value["end"] <= len(sent.text)
                and value["text"] == sent.text[value["start"] : value["end"]]
            ):
                raise BuilderError(
                    E721_INVALID_PREDICTION,
                    f"sentence {sent.id}: region {item.get('id')} [{value['start']}:"
                    f"{value['end']}] does not fit the sentence text",
                )
        errors = interface.validate_prediction(pred, return_errors=True)
        if errors is not True and errors:
            raise BuilderError(
                E721_INVALID_PREDICTION,
                f"sentence {sent.id}: the prediction does not fit the labeling config: {errors}",
            )
        out[sent.id] = pred
    return out


def check_config(project: dict[str, Any], schema: LabelSchema) -> None:
    if (project.get("label_config") or "").strip() != label_config(schema).strip():
        raise BuilderError(
            E722_CONFIG_MISMATCH,
            f"project {project['id']} ({project['title']!r}) has a labeling config that differs "
            "from schemas/labels.yaml: run `builder studio init` first",
        )


def remote_tasks(studio: Studio, pid: int) -> tuple[list[Remote], int]:
    """The project's tasks as planning sees them, and the highest task id in it."""
    exported = studio.export(pid, all_tasks=True, predictions=True)
    high = max((int(t["id"]) for t in exported), default=0)
    return [r for t in exported if (r := Remote.from_export(t)) is not None], high


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
    failed = False
    for attempt in range(attempts):
        try:
            if failed:
                recover()
            action()
            return
        except (Unreachable, ServerFailed) as exc:
            transient = isinstance(exc, Unreachable) or (exc.status or 0) >= 500
            if not transient or attempt == attempts - 1:
                raise
            failed = True
            outcome.retries += 1
            time.sleep(min(2.0**attempt, 30.0))
    raise BuilderError(E723_GAVE_UP, f"{what}: gave up after {attempts} attempts")


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
) -> Outcome:
    """Carry out ``the_plan``; every step is safe to interrupt and re-run."""
    pid = int(project["id"])
    outcome = Outcome()
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
