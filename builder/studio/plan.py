"""What a push would do, computed from what the server already holds (pure, no I/O).

Label Studio has no upsert and no unique external key: importing the same payload twice
duplicates tasks. So every push first reads the project and diffs it against the local
sentences, keyed by ``sentence_id`` in the task data:

- ``create``: no task holds the sentence;
- ``update``: the task exists, nobody has touched it, and its predictions are not exactly one,
  of the current heuristics version: it is renewed (deleted and created again in bulk) with the
  current prediction alone, so annotators see one prediction per task (the Data Manager's
  editor shows every prediction of a task); an old prediction on an untouched task carries
  nothing that the pre-labels file does not;
- ``skip``: already current, or human work exists (annotations, skips, drafts): never modified,
  whatever predictions it carries (the one an annotation started from is its provenance);
- ``reprioritise``: an untouched, current task whose ``priority`` is no longer what the
  pre-labels and the annotations so far give (a near-duplicate annotated since): renewed the
  same way with the new priority;
- ``conflict``: human work exists on a task whose sentence has changed (same id with another
  text, or an annotated task of the same document whose sentence is gone and which the new
  sentence replaces); reported, never re-created;
- ``replace``: an untouched task whose text changed under the same key: deleted and created
  anew, so the old offsets never show;
- ``stale``: an untouched task whose sentence is no longer in the input (deleted only on
  request, because a push may cover part of a corpus);
- ``orphaned``: an annotated task whose sentence is no longer in the input and that no new
  sentence plausibly rewrites: reported, never modified or deleted.

A conflicting rewrite is not pushed, because annotators would label the same sentence twice;
``plan(..., push_conflicts=True)`` creates it anyway, the annotated task standing as it is.

Duplicates already on the server (two tasks for one sentence, e.g. from a hand import) are
reported, and the untouched ones deleted on request; the one with human work, else one with
the current text, else the oldest, stands for the sentence.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Any

from builder.model import Sentence

# A changed sentence still shares most of its characters with what was annotated.
_SAME_SENTENCE_RATIO = 0.6
# Priorities that moved less than this are left alone: a renewal deletes and re-creates the
# task (Label Studio has no bulk update of task data), which gives it a new id.
PRIORITY_TOLERANCE = 0.05


@dataclass(frozen=True)
class Remote:
    """The part of a server task that planning needs."""

    task_id: int
    sentence_id: str
    doc_id: str
    index: int
    text: str
    human: int  # annotations + skips + drafts: any human work on the task
    versions: frozenset[str]
    priority: float | None = None
    predictions: int = 1

    @property
    def current_as(self) -> str | None:
        """The model version of its one prediction; None when it has none or several."""
        one = self.predictions == 1 and len(self.versions) == 1
        return next(iter(self.versions)) if one else None

    @classmethod
    def from_export(cls, task: dict[str, Any]) -> Remote | None:
        """From an exported task; None for tasks this tool did not create (no sentence_id).

        An export without predictions lists their ids only: the version of a task's one
        prediction is then the one ``push`` recorded in its data when it created the task
        (the prediction and the data are written by the same import and never apart)."""
        data = task.get("data") or {}
        sid = data.get("sentence_id")
        if not isinstance(sid, str):
            return None
        annotations = task.get("annotations") or []
        drafts = task.get("drafts") or []
        predictions = task.get("predictions") or []
        if all(isinstance(p, dict) for p in predictions):
            versions = frozenset(str(p.get("model_version") or "") for p in predictions)
        else:
            recorded = data.get("model_version")
            versions = frozenset({recorded} if isinstance(recorded, str) else ())
        return cls(
            task_id=int(task["id"]),
            sentence_id=sid,
            doc_id=str(data.get("doc_id", "")),
            index=int(data.get("index", -1)),
            text=str(data.get("text", "")),
            human=len(annotations) + len(drafts),
            versions=versions,
            priority=float(data["priority"])
            if isinstance(data.get("priority"), int | float)
            else None,
            predictions=len(predictions),
        )


@dataclass(frozen=True)
class Conflict:
    sentence_id: str
    task_id: int
    reason: str
    rewrite: bool = False  # a new sentence id that replaces an annotated one (can be pushed)


@dataclass
class Plan:
    model_version: str
    create: list[Sentence] = field(default_factory=list)
    update: list[tuple[Sentence, int]] = field(default_factory=list)  # (sentence, task id)
    skip_current: int = 0
    skip_human: int = 0
    conflicts: list[Conflict] = field(default_factory=list)
    stale: list[Remote] = field(default_factory=list)
    duplicates: list[Remote] = field(default_factory=list)
    obsolete: list[Remote] = field(default_factory=list)  # untouched, text changed: replaced
    orphaned: list[Remote] = field(default_factory=list)  # annotated, sentence gone
    reprioritise: list[tuple[Sentence, int]] = field(default_factory=list)  # (sentence, task)

    def counts(self) -> dict[str, int]:
        return {
            "create": len(self.create),
            "replace (untouched, text changed)": len(self.obsolete),
            "update": len(self.update),
            "skip (current)": self.skip_current,
            "skip (human work)": self.skip_human,
            "conflict": len(self.conflicts),
            "stale": len(self.stale),
            "annotated, sentence gone": len(self.orphaned),
            "duplicate on server": len(self.duplicates),
            "re-prioritise (untouched)": len(self.reprioritise),
        }


def _standing(
    tasks: Sequence[Remote], texts: dict[str, str]
) -> tuple[dict[str, Remote], list[Remote]]:
    """One task per sentence id and the extra ones. The one that stands is the one with human
    work, else one whose text is current, else the oldest."""
    by_sid: dict[str, list[Remote]] = defaultdict(list)
    for task in tasks:
        by_sid[task.sentence_id].append(task)
    standing, extra = {}, []
    for sid, group in by_sid.items():
        group.sort(key=lambda t: (t.human == 0, t.text != texts.get(sid, t.text), t.task_id))
        standing[sid] = group[0]
        extra.extend(group[1:])
    return standing, extra


def _replaced(new: Sentence, candidates: list[Remote]) -> Remote | None:
    """The vanished annotated task that ``new`` most plausibly rewrites, if any: the most
    similar text above the threshold, the nearest position breaking ties."""
    best: tuple[float, int] | None = None
    found: Remote | None = None
    for old in candidates:
        matcher = SequenceMatcher(None, old.text, new.text, autojunk=False)
        if matcher.quick_ratio() < _SAME_SENTENCE_RATIO:
            continue
        ratio = matcher.ratio()
        if ratio < _SAME_SENTENCE_RATIO:
            continue
        key = (ratio, -abs(old.index - new.index))
        if best is None or key > best:
            best, found = key, old
    return found


def _moved(task: Remote, wanted: tuple[float, str] | None) -> bool:
    return wanted is not None and (
        task.priority is None or abs(task.priority - wanted[0]) > PRIORITY_TOLERANCE
    )


def plan(
    sentences: Sequence[Sentence],
    remote: Sequence[Remote],
    model_version: str,
    *,
    push_conflicts: bool = False,
    priorities: Mapping[str, tuple[float, str]] | None = None,
) -> Plan:
    """The push plan for ``sentences`` against the tasks in ``remote``; with ``priorities``,
    untouched current tasks whose priority moved by more than ``PRIORITY_TOLERANCE`` are
    listed (a task renewed for its prediction gets its new priority anyway)."""
    standing, duplicates = _standing(remote, {s.id: s.text for s in sentences})
    result = Plan(model_version, duplicates=sorted(duplicates, key=lambda t: t.task_id))
    local_ids = {s.id for s in sentences}
    # Annotated tasks whose sentence is no longer in the input, per document: a new sentence
    # of that document may be their rewrite, which must not silently become a fresh task.
    vanished: dict[str, list[Remote]] = defaultdict(list)
    for known in standing.values():
        if known.sentence_id not in local_ids:
            if known.human:
                vanished[known.doc_id].append(known)
            else:
                result.stale.append(known)
    result.stale.sort(key=lambda t: t.task_id)
    claimed: set[int] = set()
    for sent in sentences:
        task = standing.get(sent.id)
        if task is None:
            pool = [t for t in vanished.get(sent.doc_id, []) if t.task_id not in claimed]
            old = _replaced(sent, pool) if pool else None
            if old is None:
                result.create.append(sent)
            else:
                claimed.add(old.task_id)
                result.conflicts.append(
                    Conflict(
                        sent.id,
                        old.task_id,
                        f"annotated task {old.task_id} holds {old.text!r}; the sentence is now "
                        f"{sent.text!r}",
                        rewrite=True,
                    )
                )
                if push_conflicts:
                    result.create.append(sent)
        elif task.text != sent.text:
            if task.human:
                result.conflicts.append(
                    Conflict(
                        sent.id,
                        task.task_id,
                        f"annotated task {task.task_id} holds {task.text!r}; the sentence is "
                        f"now {sent.text!r}",
                    )
                )
            else:
                # Same key, new text, nobody worked on it: the old copy goes, a new one comes.
                result.obsolete.append(task)
                result.create.append(sent)
        elif task.human:
            result.skip_human += 1
        elif task.current_as != model_version:
            result.update.append((sent, task.task_id))
        elif _moved(task, priorities.get(sent.id) if priorities is not None else None):
            result.reprioritise.append((sent, task.task_id))
        else:
            result.skip_current += 1
    result.orphaned = sorted(
        (t for group in vanished.values() for t in group if t.task_id not in claimed),
        key=lambda t: t.task_id,
    )
    return result
