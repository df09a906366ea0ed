"""A JSONL file's non-blank lines as byte ranges: found fast in one process, cut in another.

The export's reading process used to cut both inputs into lines in Python and pickle them to
the workers (some 6 s of its CPU for 1,000,000 sentences, on cores the workers need). Now it
only finds where each chunk of lines begins and ends, by blocks of megabytes with numpy (the
newlines at once; a line is looked at alone only if it begins with whitespace, the one kind
that may be blank), and sends the ranges; the worker reads its range and cuts the lines
itself. The lines, their numbers and what counts as blank are those of
``builder.jsonl.numbered_lines``: lines end at ``\\n`` (kept), a line of whitespace only
(``bytes.isspace``) is skipped but counted.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import numpy as np
import numpy.typing as npt

from builder.errors import E101_UNREADABLE, InputError

BLOCK = 1 << 22  # bytes read at a time: few numpy calls; larger ones cost page faults
_WHITESPACE = np.array(sorted(b" \t\n\r\x0b\x0c"), dtype=np.uint8)  # what bytes.isspace knows

NumberedLines = list[tuple[int, bytes]]  # (line number, raw line), as numbered_lines gives


@dataclass(frozen=True, slots=True)
class Span:
    """``lines`` non-blank lines of a file, in bytes ``start`` to ``end``; the line at
    ``start`` is line ``first`` (blank lines may come before and between them)."""

    start: int
    end: int
    first: int
    lines: int


def _open(path: Path) -> BinaryIO:
    try:
        return path.open("rb")
    except OSError as exc:
        raise InputError(E101_UNREADABLE, str(path), f"cannot read: {exc.strerror}") from exc


class LineRanges:
    """The non-blank lines of a file, taken a number at a time as :class:`Span`."""

    def __init__(self, path: Path, block: int = BLOCK) -> None:
        self._fh = _open(path)
        self._block = block
        self._rest = b""  # the bytes read after the last whole line
        self._pos = 0  # the file offset of the first byte not yet cut into lines
        self._line = 1  # ... and the number of the line there
        # The lines of the last block read: where each ends (file offsets), the indices of
        # the non-blank ones, the next of those to take, the number of the block's first.
        self._ends: npt.NDArray[np.int64] = np.zeros(0, dtype=np.int64)
        self._kept: npt.NDArray[np.intp] = np.zeros(0, dtype=np.intp)
        self._next = 0
        self._first = 1
        self._at = 0  # where the next span starts (after the last line taken)
        self._at_line = 1

    def close(self) -> None:  # (with contextlib.closing)
        self._fh.close()

    def take(self, count: int) -> Span:
        """The next ``count`` non-blank lines, fewer where the file ends."""
        start, first, taken = self._at, self._at_line, 0
        while taken < count:
            if self._next == len(self._kept):
                if not self._read():
                    break
                continue
            n = min(len(self._kept) - self._next, count - taken)
            last = int(self._kept[self._next + n - 1])
            self._at, self._at_line = int(self._ends[last]), self._first + last + 1
            self._next += n
            taken += n
        return Span(start, self._at, first, taken)

    def next_line(self) -> int | None:
        """The number of the next non-blank line, None at the end of the file."""
        while self._next == len(self._kept):
            if not self._read():
                return None
        return self._first + int(self._kept[self._next])

    def _read(self) -> bool:
        """Cut the next block into lines; False at the end of the file."""
        more = self._fh.read(self._block)
        data = self._rest + more if self._rest else more
        if not data:
            return False
        ends = np.flatnonzero(np.frombuffer(data, dtype=np.uint8) == 10) + 1
        if not more:  # the end of the file: its last line may have no newline
            if not len(ends) or ends[-1] != len(data):
                ends = np.append(ends, len(data))
        elif not len(ends):  # no whole line yet
            self._rest = data
            return True
        whole = int(ends[-1])
        self._rest = data[whole:]
        self._kept = np.flatnonzero(_not_blank(data, ends))
        self._ends = ends.astype(np.int64) + self._pos
        self._next = 0
        self._first = self._line
        self._pos += whole
        self._line += len(ends)
        return True


def _not_blank(data: bytes, ends: npt.NDArray[np.intp]) -> npt.NDArray[np.bool_]:
    """Which lines of ``data`` (ending at ``ends``) have more than whitespace: only those that
    begin with whitespace are looked at one by one."""
    starts = np.concatenate(([0], ends[:-1]))
    keep = ~np.isin(np.frombuffer(data, dtype=np.uint8)[starts], _WHITESPACE)
    for i in np.flatnonzero(~keep).tolist():
        keep[i] = not data[starts[i] : ends[i]].isspace()
    return keep


def span_lines(path: Path | str, span: Span) -> NumberedLines:
    """The non-blank lines of ``span`` with their numbers, read from ``path``."""
    if not span.lines:
        return []
    with _open(Path(path)) as fh:
        fh.seek(span.start)
        data = fh.read(span.end - span.start)
    if b"\r" in data:  # splitlines would cut there too
        cut = data.split(b"\n")  # the span ends at a line's end: the last piece is b"" or a line
        last = cut.pop()
        raw = [line + b"\n" for line in cut]
        if last:
            raw.append(last)
    else:  # the usual case, in C
        raw = data.splitlines(keepends=True)
    numbered = zip(range(span.first, span.first + len(raw)), raw, strict=True)
    if len(raw) == span.lines:  # no blank line: the usual case
        return list(numbered)
    return [(n, line) for n, line in numbered if not line.isspace()]
