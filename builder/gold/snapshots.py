"""The only reader of the annotation snapshots that `builder studio pull` writes.

An annotations folder holds one subfolder per Label Studio project (or is one itself). Each
project folder has immutable, content-addressed snapshots (``<sha>.jsonl`` canonical records
and ``<sha>.tasks.json`` raw tasks) and ``latest.json``, the pointer to the current pair.
Folders named ``<project>-review`` hold a reviewer's adjudications (`builder studio
adjudicate`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from builder.errors import E801_BAD_ANNOTATIONS, InputError
from builder.jsonl import read_records

POINTER = "latest.json"
REVIEW_SUFFIX = "-review"  # a project folder holding adjudications (see `studio adjudicate`)


@dataclass(frozen=True)
class Current:
    """The files ``latest.json`` points to."""

    records: Path
    tasks: Path | None


@dataclass
class Snapshots:
    """Records of every current snapshot under an annotations folder."""

    annotations: list[dict[str, Any]] = field(default_factory=list)
    adjudications: list[dict[str, Any]] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)


def current(folder: Path) -> Current | None:
    """The current snapshot of one project folder; None when nothing was pulled into it."""
    pointer = folder / POINTER
    if not pointer.exists():
        return None
    try:
        names = orjson.loads(pointer.read_bytes())
        records, tasks = str(names["records"]), names.get("tasks")
    except (orjson.JSONDecodeError, KeyError, TypeError, AttributeError) as exc:
        raise InputError(
            E801_BAD_ANNOTATIONS, str(pointer), f"not a snapshot pointer: {exc}"
        ) from exc
    path = folder / records
    if not path.exists():
        raise InputError(E801_BAD_ANNOTATIONS, str(pointer), f"points to missing {records}")
    return Current(path, None if tasks is None else folder / str(tasks))


def read_snapshots(root: Path) -> Snapshots:
    """The current snapshot of every project folder under ``root`` (or of ``root`` itself)."""
    if not root.is_dir():
        raise InputError(E801_BAD_ANNOTATIONS, str(root), "not a folder of snapshots")
    out = Snapshots()
    folders = (
        [root] if (root / POINTER).exists() else sorted(p for p in root.iterdir() if p.is_dir())
    )
    for folder in folders:
        found = current(folder)
        if found is None:
            continue
        out.files.append(found.records)
        target = out.adjudications if folder.name.endswith(REVIEW_SUFFIX) else out.annotations
        for lineno, record in enumerate(read_records(found.records), 1):
            if not isinstance(record.get("sentence_id"), str) or "entities" not in record:
                raise InputError(
                    E801_BAD_ANNOTATIONS, str(found.records), "not an annotation record", lineno
                )
            target.append(record)
    return out
