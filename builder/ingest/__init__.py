"""Ingest stage: files in, normalised and cleaned documents out (or the problems found)."""

from __future__ import annotations

import hashlib
from collections import deque
from collections.abc import Iterable, Iterator
from pathlib import Path

from builder.errors import E104_EMPTY, E107_DUPLICATE, E109_DUPLICATE_ID, InputError
from builder.ingest.boilerplate import Rules, clean, default_rules, load_rules
from builder.ingest.normalize import normalize_chars
from builder.ingest.readers import InputFormat, RawDoc, discover, read_source
from builder.model import Document
from builder.workers import Pool, chunks

__all__ = ["Rules", "build_document", "ingest", "load_rules"]


def build_document(raw: RawDoc, rules: Rules | None = None) -> Document:
    """Normalise and clean one raw document; its text is what every later offset points into."""
    cleaned = clean(normalize_chars(raw.text), rules or default_rules())
    meta = dict(raw.meta)
    meta.update(cleaned.meta)
    sha = hashlib.sha256(cleaned.text.encode()).hexdigest()
    removed = tuple(cleaned.removed)
    return Document(raw.id, sha, cleaned.text, raw.source, raw.format.value, meta, removed)


CHUNK = 64  # documents per unit of work in worker processes: some 150 KB of news text


def _raw_items(inputs: Iterable[Path]) -> Iterator[RawDoc | InputError]:
    """Every raw document of ``inputs`` (and every problem found reading them), in order."""
    for src in discover(inputs):
        if isinstance(src, InputError):
            yield src
        else:
            yield from read_source(src)


def _build(rules: Rules, raws: list[RawDoc]) -> list[Document]:
    """A unit of work: normalisation and clean-up, the stage's CPU time (reading is cheap)."""
    return [build_document(raw, rules) for raw in raws]


def _built(inputs: Iterable[Path], rules: Rules, workers: int) -> Iterator[Document | InputError]:
    """``_raw_items`` with each raw document built, in order. Only raw documents go to the
    workers; the problems met reading wait here, with their chunk, for its results."""
    waiting: deque[list[RawDoc | InputError]] = deque()

    def work() -> Iterator[list[RawDoc]]:
        for chunk in chunks(_raw_items(inputs), CHUNK):
            waiting.append(chunk)
            yield [item for item in chunk if not isinstance(item, InputError)]

    with Pool(rules, workers) as pool:
        for docs in pool.map(_build, work()):
            built = iter(docs)
            for item in waiting.popleft():
                yield item if isinstance(item, InputError) else next(built)


def ingest(
    inputs: Iterable[Path], rules: Rules | None = None, *, workers: int = 1
) -> Iterator[Document | InputError]:
    """Documents in input order; problems (skipped inputs) are yielded as ``InputError``.
    ``workers > 1`` cleans documents in worker processes (builder/workers): the duplicates are
    still found here, in input order, so the output is the same whatever the number."""
    first_by_sha: dict[str, str] = {}
    seen_ids: set[str] = set()
    for doc in _built(inputs, rules or default_rules(), workers):
        if isinstance(doc, InputError):
            yield doc
        elif not doc.text:
            yield _problem(E104_EMPTY, doc, "no text left after normalisation and clean-up")
        elif doc.sha in first_by_sha:
            yield _problem(E107_DUPLICATE, doc, f"same text as {first_by_sha[doc.sha]}: skipped")
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
