"""How many annotators each task wants, so that agreement comes from ordinary work.

Label Studio 1.23 serves a task to annotators until it holds as many annotations as its
``overlap`` (per task). The project's ``maximum_annotations`` is the overlap that imported
tasks get, and the server re-chooses a random cohort of ``overlap_cohort_percentage`` of the
tasks after every import when that is below 100, so a cohort of its own would move at every
push. Hence:

- ``--overlap N`` (every task): the project's ``maximum_annotations`` is N with a cohort of
  100 %; the server gives every task, existing and imported, the overlap N;
- ``--overlap N --overlap-share F``: the project keeps ``maximum_annotations`` 1 (cohort
  100 %, so the server never re-chooses), and the tasks whose sentence id hashes below F get
  the overlap N, task by task: a choice by sentence id, the same at every push.

The server does not recount whether a task is complete when its overlap changes, so only tasks
nobody annotated (or skipped) yet are changed; the others keep the overlap they had. The
setting is kept per project in ``<state>/overlap.json`` for ``push`` to apply to new tasks.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from builder.studio.client import Studio
from builder.studio.server_state import read_state, write_state

FILE = "overlap.json"


@dataclass(frozen=True)
class Overlap:
    annotators: int = 1  # annotators wanted on a chosen task
    share: float = 1.0  # share of the tasks chosen (by a hash of the sentence id)

    def __post_init__(self) -> None:
        if self.annotators < 1 or not 0.0 < self.share <= 1.0:
            raise ValueError("--overlap is at least 1 and --overlap-share in (0, 1]")

    @property
    def partial(self) -> bool:
        """Only some tasks want several annotators: set task by task."""
        return self.annotators > 1 and self.share < 1.0

    def wants(self, sentence_id: str) -> int:
        """The overlap of the task of ``sentence_id``."""
        if not self.partial:
            return self.annotators
        return self.annotators if chosen(sentence_id, self.share) else 1

    def project_fields(self) -> dict[str, int]:
        most = 1 if self.partial else self.annotators
        return {"maximum_annotations": most, "overlap_cohort_percentage": 100}


def chosen(sentence_id: str, share: float) -> bool:
    """Whether the sentence falls in the share: the first 8 bytes of the SHA-256 of its id,
    as a fraction of 2**64, below ``share``. Deterministic, and growing the share only adds."""
    digest = hashlib.sha256(sentence_id.encode()).digest()
    return int.from_bytes(digest[:8], "big") < share * 2**64


def save(state: Path, project: str, overlap: Overlap) -> None:
    path = state / FILE
    known = read_state(path, ()) if path.exists() else {}
    state.mkdir(parents=True, exist_ok=True)
    write_state(path, {**known, project: asdict(overlap)})


def load(state: Path, project: str) -> Overlap:
    """The setting ``init`` saved for ``project`` (one annotator per task if none)."""
    path = state / FILE
    saved: Any = read_state(path, ()).get(project) if path.exists() else None
    if not isinstance(saved, dict):
        return Overlap()
    return Overlap(int(saved.get("annotators", 1)), float(saved.get("share", 1.0)))


def configure(studio: Studio, project: dict[str, Any], overlap: Overlap) -> None:
    """The project's fields for ``overlap`` (the server applies them to its tasks)."""
    fields = overlap.project_fields()
    if any(project.get(k) != v for k, v in fields.items()):
        studio.update_project(int(project["id"]), **fields)


@dataclass
class Applied:
    changed: int = 0  # tasks whose overlap was set
    wanting_several: int = 0  # tasks that now want several annotators
    annotated_kept: int = 0  # tasks with annotations whose overlap was left as it was


def apply(
    studio: Studio,
    pid: int,
    overlap: Overlap,
    after_id: int = 0,
    progress: Callable[[int], None] = lambda n: None,
) -> Applied:
    """Give every task above ``after_id`` that nobody annotated yet the overlap it wants: one
    request per task, two in flight (as priority rewrites: the server is the bottleneck), in
    windows of 64 so that a failure or Ctrl-C stops after the window. Setting an overlap twice
    does no harm: a re-run finishes the job."""
    out = Applied()
    todo: list[tuple[int, int]] = []
    for task in studio.tasks_after(pid, after_id):
        sid = task["data"].get("sentence_id")
        want = overlap.wants(sid) if isinstance(sid, str) else 1
        have = task["overlap"]
        if have != want and task["annotations"]:
            out.annotated_kept += 1
            want = have
        elif have != want:
            todo.append((task["id"], want))
        out.wanting_several += want > 1
    with ThreadPoolExecutor(max_workers=2) as pool:
        for start in range(0, len(todo), 64):
            for _ in pool.map(lambda t: studio.set_overlap(*t), todo[start : start + 64]):
                out.changed += 1
                progress(1)
    return out
