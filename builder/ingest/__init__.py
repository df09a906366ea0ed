"""Ingest stage: files in, normalised and cleaned documents out (or the problems found)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from pathlib import Path

from builder.errors import E104_EMPTY, E107_DUPLICATE, E109_DUPLICATE_ID, InputError
from builder.ingest.boilerplate import Rules, clean, default_rules, load_rules
from builder.ingest.normalize import normalize_chars
from builder.ingest.readers import InputFormat, RawDoc, discover, read_source
from builder.model import Document

__all__ = ["Rules", "build_document", "ingest", "load_rules"]


def build_document(raw: RawDoc, rules: Rules | None = None) -> Document:
    """Normalise and clean one raw document; its text is what every later offset points into."""
    cleaned = clean(normalize_chars(raw.text), rules or default_rules())
    meta = dict(raw.meta)
    meta.update(cleaned.meta)
    sha = hashlib.sha256(cleaned.text.encode()).hexdigest()
    removed = tuple(cleaned.removed)
    return Document(raw.id, sha, cleaned.text, raw.source, raw.format.value, meta, removed)


def ingest(inputs: Iterable[Path], rules: Rules | None = None) -> Iterator[Document | InputError]:
    """Documents in input order; problems (skipped inputs) are yielded as ``InputError``."""
    first_by_sha: dict[str, str] = {}
    seen_ids: set[str] = set()
    for src in discover(inputs):
        if isinstance(src, InputError):
            yield src
            continue
        for raw in read_source(src):
            if isinstance(raw, InputError):
                yield raw
                continue
            doc = build_document(raw, rules)
            if not doc.text:
                yield _problem(E104_EMPTY, raw, "no text left after normalisation and clean-up")
            elif doc.sha in first_by_sha:
                yield _problem(
                    E107_DUPLICATE, raw, f"same text as {first_by_sha[doc.sha]}: skipped"
                )
            elif doc.id in seen_ids:
                yield _problem(E109_DUPLICATE_ID, raw, f"document id {doc.id!r} already used")
            else:
                first_by_sha[doc.sha] = doc.id
                seen_ids.add(doc.id)
                yield doc


def _problem(code: str, raw: RawDoc, message: str) -> InputError:
    # A JSONL record's source is "path:line".
    jsonl = raw.format is InputFormat.jsonl
    path, _, line = raw.source.rpartition(":") if jsonl else (raw.source, "", "")
    return InputError(code, path or raw.source, message, int(line) if line.isdigit() else None)
