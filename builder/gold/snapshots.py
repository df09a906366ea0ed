"""The only reader of the annotation snapshots that `builder studio pull` writes.

An annotations folder holds one subfolder per Label Studio project (or is one itself). Each
project folder has immutable, content-addressed snapshots (``<sha>.jsonl`` canonical records
and ``<sha>.tasks.json`` raw tasks) and ``latest.json``, the pointer to the current pair.
Folders named ``<project>-review`` hold a reviewer's adjudications (`builder studio
adjudicate`).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import orjson

from builder.errors import E801_BAD_ANNOTATIONS, InputError
from builder.jsonl import read_numbered
from builder.model import Annotation
from builder.schemas import first_error

POINTER = "latest.json"
REVIEW_SUFFIX = "-review"  # a project folder holding adjudications (see `studio adjudicate`)
SCHEMA = "annotations"  # schemas/annotations.schema.json


@dataclass(frozen=True)
class Current:
    """The files ``latest.json`` points to."""

    records: Path
    tasks: Path | None


@dataclass(frozen=True)
class Snapshots:
    """Records of every current snapshot under an annotations folder, each one checked.

    ``annotations`` and ``adjudications`` are the records as read: ``gold.resolve`` takes
    them as they are (it types only the labels it keeps), and so do the consumers still on
    dicts (``quality.evaluate`` with the scorecard and ``quality.agreement``, ``learn.run``,
    ``export.gold``). ``typed_annotations`` and ``typed_adjudications`` are the same records
    as :class:`Annotation`, made on first use: typing a whole record (the prediction it was
    shown included) costs more than resolving it, so no one pays for it unasked."""

    annotations: list[dict[str, Any]] = field(default_factory=list)
    adjudications: list[dict[str, Any]] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)

    @cached_property
    def typed_annotations(self) -> tuple[Annotation, ...]:
        return tuple(map(Annotation.from_dict, self.annotations))

    @cached_property
    def typed_adjudications(self) -> tuple[Annotation, ...]:
        return tuple(map(Annotation.from_dict, self.adjudications))


def current(folder: Path) -> Current | None:
    """The current snapshot of one project folder; None when nothing was pulled into it. The
    pointer names files of the folder itself: a name that leads elsewhere (an absolute path,
    ``..``, a link out of the folder) is refused, so that no pointer makes a reader open any
    file on the disk."""
    pointer = folder / POINTER
    if not pointer.exists():
        return None
    try:
        names = orjson.loads(pointer.read_bytes())
        records, tasks = names["records"], names.get("tasks")
    except (orjson.JSONDecodeError, KeyError, TypeError, AttributeError, OSError) as exc:
        raise InputError(
            E801_BAD_ANNOTATIONS, str(pointer), f"not a snapshot pointer: {exc}"
        ) from exc
    path = _inside(folder, pointer, records)
    if not path.is_file():
        raise InputError(E801_BAD_ANNOTATIONS, str(pointer), f"points to missing {records}")
    return Current(path, None if tasks is None else _inside(folder, pointer, tasks))


def _inside(folder: Path, pointer: Path, name: object) -> Path:
    """``folder / name`` for a plain file name of the folder (a pull writes no other)."""
    if not isinstance(name, str) or name in ("", ".", "..") or Path(name).name != name:
        problem = f"not a snapshot pointer: {name!r} is not a file name of {folder}"
        raise InputError(E801_BAD_ANNOTATIONS, str(pointer), problem)
    path = folder / name
    if path.is_symlink() and path.resolve().parent != folder.resolve():
        problem = f"not a snapshot pointer: {name!r} links out of {folder}"
        raise InputError(E801_BAD_ANNOTATIONS, str(pointer), problem)
    return path


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
        target.extend(read_file(found.records))
    return out


def read_file(path: Path) -> Iterator[dict[str, Any]]:
    """The records of one snapshot file, each checked by :func:`problem`: the first record
    that fails is an error naming the file, the line and what is wrong."""
    for lineno, record in read_numbered(path):
        if (wrong := problem(record)) is not None:
            raise InputError(E801_BAD_ANNOTATIONS, str(path), wrong, lineno)
        yield record


def problem(record: Any) -> str | None:
    """What makes ``record`` no snapshot record, or None: the first violation of
    ``schemas/annotations.schema.json``, else the first span whose offsets leave the
    record's text or whose text is not what the record's text holds there (a schema cannot
    say that). `studio pull` asks the same before it writes."""
    schema_error = first_error(SCHEMA, record)
    if schema_error is not None:
        return schema_error
    text: str = record["text"]
    for place, span in _spans(record):
        start, end = span["start"], span["end"]
        if type(start) is not int or type(end) is not int:  # 1.0 is a JSON Schema integer
            return f"{_where(place)}: offsets [{start}:{end}] are not integers"
        if not 0 <= start < end <= len(text):
            where = _where(place)
            return f"{where}: [{start}:{end}] is outside the text ({len(text)} characters)"
        said = span.get("text")
        if said is not None and said != text[start:end]:
            where = _where(place)
            return f"{where}: [{start}:{end}] says {said!r} but the text has {text[start:end]!r}"
    return None


Place = tuple[str | int, ...]


def _where(place: Place) -> str:
    return "/".join(map(str, place))  # as schema errors name places


def _spans(record: dict[str, Any]) -> Iterator[tuple[Place, dict[str, Any]]]:
    """Every span of a schema-valid record, with its place (made into words on error only:
    a snapshot has hundreds of thousands)."""
    shown = record.get("shown")
    for prefix, labels in ((), record), (("shown",), shown or {}):
        for i, entity in enumerate(labels.get("entities") or ()):
            yield (*prefix, "entities", i), entity
        for i, claim in enumerate(labels.get("claims") or ()):
            for part in ("claim", "source", "cue"):
                if claim[part] is not None:
                    yield (*prefix, "claims", i, part), claim[part]
    for i, part in enumerate(record.get("unlinked") or ()):
        yield ("unlinked", i), part
