"""The segmentation stage over files: documents.jsonl records in, sentence records out.

With ``workers > 1`` chunks of documents are segmented in the worker processes of
builder/workers.py, which get the segmenter once; the records come back in document order, so
the output is the same bytes whatever the number of workers.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from builder.errors import E109_DUPLICATE_ID, E201_BAD_DOCUMENT, InputError
from builder.jsonl import NumberedLine, parse_object
from builder.schemas import first_error
from builder.segment import sentence_lines, sentence_records
from builder.segment.rules import default_rules, load_rules
from builder.segment.segmenter import Segmenter
from builder.workers import Pool, chunks

if TYPE_CHECKING:
    from builder.model import Document


def _document(path: str, lineno: int, raw: bytes) -> tuple[str, str]:
    """``(id, text)`` of a line of documents.jsonl, validated against its JSON Schema (the
    rest of a document is checked, not kept: segmenting needs no more)."""
    record = parse_object(path, lineno, raw)
    problem = first_error("documents", record)
    if problem:
        raise InputError(E201_BAD_DOCUMENT, path, f"invalid document: {problem}", lineno)
    return record["id"], record["text"]


# Below this size of documents.jsonl a second process gains nothing: the reading, checking and
# writing stay here, about half of the stage, and a worker starts in half a second
# (``python -m bench.workers_auto``, 2026-12-05: 0.97x at 9 MiB with 2 workers on 2 cores).
PARALLEL_FROM_BYTES = 32 << 20
CHUNK = 256  # documents per unit of work: some 600 KB of news text out, 5,000 sentences back
# (some 50 ms of a core: on Ray, 32 documents a task left the driver a millisecond or more of
# its own per 7 ms of work, the Ray calls alone)


def _segment(seg: Segmenter, docs: list[Document]) -> list[dict[str, Any]]:
    return [record for doc in docs for record in sentence_records(doc, seg)]


Segmented = tuple[int, bytes, list[tuple[str, int]]]  # lines, their bytes, (doc id, line)s


def _segment_numbered(seg: Segmenter, unit: tuple[str, list[NumberedLine]]) -> Segmented:
    """Lines of a documents.jsonl, parsed and checked here, segmented into the lines of
    sentences.jsonl: in a worker, not in the process that reads the file (a third of the Ray
    driver's CPU in segment). With them, each document's id and line, for the reading process
    to check that no id comes twice."""
    path, numbered = unit
    docs = [(_document(path, lineno, raw), lineno) for lineno, raw in numbered]
    lines = [line for (doc_id, text), _ in docs for line in sentence_lines(doc_id, text, seg)]
    return len(lines), b"".join(lines), [(doc_id, lineno) for (doc_id, _), lineno in docs]


def _once(path: Path, segmented: Iterable[Segmented]) -> Iterator[tuple[int, bytes]]:
    """The blocks of sentences, each document id seen once (E109, as ingest refuses one): a
    document given twice would give every sentence of it twice, under the same ids. The ids
    seen are kept, as ingest keeps them: some 1/20 of the sentences' count."""
    seen: set[str] = set()
    for count, lines, ids in segmented:
        for doc_id, lineno in ids:
            if doc_id in seen:
                why = f"document id {doc_id!r} already used: every document once"
                raise InputError(E109_DUPLICATE_ID, str(path), why, lineno)
            seen.add(doc_id)
        yield count, lines


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
    seg = _make(rules_path, keep_list_markers)  # here: bad rules fail before any worker starts
    with Pool(seg, workers) as pool:
        for records in pool.map(_segment, chunks(docs, CHUNK)):
            yield from records


def segment_numbered(
    path: Path,
    lines: Iterable[NumberedLine],
    *,
    workers: int = 1,
    keep_list_markers: bool = False,
    rules_path: Path | None = None,
) -> Iterator[tuple[int, bytes]]:
    """What ``segment_records`` gives for the documents on ``lines`` of ``path``
    (``jsonl.numbered_lines``), as the lines of sentences.jsonl: blocks of ``(number of lines,
    lines)``, in document order. Each document is parsed and checked against its schema where
    it is segmented; the first bad line (or document id given again) fails the run with its
    file and line, whatever the number of workers."""
    seg = _make(rules_path, keep_list_markers)
    units = ((str(path), chunk) for chunk in chunks(lines, CHUNK))
    with Pool(seg, workers) as pool:
        yield from _once(path, pool.map(_segment_numbered, units))
