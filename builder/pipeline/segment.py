"""Segment: documents -> sentences with exact character offsets and stable ids."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from builder.hooks import SILENT, Hooks
from builder.jsonl import numbered_lines, write_blocks
from builder.segment.pipeline import PARALLEL_FROM_BYTES, segment_numbered, segment_records
from builder.workers import workers_for

if TYPE_CHECKING:  # made by `sentences` only: the command writes lines (see builder.segment)
    from builder.model import Document, Sentence


def sentences(
    docs: Iterable[Document],
    *,
    workers: int = 1,
    keep_list_markers: bool = False,
    rules: Path | None = None,
) -> Iterator[Sentence]:
    """The sentences of ``docs``, in document order, with exact offsets and stable ids."""
    from builder.model import Sentence

    for record in segment_records(
        docs, workers=workers, keep_list_markers=keep_list_markers, rules_path=rules
    ):
        yield Sentence.from_dict(record)


def segment(
    documents_path: Path,
    output: Path,
    *,
    workers: int = 1,
    keep_list_markers: bool = False,
    rules: Path | None = None,
    hooks: Hooks = SILENT,
) -> int:
    """documents.jsonl -> sentences.jsonl; returns the number of sentences. ``workers=0``:
    every core for a large enough input, one process for a small one."""
    blocks = segment_numbered(
        documents_path,
        hooks.progress(numbered_lines(documents_path), "segment"),
        workers=workers_for(workers, documents_path, PARALLEL_FROM_BYTES),
        keep_list_markers=keep_list_markers,
        rules_path=rules,
    )
    return write_blocks(output, blocks)
