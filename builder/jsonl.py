"""The only code that reads and writes JSONL.

Writes are deterministic (sorted keys, UTF-8, one record a line) and atomic: records go
to a temporary file beside the target, which is renamed over it only when every record
was written, so an interrupted run never leaves a half-written file.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterable, Iterator
from itertools import chain, islice
from pathlib import Path
from typing import IO, Any

import orjson

from builder.errors import E101_UNREADABLE, E105_BAD_JSON, InputError

_OPTS = orjson.OPT_SORT_KEYS | orjson.OPT_APPEND_NEWLINE


def dumps(record: dict[str, Any]) -> bytes:
    return orjson.dumps(record, option=_OPTS)


def _numbered_blocks(path: Path) -> Iterator[Iterable[tuple[int, bytes]]]:
    try:
        fh = path.open("rb")
    except OSError as exc:
        raise InputError(E101_UNREADABLE, str(path), f"cannot read: {exc.strerror}") from exc
    with fh:
        first = 1
        while block := list(islice(fh, 4096)):
            numbered = zip(range(first, first + len(block)), block, strict=True)
            first += len(block)
            if any(map(bytes.isspace, block)):
                yield [(n, raw) for n, raw in numbered if not raw.isspace()]
            else:
                yield numbered


def numbered_lines(path: Path) -> Iterator[tuple[int, bytes]]:
    """``(line_number, raw line)`` for each non-blank line, unparsed: for callers that parse
    in bulk or in other processes (with :func:`parse_object`). Read by blocks of lines: no
    Python code runs per line."""
    return chain.from_iterable(_numbered_blocks(path))


def _loads(path: Path | str, lineno: int, raw: bytes) -> Any:
    try:
        return orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise InputError(E105_BAD_JSON, str(path), f"malformed JSON: {exc}", lineno) from exc


def parse_object(path: Path | str, lineno: int, raw: bytes) -> dict[str, Any]:
    """The JSON object on line ``lineno`` of ``path``; errors name the file and line."""
    value = _loads(path, lineno, raw)
    if not isinstance(value, dict):
        raise InputError(E105_BAD_JSON, str(path), "expected a JSON object", lineno)
    return value


def iter_jsonl(path: Path) -> Iterator[tuple[int, Any]]:
    """Yield ``(line_number, value)`` for each non-blank line; raise on malformed JSON."""
    for lineno, raw in numbered_lines(path):
        yield lineno, _loads(path, lineno, raw)


def read_numbered(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """``(line number, object)`` for each record: errors later name the real file line."""
    for lineno, raw in numbered_lines(path):
        yield lineno, parse_object(path, lineno, raw)


def read_records(path: Path) -> Iterator[dict[str, Any]]:
    """Yield the JSON objects of a JSONL file, naming file and line when one is not an object."""
    for _, value in read_numbered(path):
        yield value


@contextlib.contextmanager
def atomic_output(path: Path) -> Iterator[IO[bytes]]:
    """Open a temporary file beside ``path``; rename it over ``path`` on success only."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    # mkstemp creates the file 0600; give it the mode a plain open() would have.
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp, 0o666 & ~umask)
    try:
        with os.fdopen(fd, "wb") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def write_records(path: Path, records: Iterable[dict[str, Any]]) -> int:
    """Atomically write ``records`` to ``path``; return how many were written."""
    n = 0
    with atomic_output(path) as fh:
        for record in records:
            fh.write(dumps(record))
            n += 1
    return n
