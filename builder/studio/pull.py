"""Pull human annotations into immutable, content-addressed snapshots under ``annotations/``.

For a project titled T, ``annotations/<slug(T)>/`` holds, per pull that found something new:

- ``<sha>.tasks.json``: the annotated tasks as the server exported them, minus what changes
  without human work (predictions, comment counters, "created ago"...), sorted; each
  annotation keeps the prediction it started from (``shown``: its model version and result);
- ``<sha>.jsonl``: one canonical record per annotation (offsets relative to the sentence, the
  same shape as pre-labels), sorted, with ``shown``: the labels of the prediction the annotation
  started from (its ``parent_prediction``, ``studio/shown.py``), or null when it was made from
  scratch. Edit rates are measured against it, not against today's pre-labels (which may be
  of another version);
- ``latest.json``: which snapshot is current, with its counts.

``<sha>`` is the SHA-256 of both files, so the same server state always gives the same files
(and a change in how records are made gives new ones), and a pull that finds nothing new
writes nothing. Every span is checked against the sentence text, and every record against
``schemas/annotations.schema.json`` (as readers check it); a problem stops the pull with the
task ids and nothing is written.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from builder.errors import E730_BAD_SPANS, BuilderError
from builder.gold.snapshots import POINTER, current, problem
from builder.jsonl import atomic_output, dumps, read_records
from builder.studio.convert import to_record
from builder.studio.shown import shown_prediction

_TASK_FIELDS = ("id", "data", "annotations", "drafts")
_ANNOTATION_FIELDS = (
    "id",
    "completed_by",
    "result",
    "was_cancelled",
    "ground_truth",
    "created_at",
    "updated_at",
    "lead_time",
    "parent_prediction",
)


def slug(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-") or "project"


def _dumps(value: Any) -> bytes:
    return orjson.dumps(value, option=orjson.OPT_SORT_KEYS)


def stable_tasks(tasks: Iterable[dict[str, Any]], users: dict[int, str]) -> list[dict[str, Any]]:
    """Annotated tasks without volatile fields or drafts, annotators by e-mail, sorted."""
    out = []
    for task in tasks:
        annotations = []
        for ann in task.get("annotations") or []:
            kept = {k: ann.get(k) for k in _ANNOTATION_FIELDS}
            who = kept["completed_by"]
            if isinstance(who, dict):
                who = who.get("id")
            kept["completed_by"] = users.get(int(who), str(who)) if who is not None else None
            kept["shown"] = shown_prediction(ann, task)
            annotations.append(kept)
        if not annotations:
            continue
        out.append(
            {
                "id": task["id"],
                "data": task.get("data") or {},
                "annotations": sorted(annotations, key=lambda a: int(a["id"])),
            }
        )
    return sorted(out, key=lambda t: int(t["id"]))


def _shown_labels(shown: dict[str, Any] | None, text: str, task_id: Any) -> dict[str, Any] | None:
    """The canonical labels of the prediction an annotation started from. One that no longer
    converts (made under an older labeling config) counts as not shown: the human work is
    what a pull must never fail on."""
    if shown is None:
        return None
    try:
        labels = to_record(shown["result"], text, f"{task_id} (its prediction)")
    except BuilderError:
        return None
    del labels["unlinked"]
    return {"model_version": shown["model_version"], **labels}


def count_drafts(tasks: Iterable[dict[str, Any]]) -> int:
    """Drafts are work in progress: counted, never part of a snapshot (they would change its
    hash without any submitted work)."""
    return sum(len(task.get("drafts") or []) for task in tasks)


def canonical(tasks: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[str]]:
    """One record per annotation, and the span problems found (task ids named)."""
    records, problems = [], []
    for task in tasks:
        data = task["data"]
        text, sid = data.get("text"), data.get("sentence_id")
        if not isinstance(text, str) or not isinstance(sid, str):
            problems.append(f"task {task['id']}: no sentence_id/text in its data")
            continue
        for ann in task["annotations"]:
            try:
                labels = (
                    {
                        "entities": [],
                        "claims": [],
                        "unlinked": [],
                        "check_worthy": None,
                        "sentiment": None,
                    }
                    if ann["was_cancelled"]
                    else to_record(ann["result"] or [], text, f"{task['id']}")
                )
            except BuilderError as exc:
                problems.append(str(exc))  # with its code (E601): listed under E730
                continue
            shown = _shown_labels(ann.get("shown"), text, task["id"])
            records.append(
                {
                    "sentence_id": sid,
                    "doc_id": data.get("doc_id"),
                    "text": text,
                    "task_id": task["id"],
                    "annotation_id": ann["id"],
                    "annotator": ann["completed_by"],
                    "created": ann["created_at"],
                    "updated": ann["updated_at"],
                    "lead_time": ann["lead_time"],
                    "was_cancelled": bool(ann["was_cancelled"]),
                    "ground_truth": bool(ann["ground_truth"]),
                    **labels,
                    "shown": shown,
                }
            )
    records.sort(key=lambda r: (r["sentence_id"], r["created"] or "", r["annotation_id"]))
    return records, problems


@dataclass
class PullReport:
    snapshot: Path | None
    written: bool
    tasks: int = 0
    annotations: int = 0
    cancelled: int = 0
    drafts: int = 0
    annotators: int = 0
    ground_truth: int = 0
    unlinked: int = 0  # SOURCE/CUE regions that belong to no claim, kept in the records
    gone_since_last: list[str] = field(default_factory=list)  # sentence ids no longer annotated

    def counts(self) -> dict[str, int]:
        return {
            "annotated tasks": self.tasks,
            "annotations": self.annotations,
            "of which skipped/cancelled": self.cancelled,
            "drafts on annotated tasks (not pulled)": self.drafts,
            "annotators": self.annotators,
            "ground-truth flags": self.ground_truth,
            "SOURCE/CUE linked to no claim": self.unlinked,
            "tasks gone since last pull": len(self.gone_since_last),
        }


def refusals(records: Iterable[dict[str, Any]]) -> list[str]:
    """The records readers would refuse (``gold.snapshots.problem``: the snapshot schema and
    every span against the text), naming task and annotation. A bug in the conversion, or a
    server answering in another shape, must stop the pull rather than write them."""
    return [
        f"task {r.get('task_id')} annotation {r.get('annotation_id')}: {wrong}"
        for r in records
        if (wrong := problem(r)) is not None
    ]


def write_snapshot(
    exported: list[dict[str, Any]], users: dict[int, str], folder: Path
) -> PullReport:
    tasks = stable_tasks(exported, users)
    records, problems = canonical(tasks)
    problems += refusals(records)
    if problems:
        shown = "; ".join(problems[:20])
        more = f" (and {len(problems) - 20} more)" if len(problems) > 20 else ""
        raise BuilderError(
            E730_BAD_SPANS,
            f"{len(problems)} annotation problems, nothing written: {shown}{more}",
        )
    raw = b"[\n" + b",\n".join(_dumps(t) for t in tasks) + b"\n]\n"
    lines = b"".join(dumps(r) for r in records)
    # Both files in the name: a new version of this tool that reads the same tasks
    # differently writes a new snapshot instead of keeping the old records under the name.
    digest = hashlib.sha256(raw)
    digest.update(b"\0")
    digest.update(lines)
    sha = digest.hexdigest()[:16]
    report = PullReport(
        snapshot=folder / f"{sha}.jsonl",
        written=False,
        tasks=sum(1 for t in tasks if t["annotations"]),
        annotations=len(records),
        cancelled=sum(r["was_cancelled"] for r in records),
        drafts=count_drafts(exported),
        annotators=len({r["annotator"] for r in records}),
        ground_truth=sum(r["ground_truth"] for r in records),
        unlinked=sum(len(r["unlinked"]) for r in records),
    )
    previous = current(folder)
    if previous is not None:
        now = {r["sentence_id"] for r in records}
        before = (r.get("sentence_id") for r in read_records(previous.records))
        report.gone_since_last = sorted({sid for sid in before if isinstance(sid, str)} - now)
    assert report.snapshot is not None
    if not report.snapshot.exists():
        with atomic_output(folder / f"{sha}.tasks.json") as fh:
            fh.write(raw)
        with atomic_output(report.snapshot) as fh:
            fh.write(lines)
        report.written = True
    pointer = _dumps(
        {"records": report.snapshot.name, "tasks": f"{sha}.tasks.json", **report.counts()}
    )
    target = folder / POINTER
    if not target.exists() or target.read_bytes() != pointer + b"\n":
        with atomic_output(target) as fh:
            fh.write(pointer + b"\n")
    return report
