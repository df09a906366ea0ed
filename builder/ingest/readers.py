"""Readers per input format. They yield raw documents, or the problem found, as values.

Errors are yielded rather than raised so that the caller decides (``--strict`` stops at the
first, the default skips and reports), and one bad JSONL line never loses the good ones.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
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
    E115_BAD_ID,
    InputError,
)
from builder.folders import file_kind
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
    try:
        mode = path.stat().st_mode
    except OSError as exc:  # a dangling link, a folder we may not enter
        return InputError(E101_UNREADABLE, str(path), f"cannot read: {exc.strerror}")
    if not stat.S_ISREG(mode):
        # Never opened: reading a FIFO waits for a writer forever, /dev/zero never ends.
        return InputError(E101_UNREADABLE, str(path), f"not a regular file ({file_kind(mode)})")
    return Source(path, rel, fmt)


def _read_bytes(path: Path) -> bytes:
    """The file's bytes; a path that became something else than a regular file since it was
    found is refused without waiting on it (O_NONBLOCK: opening a FIFO returns at once)."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY)
    with open(fd, "rb") as fh:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise OSError(0, f"not a regular file ({file_kind(mode)})")
        return fh.read()


def read_source(src: Source) -> Iterator[RawDoc | InputError]:
    try:
        data = _read_bytes(src.path)
    except OSError as exc:
        why = exc.strerror if exc.errno else exc.strerror or str(exc)
        yield InputError(E101_UNREADABLE, str(src.path), f"cannot read: {why}")
        return
    wide = _wide_encoding(data)
    if wide is not None:
        yield InputError(
            E103_UNDECODABLE,
            str(src.path),
            f"{wide} text, not UTF-8: convert it first, e.g. "
            f"`iconv -f {wide} -t UTF-8 {src.path.name} > {src.path.stem}.utf8{src.path.suffix}`",
        )
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


def _wide_encoding(data: bytes) -> str | None:
    """The encoding, by iconv's name, of UTF-16 or UTF-32 text: by its byte order mark, or
    (UTF-16LE/BE) by NUL bytes at every other position of text in a Latin script."""
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return "UTF-32"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "UTF-16"
    sample = data[:8192]
    if len(sample) < 4 or b"\x00" not in sample:
        return None
    even, odd = sample[0::2], sample[1::2]
    for nuls, other, name in ((odd, even, "UTF-16LE"), (even, odd, "UTF-16BE")):
        # Binary files (and UTF-32) have NULs at both parities, and few that read as text.
        if other.count(0) or nuls.count(0) < len(nuls) * 0.9:
            continue
        text = sample[: len(sample) // 2 * 2].decode(name.lower(), errors="replace")
        if sum(c.isprintable() or c.isspace() for c in text) >= len(text) * 0.95:
            return name
    return None


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
        return InputError(E104_EMPTY, str(src.path), _why_no_text(data))
    meta = {k: getattr(doc, k, None) for k in ("title", "author", "date", "url", "sitename")}
    return RawDoc(src.rel, text, str(src.path), src.format, {k: v for k, v in meta.items() if v})


def _why_no_text(data: bytes) -> str:
    """Why the HTML gave no text: nesting past libxml2's depth limit (256 levels) loses
    everything below it, which is not the same as a page without an article."""
    import lxml.html  # type: ignore[import-untyped]  # (trafilatura's parser)

    parser = lxml.html.HTMLParser()
    with contextlib.suppress(ValueError, lxml.etree.LxmlError):  # unparseable: said below
        lxml.html.document_fromstring(data, parser=parser)
    for entry in parser.error_log:
        deep = re.search(r"Excessive depth in document: (\d+)", entry.message)
        if deep:
            return (
                f"no article text: the HTML nests deeper than the parser's limit "
                f"({deep[1]} levels), and what lies below it is lost"
            )
    return "no article text found in the HTML"


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
        given = rec.get("id")
        if given is None or given == "":
            doc_id = f"{src.rel}#{lineno}"
        elif isinstance(given, str) or (isinstance(given, int) and not isinstance(given, bool)):
            doc_id = str(given)
        else:  # str() of an object or a list is Python's repr: not an id anyone can use
            kind = _JSON_TYPES.get(type(given), type(given).__name__)
            yield InputError(
                E115_BAD_ID, path, f'"id" must be a string or an integer, not {kind}', lineno
            )
            continue
        yield RawDoc(doc_id, body, f"{path}:{lineno}", InputFormat.jsonl, meta)


_JSON_TYPES = {dict: "an object", list: "an array", bool: "a boolean", float: "a number"}
