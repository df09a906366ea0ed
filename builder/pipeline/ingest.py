"""Ingest: raw files (text, markdown, HTML, JSONL) -> cleaned documents -> documents.jsonl."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from builder.errors import E113_NOTHING_INGESTED, InputError
from builder.hooks import SILENT, Hooks
from builder.ingest import Rules, load_rules
from builder.ingest import ingest as ingest_inputs
from builder.jsonl import check_output, write_records
from builder.model import Document
from builder.workers import AUTO, tree_size, workers_for_size

# Below this much input (some 3,500 news articles) a second process gains little: it starts in
# half a second, and reading and writing stay here (``python -m bench.workers_auto``).
PARALLEL_FROM_BYTES = 8 << 20


def documents(
    inputs: Sequence[Path],
    rules: Rules | None = None,
    *,
    strict: bool = False,
    skipped: list[InputError] | None = None,
    hooks: Hooks = SILENT,
    workers: int = 1,
) -> Iterator[Document]:
    """Cleaned documents from files and folders, in input order. A bad input stops the run
    under ``strict``; otherwise it is warned about, appended to ``skipped`` and left out.
    ``workers=0``: every core from ``PARALLEL_FROM_BYTES`` of input files, one process below."""
    workers = workers_for_size(
        workers, tree_size(inputs) if workers == AUTO else 0, PARALLEL_FROM_BYTES
    )
    for item in hooks.progress(ingest_inputs(inputs, rules, workers=workers), "ingest"):
        if isinstance(item, InputError):
            if skipped is not None:
                skipped.append(item)
            if strict:
                raise item
            hooks.warn(str(item))
        else:
            yield item


@dataclass(frozen=True)
class Ingested:
    documents: int
    skipped: list[InputError] = field(default_factory=list)


def ingest(
    inputs: Sequence[Path],
    output: Path,
    *,
    patterns: Path | None = None,
    strict: bool = False,
    report: Path | None = None,
    hooks: Hooks = SILENT,
    workers: int = 1,
) -> Ingested:
    """Raw files -> documents.jsonl; the skipped inputs also to ``report`` (JSONL) if given.
    Nothing to write at all (every input skipped) is an error: E113."""
    for path in (output, report):  # refused before any work, not after it (E114)
        if path is not None:
            check_output(path)
    skipped: list[InputError] = []
    rules = load_rules(patterns)
    docs = documents(inputs, rules, strict=strict, skipped=skipped, hooks=hooks, workers=workers)
    records = (doc.to_dict() for doc in docs)
    try:
        n = write_records(output, _non_empty(records, inputs, skipped))
    finally:
        # Written whatever happened: the report matters most when every input was skipped.
        if report is not None:
            write_records(report, (_problem_record(p) for p in skipped))
    return Ingested(n, skipped)


def _non_empty(
    records: Iterator[dict[str, Any]], inputs: Sequence[Path], skipped: list[InputError]
) -> Iterator[Any]:
    """Pass records through; if there were none, fail before the output file is renamed,
    naming the inputs given (the error is theirs: every one of them was skipped)."""
    any_record = False
    for record in records:
        any_record = True
        yield record
    if not any_record:
        count = len(skipped)
        why = f" ({count} input{'s' if count != 1 else ''} skipped)" if skipped else ""
        where = ", ".join(str(path) for path in inputs[:3]) or "no input given"
        if len(inputs) > 3:  # a shell's glob may give thousands
            where += f" and {len(inputs) - 3} more"
        raise InputError(E113_NOTHING_INGESTED, where, f"no document to write{why}")


def _problem_record(p: InputError) -> dict[str, Any]:
    return {"code": p.code, "path": p.path, "line": p.line, "message": p.detail}
