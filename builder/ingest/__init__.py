"""Ingest stage: files in, normalised and cleaned documents out (or the problems found)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from pathlib import Path

from builder.errors import E104_EMPTY, E107_DUPLICATE, E109_DUPLICATE_ID, InputError
from builder.ingest.boilerplate import Rules, clean, default_rules, load_rules
from builder.ingest.normalize import normalize_chars
from builder.ingest.readers import InputFormat, RawDoc, Source, discover, read_source
from builder.model import Document
from builder.workers import Pool

__all__ = ["Rules", "build_document", "ingest", "load_rules"]


def build_document(raw: RawDoc, rules: Rules | None = None) -> Document:
    """Normalise and clean one raw document; its text is what every later offset points into."""
    cleaned = clean(normalize_chars(raw.text), rules or default_rules())
    meta = dict(raw.meta)
    meta.update(cleaned.meta)
    sha = hashlib.sha256(cleaned.text.encode()).hexdigest()
    removed = tuple(cleaned.removed)
    return Document(raw.id, sha, cleaned.text, raw.source, raw.format.value, meta, removed)


def _built(rules: Rules | None, src: Source | InputError) -> Iterator[Document | InputError]:
    """One input's documents, or its problems: the work done per file (reading, HTML
    extraction, normalisation, clean-up), in a worker when there are several."""
    if isinstance(src, InputError):
        yield src
        return
    for raw in read_source(src):
        if isinstance(raw, InputError):
            yield raw
            continue
        doc = build_document(raw, rules)
        if doc.text:
            yield doc
        else:
            yield _problem(E104_EMPTY, doc, "no text left after normalisation and clean-up")


def ingest(
    inputs: Iterable[Path], rules: Rules | None = None, *, workers: int = 1
) -> Iterator[Document | InputError]:
    """Documents in input order; problems (skipped inputs) are yielded as ``InputError``.
    ``workers > 1`` reads and cleans the files in worker processes, a file a task (one
    process streams each file instead); duplicates are still found here, in input order, so
    the output is the same whatever the number of workers or the engine."""
    first_by_sha: dict[str, str] = {}
    seen_ids: set[str] = set()
    with Pool(rules, workers) as pool:
        for built in pool.map(_built, discover(inputs)):
            for doc in built:
                if isinstance(doc, InputError):
                    yield doc
                elif doc.sha in first_by_sha:
                    yield _problem(
                        E107_DUPLICATE, doc, f"same text as {first_by_sha[doc.sha]}: skipped"
                    )
                elif doc.id in seen_ids:
                    yield _problem(E109_DUPLICATE_ID, doc, f"document id {doc.id!r} already used")
                else:
                    first_by_sha[doc.sha] = doc.id
                    seen_ids.add(doc.id)
                    yield doc


def _problem(code: str, doc: Document, message: str) -> InputError:
    # A JSONL record's source is "path:line".
    jsonl = doc.format == InputFormat.jsonl.value
    path, _, line = doc.source.rpartition(":") if jsonl else (doc.source, "", "")
    return InputError(code, path or doc.source, message, int(line) if line.isdigit() else None)
