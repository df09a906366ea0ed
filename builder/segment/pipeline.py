"""The segmentation stage over files: documents.jsonl records in, sentence records out."""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from builder.errors import E201_BAD_DOCUMENT, InputError
from builder.jsonl import read_numbered
from builder.model import Document
from builder.schemas import first_error
from builder.segment import segment_document
from builder.segment.rules import default_rules, load_rules
from builder.segment.segmenter import Segmenter


def read_documents(path: Path) -> Iterator[Document]:
    """Documents from documents.jsonl, each validated against its JSON Schema."""
    for lineno, record in read_numbered(path):
        problem = first_error("documents", record)
        if problem:
            raise InputError(E201_BAD_DOCUMENT, str(path), f"invalid document: {problem}", lineno)
        yield Document.from_dict(record)


_WORKER: list[Segmenter] = []


def _init_worker(rules_path: Path | None, keep_list_markers: bool) -> None:
    _WORKER[:] = [_make(rules_path, keep_list_markers)]


def _segment_one(doc: Document) -> list[dict[str, Any]]:
    return [s.to_dict() for s in segment_document(doc, _WORKER[0])]


def _make(rules_path: Path | None, keep_list_markers: bool) -> Segmenter:
    rules = load_rules(rules_path) if rules_path else default_rules()
    return Segmenter(rules, keep_list_markers=keep_list_markers)


def segment_records(
    docs: Iterable[Document],
    *,
    workers: int = 1,
    keep_list_markers: bool = False,
    rules_path: Path | None = None,
) -> Iterator[dict[str, Any]]:
    """Sentence records in document order; ``workers > 1`` segments in worker processes."""
    if workers <= 1:
        seg = _make(rules_path, keep_list_markers)
        for doc in docs:
            for sent in segment_document(doc, seg):
                yield sent.to_dict()
        return
    ctx = multiprocessing.get_context("spawn")  # no fork: safe with threads and on macOS
    with ctx.Pool(workers, _init_worker, (rules_path, keep_list_markers)) as pool:
        for batch in pool.imap(_segment_one, docs, chunksize=32):
            yield from batch
