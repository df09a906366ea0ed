"""Readers per input format. They yield raw documents, or the problem found, as values.

Errors are yielded rather than raised so that the caller decides (``--strict`` stops at the
first, the default skips and reports), and one bad JSONL line never loses the good ones.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

import orjson

from builder.errors import (
    E101_UNREADABLE,
    E102_BINARY,
    E103_UNDECODABLE,
    E104_EMPTY,
    E105_BAD_JSON,
    E106_NO_TEXT,
    E108_UNSUPPORTED,
    E110_NO_INPUT,
    InputError,
)
from builder.ingest.markdown import markdown_to_text


class InputFormat(StrEnum):
    """How a file is read, by its suffix (``FORMATS``); a document's ``format`` says which."""

    text = "text"
    markdown = "markdown"
    html = "html"
    jsonl = "jsonl"


FORMATS = {
    ".txt": InputFormat.text,
    ".text": InputFormat.text,
    ".md": InputFormat.markdown,
    ".markdown": InputFormat.markdown,
    ".html": InputFormat.html,
    ".htm": InputFormat.html,
    ".jsonl": InputFormat.jsonl,
}


@dataclass(frozen=True, slots=True)
class Source:
    path: Path
    rel: str  # the path relative to the folder it was found in: the stable document id
    format: InputFormat


@dataclass(frozen=True, slots=True)
class RawDoc:
    id: str
    text: str
    source: str
    format: InputFormat
    meta: dict[str, Any] = field(default_factory=dict)


def discover(inputs: Iterable[Path]) -> Iterator[Source | InputError]:
    """Files to read, in a stable order: folders recursively (hidden entries skipped)."""
    found = False
    for given in inputs:
        if given.is_dir():
            for path in sorted(given.rglob("*")):
                rel = path.relative_to(given)
                if path.is_dir() or any(part.startswith(".") for part in rel.parts):
                    continue
                found = True
                yield _source(path, rel.as_posix())
        elif given.exists():
            found = True
            yield _source(given, given.name)
        else:
            found = True
            yield InputError(E101_UNREADABLE, str(given), "no such file or folder")
    if not found:
        yield InputError(E110_NO_INPUT, ", ".join(map(str, inputs)) or "-", "no input files found")


def _source(path: Path, rel: str) -> Source | InputError:
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        known = ", ".join(sorted(FORMATS))
        return InputError(E108_UNSUPPORTED, str(path), f"unsupported file type (known: {known})")
    return Source(path, rel, fmt)


def read_source(src: Source) -> Iterator[RawDoc | InputError]:
    try:
        data = src.path.read_bytes()
    except OSError as exc:
        yield InputError(E101_UNREADABLE, str(src.path), f"cannot read: {exc.strerror}")
        return
    if b"\x00" in data[:8192]:
        yield InputError(E102_BINARY, str(src.path), "looks like a binary file (NUL bytes)")
        return
    if src.format is InputFormat.html:
        yield _read_html(src, data)
        return
    text = _decode(src, data)
    if isinstance(text, InputError):
        yield text
    elif src.format is InputFormat.jsonl:
        yield from _read_jsonl(src, text)
    elif src.format is InputFormat.markdown:
        yield RawDoc(src.rel, markdown_to_text(text), str(src.path), src.format)
    else:
        yield RawDoc(src.rel, text, str(src.path), src.format)


def _decode(src: Source, data: bytes) -> str | InputError:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return InputError(
            E103_UNDECODABLE, str(src.path), f"not valid UTF-8 (byte {exc.start})", line
        )


def _read_html(src: Source, data: bytes) -> RawDoc | InputError:
    import trafilatura  # imported lazily: it costs half a second and only HTML needs it

    doc = trafilatura.bare_extraction(
        data, include_comments=False, include_tables=False, with_metadata=True
    )
    text = getattr(doc, "text", None) if doc is not None else None
    if not text:
        return InputError(E104_EMPTY, str(src.path), "no article text found in the HTML")
    meta = {k: getattr(doc, k, None) for k in ("title", "author", "date", "url", "sitename")}
    return RawDoc(src.rel, text, str(src.path), src.format, {k: v for k, v in meta.items() if v})


def _read_jsonl(src: Source, text: str) -> Iterator[RawDoc | InputError]:
    path = str(src.path)
    for lineno, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            rec = orjson.loads(line)
        except orjson.JSONDecodeError as exc:
            yield InputError(E105_BAD_JSON, path, f"malformed JSON: {exc}", lineno)
            continue
        if not isinstance(rec, dict):
            yield InputError(E105_BAD_JSON, path, "expected a JSON object", lineno)
            continue
        body = rec.get("text")
        if not isinstance(body, str):
            yield InputError(E106_NO_TEXT, path, 'record has no string "text"', lineno)
            continue
        meta = rec.get("meta") or {}
        if not isinstance(meta, dict):
            yield InputError(E105_BAD_JSON, path, '"meta" must be an object', lineno)
            continue
        doc_id = str(rec["id"]) if rec.get("id") not in (None, "") else f"{src.rel}#{lineno}"
        yield RawDoc(doc_id, body, f"{path}:{lineno}", InputFormat.jsonl, meta)
