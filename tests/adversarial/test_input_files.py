"""Issue 16, defects 8 and 11 and the input items of its "Also" line: each hostile input file
gives its exit code and error code through the CLI, with a message that says what to do.

- a FIFO or a link to a device among the inputs hung ingest (defect 8): E101, unopened;
- UTF-16 was "binary", deeply nested HTML "no article text", a JSONL id that is an object was
  stored as its Python repr;
- ``--report`` must be written when every input was skipped (E113) and under ``--strict``
  (defect 11).
"""

from __future__ import annotations

import os
from pathlib import Path

import orjson
import pytest
from typer.testing import CliRunner

from builder.cli import app

pytestmark = pytest.mark.adversarial
runner = CliRunner()

GOOD = b"A good story about the harbour."
_DEEP = b"<html><body>" + b"<div>" * 300
_ARTICLE = (
    b"<p>" + b"The council met on Tuesday and voted to rebuild the old bridge. " * 5 + b"</p>"
)
UTF16_TEXT = "Caf\u00e9 story.\nThe mayor spoke.\n"

# name -> (bytes, error code, what the message must say)
FILES: dict[str, tuple[bytes, str, str]] = {
    "utf16-le-bom.txt": (UTF16_TEXT.encode("utf-16"), "E103", "iconv -f UTF-16 -t UTF-8"),
    "utf16-be-bom.txt": (b"\xfe\xff" + UTF16_TEXT.encode("utf-16-be"), "E103", "UTF-16"),
    "utf16-le.txt": (UTF16_TEXT.encode("utf-16-le"), "E103", "iconv -f UTF-16"),
    "utf16-be.md": (UTF16_TEXT.encode("utf-16-be"), "E103", "iconv -f UTF-16"),
    "utf16.jsonl": ('{"text": "x"}\n'.encode("utf-16"), "E103", "UTF-16"),
    "utf32.txt": (UTF16_TEXT.encode("utf-32"), "E103", "iconv -f UTF-32 -t UTF-8"),
    "binary.txt": (b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x03\x00>\x00", "E102", "binary"),
    "deep.html": (_DEEP + _ARTICLE * 3 + b"</div>" * 300, "E104", "256 levels"),
    "id-object.jsonl": (b'{"id": {"a": 1}, "text": "Some text."}\n', "E115", "id-object.jsonl:1"),
    "id-list.jsonl": (b'{"text": "Ok."}\n{"id": [1], "text": "No."}\n', "E115", "id-list.jsonl:2"),
    "id-bool.jsonl": (b'{"id": true, "text": "Some text."}\n', "E115", "string or an integer"),
    "id-float.jsonl": (b'{"id": 1.5, "text": "Some text."}\n', "E115", "id-float.jsonl:1"),
}


def _docs(tmp_path: Path, name: str, data: bytes) -> Path:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "good.txt").write_bytes(GOOD)
    (docs / name).write_bytes(data)
    return docs


@pytest.mark.parametrize("name", sorted(FILES))
def test_each_hostile_file_is_skipped_with_its_code(tmp_path: Path, name: str) -> None:
    data, code, says = FILES[name]
    docs = _docs(tmp_path, name, data)
    out = tmp_path / "documents.jsonl"
    result = runner.invoke(app, ["ingest", str(docs), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert f"warning: {code}" in result.stderr and says in result.stderr, result.stderr
    assert name in result.stderr
    good = [orjson.loads(line) for line in out.read_bytes().splitlines()]
    assert all(isinstance(d["id"], str) and not d["id"].startswith(("{", "[")) for d in good)


@pytest.mark.parametrize("name", sorted(FILES))
def test_each_hostile_file_fails_a_strict_run(tmp_path: Path, name: str) -> None:
    data, code, says = FILES[name]
    result = runner.invoke(
        app, ["ingest", str(_docs(tmp_path, name, data)), "-o", str(tmp_path / "o"), "--strict"]
    )
    assert result.exit_code == 1, result.output
    assert f"error: {code}" in result.stderr and says in result.stderr
    assert "Traceback" not in result.output and not (tmp_path / "o").exists()


def test_integer_and_string_ids_are_kept(tmp_path: Path) -> None:
    data = b'{"id": 7, "text": "Seven."}\n{"id": "b-2", "text": "Two."}\n'
    out = tmp_path / "documents.jsonl"
    result = runner.invoke(app, ["ingest", str(_docs(tmp_path, "ids.jsonl", data)), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert [orjson.loads(x)["id"] for x in out.read_bytes().splitlines()] == [
        "good.txt",
        "7",
        "b-2",
    ]


def _report(path: Path) -> list[dict[str, object]]:
    return [orjson.loads(line) for line in path.read_bytes().splitlines()]


def test_report_is_written_when_every_input_is_skipped(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "empty.txt").write_bytes(b"  \n")
    (docs / "scan.pdf").write_bytes(b"%PDF-1.4")
    out, report = tmp_path / "documents.jsonl", tmp_path / "skipped.jsonl"
    result = runner.invoke(app, ["ingest", str(docs), "-o", str(out), "--report", str(report)])
    assert result.exit_code == 1 and "E113" in result.stderr
    assert not out.exists()
    assert [(r["code"], Path(str(r["path"])).name) for r in _report(report)] == [
        ("E104", "empty.txt"),
        ("E108", "scan.pdf"),
    ]


def test_report_is_written_under_strict(tmp_path: Path) -> None:
    docs = _docs(tmp_path, "latin1.txt", b"caf\xe9\n")
    out, report = tmp_path / "documents.jsonl", tmp_path / "skipped.jsonl"
    result = runner.invoke(
        app, ["ingest", str(docs), "-o", str(out), "--strict", "--report", str(report)]
    )
    assert result.exit_code == 1 and "error: E103" in result.stderr
    assert [(r["code"], r["line"]) for r in _report(report)] == [("E103", 1)]
    assert not out.exists()


def test_build_writes_its_report_when_every_input_is_skipped(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "empty.txt").write_bytes(b"\n")
    result = runner.invoke(app, ["build", str(docs), "-o", str(tmp_path / "out")])
    assert result.exit_code == 1 and "E113" in result.stderr
    assert [r["code"] for r in _report(tmp_path / "out" / "skipped.jsonl")] == ["E104"]


@pytest.mark.timeout(60)
def test_ingest_of_a_folder_holding_a_fifo_and_device_links_does_not_open_them(
    tmp_path: Path,
) -> None:
    """In-process: a FIFO opened for reading would block this test forever (the subprocess
    test in test_input_signals.py gives the same case a time limit)."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "good.txt").write_bytes(GOOD)
    os.mkfifo(docs / "fifo.txt")
    (docs / "zero.txt").symlink_to("/dev/zero")
    (docs / "null.md").symlink_to("/dev/null")
    out, report = tmp_path / "documents.jsonl", tmp_path / "r.jsonl"
    result = runner.invoke(app, ["ingest", str(docs), "-o", str(out), "--report", str(report)])
    assert result.exit_code == 0, result.output
    for name in ("fifo.txt", "zero.txt", "null.md"):
        assert name in result.stderr
    assert [(r["code"], Path(str(r["path"])).name) for r in _report(report)] == [
        ("E101", "fifo.txt"),
        ("E101", "null.md"),
        ("E101", "zero.txt"),
    ]
    assert "a FIFO" in result.stderr and "a character device" in result.stderr
    strict = runner.invoke(app, ["ingest", str(docs / "fifo.txt"), "-o", str(out), "--strict"])
    assert strict.exit_code == 1 and "error: E101" in strict.stderr


def _latin1_at_line(source: Path, target: Path, line: int) -> Path:
    """``source``'s first ``line - 1`` lines, then a line holding a Latin-1 "é" (no UTF-8)."""
    kept = source.read_bytes().splitlines(keepends=True)[: line - 1]
    target.write_bytes(b"".join(kept) + b'{"id": "x", "text": "caf\xe9"}\n')
    return target


# The commands that read JSONL the tool wrote: the file made bad, the command line
_READERS: dict[str, tuple[str, list[str]]] = {
    "segment": ("documents.jsonl", ["segment", "{bad}", "-o", "{out}/s.jsonl"]),
    "prelabel": ("sentences.jsonl", ["prelabel", "{bad}", "-o", "{out}/p.jsonl"]),
    "prelabel-2": (
        "sentences.jsonl",
        ["prelabel", "{bad}", "-o", "{out}/p.jsonl", "--workers", "2"],
    ),
    "export-sentences": (
        "sentences.jsonl",
        ["export", "--sentences", "{bad}", "--prelabels", "{built}/prelabels.jsonl"],
    ),
    "export-prelabels": (
        "prelabels.jsonl",
        ["export", "--sentences", "{built}/sentences.jsonl", "--prelabels", "{bad}"],
    ),
    "heuristics-report": (
        "sentences.jsonl",
        ["heuristics", "report", "--sentences", "{bad}", "--json", "{out}/r.json"],
    ),
}


@pytest.mark.parametrize("command", sorted(_READERS))
def test_a_line_that_is_not_utf8_is_e103_naming_the_line(
    built: Path, tmp_path: Path, command: str
) -> None:
    """As ingest says of such a file: E103 with its line, not "malformed JSON" (E105)."""
    name, args = _READERS[command]
    bad = _latin1_at_line(built / name, tmp_path / name, 3)
    out = tmp_path / "out"
    out.mkdir()
    if args[0] == "export":
        args = [*args, "--silver", "--name", "news", "-o", "{out}"]
    filled = [a.format(bad=bad, built=built, out=out) for a in args]
    result = runner.invoke(app, filled)
    assert result.exit_code == 1, result.output
    assert f"error: E103 {bad}:3: not valid UTF-8" in result.stderr, result.stderr
    assert list(out.iterdir()) == []  # nothing written
