"""The only code that reads and writes JSONL.

Writes are deterministic (sorted keys, UTF-8, one record a line) and atomic: records go
to a temporary file beside the target, which is renamed over it only when every record
was written, so an interrupted run never leaves a half-written file. A target that is not
a regular file (a FIFO, a device) is refused rather than replaced; ``-`` is standard output.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import platform
import re
import signal
import stat
import sys
import tempfile
import threading
from collections.abc import Iterable, Iterator
from itertools import chain, islice
from pathlib import Path
from typing import IO, Any

import orjson

from builder.errors import (
    E101_UNREADABLE,
    E103_UNDECODABLE,
    E105_BAD_JSON,
    E112_CANNOT_WRITE,
    E114_NOT_A_FILE,
    BuilderError,
    InputError,
)
from builder.folders import file_kind, make_folder, remove_made
from builder.signals import held

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


NumberedLine = tuple[int, bytes]  # a line as read: (its line number, its raw bytes)


def numbered_lines(path: Path) -> Iterator[NumberedLine]:
    """``(line_number, raw line)`` for each non-blank line, unparsed: for callers that parse
    in bulk or in other processes (with :func:`parse_object`). Read by blocks of lines: no
    Python code runs per line."""
    return chain.from_iterable(_numbered_blocks(path))


def _loads(path: Path | str, lineno: int, raw: bytes) -> Any:
    try:
        return orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise _parse_error(path, lineno, raw, exc) from exc


def _parse_error(path: Path | str, lineno: int, raw: bytes, exc: Exception) -> InputError:
    """Why a line did not parse. orjson checks the encoding as it parses, and calls bytes that
    are not UTF-8 malformed JSON: they are E103, as ingest says of them (decoded again here
    only on the error path, to tell)."""
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as bad:
        why = f"not valid UTF-8 (byte {bad.start} of the line): convert the file to UTF-8"
        return InputError(E103_UNDECODABLE, str(path), why, lineno)
    return InputError(E105_BAD_JSON, str(path), f"malformed JSON: {exc}", lineno)


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


STDOUT = Path("-")  # `-o -`: the records go to standard output as they are made

# Our temporary files: `.NAME.PID@HOST-RANDOM.tmp` beside the target, so that a run can tell
# the leftovers of a killed run (SIGKILL leaves them) from those of a run still writing.
_HOST = hashlib.sha1(platform.node().encode()).hexdigest()[:8]
_TMP = re.compile(r"\.(?P<name>.+)\.(?P<pid>[0-9]+)@(?P<host>[0-9a-f]{8})-[a-z0-9_]+\.tmp")


def check_output(path: Path) -> None:
    """Refuse an output that exists and is not a regular file (E114): the rename that makes
    writes atomic would replace a FIFO, a device (/dev/full) or a link to one with a file.
    Commands call it for every output before any work; writes call it again."""
    if path == STDOUT:
        return
    try:
        mode = os.stat(path).st_mode  # follows links: a link to /dev/null is a device
    except OSError:
        return  # nothing there (or a dangling link): the write creates a file
    if not stat.S_ISREG(mode):
        raise BuilderError(
            E114_NOT_A_FILE,
            f"{path}: exists and is {file_kind(mode)}, not a regular file: refusing to replace "
            "it (give a file path, or `-o -` for standard output)",
        )


def _remove_stale(path: Path) -> None:
    """Remove the temporary files of ``path`` that killed runs of this host left behind."""
    with contextlib.suppress(OSError), os.scandir(path.parent) as entries:
        for entry in entries:
            m = _TMP.fullmatch(entry.name)
            if m and m["name"] == path.name and m["host"] == _HOST and _dead(int(m["pid"])):
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)


def _dead(pid: int) -> bool:
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except OSError:  # alive, another user's
        return False
    return False


def _umask() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return umask


def _raise_exit(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)


@contextlib.contextmanager
def _terminable() -> Iterator[None]:
    """Make SIGTERM unwind like Ctrl-C while a temporary file exists, so that it is removed
    (by default SIGTERM ends Python on the spot). A handler someone else set is kept."""
    main = threading.current_thread() is threading.main_thread()
    if not main or signal.getsignal(signal.SIGTERM) is not signal.SIG_DFL:
        yield
        return
    signal.signal(signal.SIGTERM, _raise_exit)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)


@contextlib.contextmanager
def _stdout() -> Iterator[IO[bytes]]:
    sys.stdout.flush()
    out = sys.stdout.buffer
    try:
        yield out
        out.flush()
    except BrokenPipeError:
        # The reader went away (`| head`): no traceback, now or when Python flushes at exit.
        with contextlib.suppress(OSError, ValueError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise BuilderError(E112_CANNOT_WRITE, "-: standard output was closed") from None
    except OSError as exc:  # /dev/full, a full disk behind a redirection
        why = exc.strerror or str(exc)
        raise BuilderError(E112_CANNOT_WRITE, f"-: cannot write standard output: {why}") from None


@contextlib.contextmanager
def atomic_output(path: Path) -> Iterator[IO[bytes]]:
    """Open a temporary file beside ``path``; rename it over ``path`` on success only.
    ``-`` is standard output, written as records come (a failing run may have written some)."""
    if path == STDOUT:
        with _stdout() as out:
            yield out
        return
    check_output(path)
    made = make_folder(path.parent)
    _remove_stale(path)
    tmp = ""
    with _terminable():
        try:
            with held():  # a signal between mkstemp and the name's assignment: a stray file
                prefix = f".{path.name}.{os.getpid()}@{_HOST}-"
                fd, tmp = tempfile.mkstemp(prefix=prefix, suffix=".tmp", dir=path.parent)
            with os.fdopen(fd, "wb") as fh:
                # mkstemp creates the file 0600; give it the mode a plain open() would have.
                os.fchmod(fd, 0o666 & ~_umask())
                yield fh
                fh.flush()
                os.fsync(fh.fileno())
            check_output(path)  # something may have taken its place since
            os.replace(tmp, path)
        except BaseException:
            if tmp:
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(tmp)
            remove_made(made)
            raise


def write_records(path: Path, records: Iterable[dict[str, Any]]) -> int:
    """Atomically write ``records`` to ``path``; return how many were written."""
    n = 0
    with atomic_output(path) as fh:
        write = fh.write
        for record in records:
            write(orjson.dumps(record, option=_OPTS))
            n += 1
    return n


def write_blocks(path: Path, blocks: Iterable[tuple[int, bytes]]) -> int:
    """Atomically write blocks of records already encoded as ``dumps`` does, each given with
    how many records it holds; return how many were written."""
    n = 0
    with atomic_output(path) as fh:
        write = fh.write
        for count, block in blocks:
            write(block)
            n += count
    return n
