"""The byte ranges of the export's reading process give exactly the lines of the line-by-line
reader (``jsonl.numbered_lines``): the same lines, numbers, blank lines skipped, chunks."""

from __future__ import annotations

import tempfile
from contextlib import closing
from itertools import islice
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from builder.errors import E101_UNREADABLE, E503_UNJOINED, InputError
from builder.export.inputs import read_chunks
from builder.export.lineranges import LineRanges, NumberedLines, span_lines
from builder.jsonl import numbered_lines

# Lines of every kind: records, blank, whitespace only (every byte bytes.isspace knows),
# beginning with whitespace but not blank, \r\n, bytes that are not whitespace to it.
LINE = st.one_of(
    st.sampled_from([b"{}", b'{"a": 1}', b"", b" ", b"\t \r", b"\x0b\x0c", b"  {}", b"\r", b"x"]),
    st.binary(max_size=12).filter(lambda b: b"\n" not in b),
)


def _file(folder: Path, name: str, lines: list[bytes], final_newline: bool) -> Path:
    path = folder / name
    body = b"\n".join(lines)
    path.write_bytes(body + b"\n" if lines and final_newline else body)
    return path


def _chunks(path: Path, size: int, block: int) -> list[NumberedLines]:
    out = []
    with closing(LineRanges(path, block)) as ranges:
        while (span := ranges.take(size)).lines:
            got = span_lines(path, span)
            assert len(got) == span.lines
            out.append(got)
        assert ranges.next_line() is None
    return out


def _expected(path: Path, size: int) -> list[NumberedLines]:
    lines = numbered_lines(path)
    return list(iter(lambda: list(islice(lines, size)), []))


@settings(max_examples=300, deadline=None)
@given(
    lines=st.lists(LINE, max_size=40),
    final_newline=st.booleans(),
    size=st.integers(1, 6),
    block=st.integers(1, 64),  # small blocks: lines straddle them, or fill several
)
def test_chunks_are_those_of_the_line_reader(
    lines: list[bytes], final_newline: bool, size: int, block: int
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = _file(Path(tmp), "a.jsonl", lines, final_newline)
        assert _chunks(path, size, block) == _expected(path, size)


@settings(max_examples=200, deadline=None)
@given(
    first=st.lists(LINE, max_size=30),
    second=st.lists(LINE, max_size=30),
    size=st.integers(1, 5),
    block=st.integers(1, 64),
)
def test_paired_chunks_and_the_line_after(
    first: list[bytes], second: list[bytes], size: int, block: int
) -> None:
    """As many lines of a second file as the first's chunk has, and then the number of the
    second file's next line (pre-labels after the last sentence)."""
    with tempfile.TemporaryDirectory() as tmp:
        a = _file(Path(tmp), "a.jsonl", first, True)
        b = _file(Path(tmp), "b.jsonl", second, False)
        a_lines, b_lines = list(numbered_lines(a)), list(numbered_lines(b))
        taken = 0
        with closing(LineRanges(a, block)) as ra, closing(LineRanges(b, block)) as rb:
            while (span := ra.take(size)).lines:
                paired = rb.take(span.lines)
                assert span_lines(b, paired) == b_lines[taken : taken + span.lines]
                taken += span.lines
            rest = b_lines[len(a_lines) :]
            assert rb.next_line() == (rest[0][0] if rest else None)


def test_pre_labels_after_the_last_sentence_name_their_line(tmp_path: Path) -> None:
    sentences = _file(tmp_path, "s.jsonl", [b"{}", b"", b"{}"], True)
    prelabels = _file(tmp_path, "p.jsonl", [b"{}", b"{}", b" ", b"", b"{}"], True)
    with pytest.raises(InputError) as err:
        list(read_chunks(sentences, prelabels, 1))
    assert err.value.code == E503_UNJOINED and err.value.line == 5


def test_an_unreadable_file_is_e101(tmp_path: Path) -> None:
    with pytest.raises(InputError) as err:
        LineRanges(tmp_path / "missing.jsonl")
    assert err.value.code == E101_UNREADABLE
