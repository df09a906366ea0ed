"""The CLI contract for bad input: a clear message naming file and line, and the exit code."""

from __future__ import annotations

import os
from pathlib import Path

import orjson
import pytest
from typer.testing import CliRunner

from builder.cli import app
from tests.conftest import SAMPLES

runner = CliRunner()

BAD_INPUTS = {
    "binary.txt": (b"abc\x00\x01\x02", "E102", "binary.txt"),
    "latin1.txt": (b"line one\ncaf\xe9\n", "E103", "latin1.txt:2"),
    "empty.txt": (b"   \n\n", "E104", "empty.txt"),
    "bad.jsonl": (b'{"id": "ok", "text": "Fine."}\n{"id": "x", "text": \n', "E105", "bad.jsonl:2"),
    "notext.jsonl": (b'{"id": "n1", "body": "No text field."}\n', "E106", "notext.jsonl:1"),
    "scan.pdf": (b"%PDF-1.4", "E108", "scan.pdf"),
}


def _write(folder: Path, name: str, data: bytes) -> None:
    (folder / name).write_bytes(data)


def _ids(path: Path) -> list[str]:
    return [orjson.loads(line)["id"] for line in path.read_bytes().splitlines()]


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_default_skips_and_reports_each_bad_input(tmp_path: Path, name: str) -> None:
    data, code, where = BAD_INPUTS[name]
    docs = tmp_path / "docs"
    docs.mkdir()
    _write(docs, "good.txt", b"A good story.")
    _write(docs, name, data)
    out = tmp_path / "documents.jsonl"
    result = runner.invoke(
        app, ["ingest", str(docs), "-o", str(out), "--report", str(tmp_path / "r.jsonl")]
    )
    assert result.exit_code == 0, result.output
    assert code in result.stderr and where in result.stderr
    assert "skipped" in result.stderr
    assert "good.txt" in _ids(out)
    report = [orjson.loads(x) for x in (tmp_path / "r.jsonl").read_bytes().splitlines()]
    assert [r["code"] for r in report] == [code]


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_strict_fails_on_first_bad_input_and_writes_nothing(tmp_path: Path, name: str) -> None:
    data, code, where = BAD_INPUTS[name]
    docs = tmp_path / "docs"
    docs.mkdir()
    _write(docs, name, data)
    _write(docs, "zz-good.txt", b"A good story.")
    out = tmp_path / "documents.jsonl"
    out.write_text("previous content\n")
    result = runner.invoke(app, ["ingest", str(docs), "-o", str(out), "--strict"])
    assert result.exit_code == 1
    assert f"error: {code}" in result.stderr and where in result.stderr
    assert out.read_text() == "previous content\n", "an earlier output is never half-overwritten"
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_unreadable_file_is_reported(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    os.symlink(tmp_path / "missing.txt", docs / "dangling.txt")
    result = runner.invoke(app, ["ingest", str(docs), "-o", str(tmp_path / "o.jsonl"), "--strict"])
    assert result.exit_code == 1
    assert "E101" in result.stderr and "dangling.txt" in result.stderr


def test_missing_input_and_no_input(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["ingest", str(tmp_path / "nope"), "-o", str(tmp_path / "o.jsonl"), "--strict"]
    )
    assert result.exit_code == 1 and "E101" in result.stderr and "no such file" in result.stderr
    (tmp_path / "empty").mkdir()
    result = runner.invoke(
        app, ["ingest", str(tmp_path / "empty"), "-o", str(tmp_path / "o.jsonl"), "--strict"]
    )
    assert result.exit_code == 1 and "E110" in result.stderr


def test_duplicate_document_is_reported_and_skipped(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    _write(docs, "a.txt", b"Same story.")
    _write(docs, "b.md", b"Same story.")
    out = tmp_path / "documents.jsonl"
    result = runner.invoke(app, ["ingest", str(docs), "-o", str(out)])
    assert result.exit_code == 0
    assert "E107" in result.stderr and "b.md" in result.stderr and "a.txt" in result.stderr
    assert _ids(out) == ["a.txt"]


def test_segment_rejects_invalid_documents_with_line(tmp_path: Path) -> None:
    docs = tmp_path / "documents.jsonl"
    docs.write_text('{"id": "a"}\n')
    result = runner.invoke(app, ["segment", str(docs), "-o", str(tmp_path / "s.jsonl")])
    assert result.exit_code == 1
    assert "E201" in result.stderr and "documents.jsonl:1" in result.stderr
    assert not (tmp_path / "s.jsonl").exists()


def test_usage_error_exit_code(tmp_path: Path) -> None:
    result = runner.invoke(app, ["ingest", str(tmp_path)])
    assert result.exit_code == 2


def test_nothing_ingested_is_an_error_and_writes_nothing(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    _write(docs, "empty.txt", b"  \n")
    out = tmp_path / "documents.jsonl"
    result = runner.invoke(app, ["ingest", str(docs), "-o", str(out)])
    assert result.exit_code == 1
    # The inputs given are named, not "-"
    assert f"error: E113 {docs}: no document to write (1 input skipped)" in result.stderr
    assert not out.exists()
    files = [docs / f"{n}.txt" for n in range(5)]
    for path in files:
        path.write_bytes(b" \n")
    result = runner.invoke(app, ["ingest", *map(str, files), "-o", str(out)])
    assert result.exit_code == 1
    named = f"{files[0]}, {files[1]}, {files[2]} and 2 more: no document to write (5 inputs"
    assert f"error: E113 {named} skipped)" in result.stderr, result.stderr


def test_unwritable_output_is_a_message_not_a_traceback(tmp_path: Path) -> None:
    (tmp_path / "blocker").write_text("a file where a folder should be")
    result = runner.invoke(
        app, ["ingest", str(SAMPLES), "-o", str(tmp_path / "blocker" / "documents.jsonl")]
    )
    assert result.exit_code == 1
    assert "E112" in result.stderr
    assert "Traceback" not in result.stderr


def test_outputs_get_the_usual_file_mode(tmp_path: Path) -> None:
    out = tmp_path / "documents.jsonl"
    old = os.umask(0o022)
    try:
        assert runner.invoke(app, ["ingest", str(SAMPLES), "-o", str(out)]).exit_code == 0
    finally:
        os.umask(old)
    assert out.stat().st_mode & 0o777 == 0o644


def test_errors_name_the_real_line_after_blank_lines(tmp_path: Path) -> None:
    docs = tmp_path / "documents.jsonl"
    docs.write_text('\n\n{"id": "a"}\n')
    result = runner.invoke(app, ["segment", str(docs), "-o", str(tmp_path / "s.jsonl")])
    assert result.exit_code == 1
    assert "documents.jsonl:3" in result.stderr
