"""Stage outputs: schemas, determinism, workers, atomic writes, and the shared seeds."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson
import pytest
from typer.testing import CliRunner

from builder.cli import app
from builder.jsonl import write_records
from builder.schemas import first_error
from tests.conftest import shared_file

runner = CliRunner()


def _records(path: Path) -> list[dict[str, Any]]:
    return [orjson.loads(line) for line in path.read_bytes().splitlines()]


def test_outputs_match_their_json_schemas(built: Path) -> None:
    for name, kind in (("documents.jsonl", "documents"), ("sentences.jsonl", "sentences")):
        records = _records(built / name)
        assert records
        assert [first_error(kind, r) for r in records] == [None] * len(records)


def test_sentences_slice_their_documents_exactly(built: Path) -> None:
    texts = {d["id"]: d["text"] for d in _records(built / "documents.jsonl")}
    last: dict[str, int] = {}
    for s in _records(built / "sentences.jsonl"):
        assert texts[s["doc_id"]][s["start"] : s["end"]] == s["text"]
        assert s["start"] >= last.get(s["doc_id"], 0)
        last[s["doc_id"]] = s["end"]


def test_rebuild_is_byte_identical_and_workers_change_nothing(built: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    result = runner.invoke(
        app,
        [
            "build",
            str(Path(__file__).parents[1] / "samples" / "corpus"),
            "-o",
            str(again),
            "--workers",
            "2",
        ],
    )
    assert result.exit_code == 0, result.output
    for name in (
        "documents.jsonl",
        "sentences.jsonl",
        "prelabels.jsonl",
        "prelabels.votes.parquet",
    ):
        assert (again / name).read_bytes() == (built / name).read_bytes()


def test_interrupted_write_keeps_the_previous_file(tmp_path: Path) -> None:
    target = tmp_path / "out.jsonl"
    write_records(target, [{"a": 1}])

    def broken() -> Iterator[dict[str, Any]]:
        yield {"a": 2}
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        write_records(target, broken())
    assert target.read_bytes() == b'{"a":1}\n'
    assert [p.name for p in tmp_path.iterdir()] == ["out.jsonl"]


@pytest.mark.shared
def test_seed_documents_come_out_clean(tmp_path: Path) -> None:
    seeds = shared_file("corpus", "seeds")
    result = runner.invoke(app, ["build", str(seeds), "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    docs = {d["id"]: d for d in _records(tmp_path / "documents.jsonl")}
    sentences = _records(tmp_path / "sentences.jsonl")
    live = next(d for d in docs.values() if "timestamps" in d["meta"])
    assert len(live["meta"]["timestamps"]) == 20
    all_text = "\n".join(s["text"] for s in sentences)
    for boilerplate in (
        "Twitter post",
        "Image caption",
        "Image source",
        "published at",
        "Skip twitter",
        "External",
        ", external",
        "Allow Twitter",
    ):
        assert boilerplate not in all_text
    wire = next(d for d in docs.values() if d is not live)
    assert [r["rule"] for r in wire["removed"]] == ["photo_credit", "duplicate_prefix"]
    texts = [s["text"] for s in sentences]
    # headlines split from their glued timestamps, ellipsis inside a quote kept whole
    assert "Peace talks pause until tomorrow" in texts
    assert any(t.startswith("\"I didn't make any promises to them ... I just asked") for t in texts)
    assert not [t for t in texts if t[0] in "•" or t[:3] in {"1. ", "2. "}]
