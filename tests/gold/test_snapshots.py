"""Snapshot records are checked on read (schema, then spans against the text) and before a
pull writes them: a bad record is an error naming the file and line, never a wrong gold."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson
import pytest
from typer.testing import CliRunner

from builder.cli import app
from builder.errors import BuilderError, InputError
from builder.gold.snapshots import problem, read_snapshots
from builder.studio.pull import write_snapshot
from tests.export.helpers import export_cli
from tests.gold.test_resolve import record as resolve_record
from tests.quality.helpers import TEXT, claim, record, snapshot

runner = CliRunner()
GOOD = record("a@example.com", [(15, 27, "PERSON")], claims=[claim((0, 27), cue=(60, 74))])


def _broken(change: str) -> dict[str, Any]:
    bad: dict[str, Any] = orjson.loads(orjson.dumps(GOOD))
    if change == "wrong type":
        bad["annotation_id"] = "seven"
    elif change == "missing field":
        del bad["was_cancelled"]
    elif change == "span outside":
        bad["entities"][0]["end"] = len(TEXT) + 5
    elif change == "span text differs":
        bad["entities"][0]["text"] = "Rishi Sunak!"
    elif change == "shown span outside":
        bad["shown"] = {"model_version": None, **{k: GOOD[k] for k in ("claims", "sentiment")}}
        bad["shown"] |= {"entities": [{"start": 70, "end": 90, "label": "ORG"}]}
        bad["shown"]["check_worthy"] = None
    return bad


CASES = {
    "wrong type": "annotation_id: 'seven' is not of type 'integer'",
    "missing field": "record: 'was_cancelled' is a required property",
    "span outside": f"entities/0: [15:{len(TEXT) + 5}] is outside the text ({len(TEXT)} characters)",
    "span text differs": "entities/0: [15:27] says 'Rishi Sunak!' but the text has 'Keir Starmer'",
    "shown span outside": "shown/entities/0: [70:90] is outside the text",
}


def _one_line(message: str) -> str:
    return " ".join(message.split())  # rich wraps long lines


@pytest.mark.parametrize("change", sorted(CASES))
def test_eval_refuses_a_bad_record_naming_file_and_line(
    change: str, built: Path, tmp_path: Path
) -> None:
    root = snapshot(tmp_path / "annotations", [GOOD, _broken(change)])
    args = ["eval", str(built / "sentences.jsonl"), "--prelabels", str(built / "prelabels.jsonl")]
    args += ["--annotations", str(root), "-o", str(tmp_path / "eval.json")]
    result = runner.invoke(app, args)
    assert result.exit_code == 1
    said = _one_line(result.stderr)
    assert f"E801 {root / 'news' / 'abc.jsonl'}:2: {CASES[change]}" in said
    assert not (tmp_path / "eval.json").exists()


def test_export_refuses_a_bad_record_naming_file_and_line(built: Path, tmp_path: Path) -> None:
    root = snapshot(tmp_path / "annotations", [GOOD, _broken("span text differs")])
    result = export_cli(built, tmp_path / "out", "--annotations", str(root))
    assert result.exit_code == 1
    said = _one_line(result.stderr)
    assert f"E801 {root / 'news' / 'abc.jsonl'}:2: {CASES['span text differs']}" in said
    assert not (tmp_path / "out" / "news").exists()


def test_lines_are_the_lines_of_the_file(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    lines = [orjson.dumps(GOOD), b"", orjson.dumps(_broken("wrong type"))]
    (folder / "abc.jsonl").write_bytes(b"\n".join(lines) + b"\n")
    (folder / "latest.json").write_text('{"records": "abc.jsonl"}\n')
    with pytest.raises(InputError) as caught:
        read_snapshots(tmp_path)
    assert caught.value.line == 3 and caught.value.path == str(folder / "abc.jsonl")


def test_the_records_tests_make_are_what_pull_writes() -> None:
    made = [
        GOOD,
        record("b", cancelled=True),
        record("c", check_worthy="yes", sentiment="negative", updated="2024-05-02T10:00:00Z"),
        {**GOOD, "unlinked": [{"label": "SOURCE", "start": 0, "end": 5}], "shown": None},
        resolve_record("a"),
        resolve_record("b", entities=[], cancelled=True, ground_truth=True),
    ]
    assert [problem(r) for r in made] == [None] * len(made)


def _task(data: dict[str, Any], result: list[dict[str, Any]]) -> dict[str, Any]:
    annotation = {
        "id": 7,
        "completed_by": 1,
        "result": result,
        "was_cancelled": False,
        "ground_truth": False,
        "created_at": "2026-01-01T10:00:00Z",
        "updated_at": "2026-01-01T10:00:00Z",
        "lead_time": 2.5,
    }
    return {"id": 3, "data": data, "annotations": [annotation], "drafts": []}


ENTITY = {
    "id": "e0",
    "from_name": "ner",
    "to_name": "text",
    "type": "labels",
    "value": {"start": 15, "end": 27, "text": "Keir Starmer", "labels": ["PERSON"]},
}


def test_pull_writes_what_readers_accept(tmp_path: Path) -> None:
    data = {"text": TEXT, "sentence_id": "s1", "doc_id": "d1"}
    report = write_snapshot([_task(data, [ENTITY])], {1: "a@example.com"}, tmp_path / "news")
    assert report.written
    (written,) = read_snapshots(tmp_path).annotations
    assert written["entities"] == [{"start": 15, "end": 27, "label": "PERSON"}]
    assert written["shown"] is None and written["unlinked"] == []


def test_pull_refuses_a_record_readers_would_refuse(tmp_path: Path) -> None:
    # A hand-imported task whose doc_id is a number: the record would not read back.
    data = {"text": TEXT, "sentence_id": "s1", "doc_id": 12}
    with pytest.raises(BuilderError) as caught:
        write_snapshot([_task(data, [ENTITY])], {1: "a@example.com"}, tmp_path / "news")
    assert caught.value.code == "E730"
    assert "task 3 annotation 7: doc_id: 12 is not of type 'string', 'null'" in caught.value.message
    assert not (tmp_path / "news").exists() or not any((tmp_path / "news").iterdir())
