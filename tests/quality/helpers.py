"""Canonical annotation records (the shape ``builder studio pull`` writes), made inline."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from builder.jsonl import write_records

Span = tuple[int, int, str]
TEXT = "Prime Minister Keir Starmer visited New York City on Monday, officials said."


def span(start: int, end: int) -> dict[str, int]:
    return {"start": start, "end": end}


def claim(
    content: tuple[int, int],
    source: tuple[int, int] | None = None,
    cue: tuple[int, int] | None = None,
    direct: bool = False,
) -> dict[str, Any]:
    return {
        "claim": span(*content),
        "source": span(*source) if source else None,
        "cue": span(*cue) if cue else None,
        "direct": direct,
    }


_ids = iter(range(1, 10**9))


def record(
    annotator: str,
    entities: Iterable[Span] = (),
    *,
    sid: str = "s1",
    claims: Sequence[dict[str, Any]] = (),
    check_worthy: str | None = None,
    sentiment: str | None = None,
    updated: str = "2024-05-01T10:00:00Z",
    cancelled: bool = False,
    text: str = TEXT,
    annotation_id: int | None = None,
) -> dict[str, Any]:
    return {
        "sentence_id": sid,
        "doc_id": "d1",
        "text": text,
        "task_id": 1,
        "annotation_id": annotation_id if annotation_id is not None else next(_ids),
        "annotator": annotator,
        "created": updated,
        "updated": updated,
        "lead_time": 1.0,
        "was_cancelled": cancelled,
        "ground_truth": False,
        "entities": [
            {"start": s, "end": e, "label": label}
            for s, e, label in sorted(entities, key=lambda t: (t[0], t[1], t[2]))
        ],
        "claims": list(claims),
        "check_worthy": check_worthy,
        "sentiment": sentiment,
    }


def snapshot(root: Path, records: Iterable[dict[str, Any]], project: str = "news") -> Path:
    """An annotations folder holding one pulled snapshot of ``records``; returns ``root``."""
    folder = root / project
    folder.mkdir(parents=True)
    write_records(folder / "abc.jsonl", records)
    (folder / "latest.json").write_text('{"records": "abc.jsonl"}\n')
    return root
