"""Segmenting in worker processes: the same bytes as in one process, and a dead worker fails
the stage cleanly (E509), never hangs it."""

from __future__ import annotations

import random
import threading
from collections.abc import Iterator
from pathlib import Path

import orjson
import psutil
import pytest

from builder.errors import BuilderError, InputError
from builder.jsonl import numbered_lines, write_blocks, write_records
from builder.model import Document
from builder.pipeline.segment import segment
from builder.segment import Segmenter, pipeline, segment_document, sentence_id, sentence_records
from builder.segment.pipeline import segment_numbered, segment_records
from tests.worker_processes import kill_a_worker

PIECES = [
    "The harbour council met on Friday",
    "Mr. Hale said the U.S. would not wait",
    "Prices rose 2.5% in the north",
    "At 7 a.m. the gates opened",
    "“We are ready,” she said",
    "No. 10 declined to comment",
    "Rain fell on the coast (again)",
    "1. First item",
    "Shares in Acme Co. fell",
]
ENDS = [". ", "? ", "! ", ".\n\n", "... ", " — "]


def _document(i: int, rng: random.Random) -> Document:
    parts = rng.choices(PIECES, k=rng.randint(1, 30))
    text = "".join(p + rng.choice(ENDS) for p in parts).strip()
    return Document(f"d{i:05d}", f"sha{i}", text, "test", "text")


def _documents(n: int) -> Iterator[Document]:
    rng = random.Random(7)
    return (_document(i, rng) for i in range(n))


def test_two_workers_write_the_same_bytes_as_one(tmp_path: Path) -> None:
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    n = write_records(one, segment_records(_documents(400), workers=1))
    assert write_records(two, segment_records(_documents(400), workers=2)) == n > 1000
    assert two.read_bytes() == one.read_bytes()


def test_the_commands_lines_are_the_records_bytes_with_one_worker_or_two(tmp_path: Path) -> None:
    """`builder segment` writes encoded lines (``segment_numbered``), not records: the same
    file."""
    records = tmp_path / "records.jsonl"
    n = write_records(records, segment_records(_documents(400), workers=1))
    documents = tmp_path / "documents.jsonl"
    # As ingest writes them (the schema wants a real digest); segmenting reads id and text.
    digest = "0" * 64
    write_records(documents, ({**doc.to_dict(), "doc_sha": digest} for doc in _documents(400)))
    for workers in (1, 2):
        lines = tmp_path / f"lines{workers}.jsonl"
        blocks = segment_numbered(documents, numbered_lines(documents), workers=workers)
        assert write_blocks(lines, blocks) == n
        assert lines.read_bytes() == records.read_bytes()


@pytest.mark.parametrize("bad", [b"{not json\n", b'{"id": "x"}\n', b"[1]\n"])
def test_the_first_bad_document_fails_the_stage_as_in_one_process(
    built: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, bad: bytes
) -> None:
    """The worker that segments a line parses and checks it (E105, E201): the error of the
    first bad line, file and line, whatever the number of workers and a later bad line."""
    docs = (built / "documents.jsonl").read_bytes().splitlines(keepends=True)
    assert len(docs) >= 6
    monkeypatch.setattr(pipeline, "CHUNK", 2)  # several units, out to both workers
    path = tmp_path / "documents.jsonl"
    path.write_bytes(b"".join([*docs[:3], bad, *docs[3:4], b"{later\n", *docs[4:]]))
    errors = []
    for workers in (1, 2):
        with pytest.raises(InputError) as caught:
            segment(path, tmp_path / f"sentences{workers}.jsonl", workers=workers)
        errors.append((caught.value.code, str(caught.value), caught.value.line))
    assert errors[0] == errors[1] and errors[0][2] == 4
    assert not (tmp_path / "sentences1.jsonl").exists()
    assert not (tmp_path / "sentences2.jsonl").exists()


@pytest.mark.parametrize("workers", ["1", "2"])
def test_a_document_id_given_twice_is_e109_naming_its_second_line(
    built: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, workers: str
) -> None:
    """A document given twice would give its sentences twice, with the same ids (every later
    stage refuses those): refused as ingest refuses it, in another unit of work than the
    first (each unit is checked where it is segmented, the ids where the units come back)."""
    from typer.testing import CliRunner

    from builder.cli import app

    docs = (built / "documents.jsonl").read_bytes().splitlines(keepends=True)
    monkeypatch.setattr(pipeline, "CHUNK", 2)
    path = tmp_path / "documents.jsonl"
    path.write_bytes(b"".join([*docs, docs[1]]))
    out = tmp_path / "sentences.jsonl"
    result = CliRunner().invoke(app, ["segment", str(path), "-o", str(out), "--workers", workers])
    assert result.exit_code == 1, result.output
    doc_id = orjson.loads(docs[1])["id"]
    said = f"error: E109 {path}:{len(docs) + 1}: document id {doc_id!r} already used"
    assert said in result.stderr, result.stderr
    assert not out.exists()


def _spawned() -> list[psutil.Process]:
    found = []
    for child in psutil.Process().children(recursive=True):
        try:
            if "spawn_main" in " ".join(child.cmdline()):
                found.append(child)
        except psutil.Error:
            continue
    return found


def test_a_killed_worker_fails_the_segmentation_with_e509(tmp_path: Path) -> None:
    stop = threading.Event()
    raised: list[BaseException] = []

    def endless() -> Iterator[Document]:  # work until the test is over
        rng = random.Random(7)
        i = 0
        while not stop.is_set():
            yield _document(i, rng)
            i += 1

    def run() -> None:
        try:
            write_records(tmp_path / "out.jsonl", segment_records(endless(), workers=2))
        except BaseException as exc:
            raised.append(exc)

    job = threading.Thread(target=run, daemon=True)  # a hang must not outlive the test
    job.start()
    killed = kill_a_worker(psutil.Process(), job.is_alive, busy_for=0.3)  # at work
    job.join(timeout=60)
    stop.set()
    assert killed, "no worker process seen"
    assert not job.is_alive(), "the segmentation hangs after a worker died"
    assert len(raised) == 1 and isinstance(raised[0], BuilderError), raised
    assert raised[0].code == "E509"
    assert not any(tmp_path.iterdir())  # nothing written
    assert _spawned() == []  # and no worker left behind


def test_the_records_of_the_stage_are_the_sentences_of_segment_document() -> None:
    seg = Segmenter()
    for doc in _documents(40):
        records = list(sentence_records(doc, seg))
        assert records == [s.to_dict() for s in segment_document(doc, seg)]
        assert all(r["id"] == sentence_id(doc.id, r["text"], 0) for r in records[:1])
