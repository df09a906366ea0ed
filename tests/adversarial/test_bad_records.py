"""Every bad record on disk -> a coded error naming the file and line, never a traceback
(issue 16: defects 4, 5 and 13).

Each case breaks one record of the built samples (sentences.jsonl, prelabels.jsonl), a
dataset version (manifest.json, a parquet file) or an annotations folder (latest.json), and
runs every command that reads it through the CLI: the exit code, the error code and where
it names are asserted, and that no traceback is printed. Commands: ``export``, ``eval``,
``studio push --dry-run`` (its files are read before it connects), ``prelabel``; ``versions``
and ``diff`` for dataset versions.
"""

from __future__ import annotations

import copy
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from builder.cli import app
from builder.prelabel.io import fits_schema as fits_sentence_schema
from builder.prelabel.records import fits_schema as fits_prelabel_schema
from builder.schemas import validator
from tests.conftest import REPO
from tests.quality.helpers import record, snapshot
from tests.test_schemas import SENTENCE, broken

pytestmark = pytest.mark.adversarial

Records = list[Any]  # records: dicts, but one case puts something else in
Break = Callable[[Records, Records], None]  # (sentences, prelabels), changed in place


@dataclass(frozen=True)
class Case:
    name: str
    commands: tuple[str, ...]
    change: Break
    file: str  # the file the error names: sentences | prelabels
    line: int | None  # the line it names (None: not checked)
    codes: dict[str, str]  # command -> error code


def _set(records: Records, index: int, path: tuple[Any, ...], value: Any) -> None:
    node: Any = records[index]
    for step in path[:-1]:
        node = node[step]
    node[path[-1]] = value


def _with_claim(prelabels: Records) -> int:
    """The index of the first pre-label record with a claim that has a source and a cue."""
    return next(
        i for i, p in enumerate(prelabels) if any(c["source"] and c["cue"] for c in p["claims"])
    )


def _claim_part_outside(part: str) -> Break:
    def change(sentences: Records, prelabels: Records) -> None:
        i = _with_claim(prelabels)
        claim = next(c for c in prelabels[i]["claims"] if c["source"] and c["cue"])
        claim[part] = {"start": 400, "end": 420, "text": "x" * 20}

    return change


def _with_entities(prelabels: Records) -> int:
    return next(i for i, p in enumerate(prelabels) if p["entities"])


def _entity(field: str, value: Any) -> Break:
    def change(sentences: Records, prelabels: Records) -> None:
        prelabels[_with_entities(prelabels)]["entities"][0][field] = value

    return change


def _duplicate_last(sentences: Records, prelabels: Records) -> None:
    sentences.append(copy.deepcopy(sentences[-1]))
    prelabels.append(copy.deepcopy(prelabels[-1]))


def _one_more_prelabel(sentences: Records, prelabels: Records) -> None:
    prelabels.append(copy.deepcopy(prelabels[-1]))


def _mixed_versions(sentences: Records, prelabels: Records) -> None:
    prelabels[3]["model_version"] = "heuristics-000000000000"


ALL = ("export", "eval", "push")
FILES = {"export": "E503", "eval": "E503", "push": "E720"}
SENTENCE_CODES = dict.fromkeys(("export", "eval", "push", "prelabel"), "E203")
CASES = [
    # sentences.jsonl
    Case(
        "null doc_id",
        (*ALL, "prelabel"),
        lambda s, p: _set(s, 0, ("doc_id",), None),
        "sentences",
        1,
        SENTENCE_CODES,
    ),
    Case(
        "id an object",
        (*ALL, "prelabel"),
        lambda s, p: _set(s, 1, ("id",), {"a": 1}),
        "sentences",
        2,
        SENTENCE_CODES,
    ),
    Case(
        "start a string",
        (*ALL, "prelabel"),
        lambda s, p: _set(s, 2, ("start",), "0"),
        "sentences",
        3,
        SENTENCE_CODES,
    ),
    Case(
        "text with an unknown field beside it",
        (*ALL, "prelabel"),
        lambda s, p: _set(s, 0, ("lang",), "en"),
        "sentences",
        1,
        SENTENCE_CODES,
    ),
    Case("a sentence twice", ALL, _duplicate_last, "sentences", None, SENTENCE_CODES),
    # prelabels.jsonl: wrong types, missing keys
    Case(
        "entities a string",
        ALL,
        lambda s, p: _set(p, 0, ("entities",), "PERSON"),
        "prelabels",
        1,
        FILES,
    ),
    Case(
        "entities an object",
        ALL,
        lambda s, p: _set(p, 0, ("entities",), {"a": 1}),
        "prelabels",
        1,
        FILES,
    ),
    Case(
        "sentiment a string",
        ALL,
        lambda s, p: _set(p, 1, ("sentiment",), "neutral"),
        "prelabels",
        2,
        FILES,
    ),
    Case("entity start a string", ALL, _entity("start", "3"), "prelabels", 1, FILES),
    Case("entity label unknown", ALL, _entity("label", "ALIEN"), "prelabels", 1, FILES),
    Case(
        "entities missing",
        ALL,
        lambda s, p: p[0].pop("entities"),
        "prelabels",
        1,
        FILES,
    ),
    Case(
        "a record that is a list",
        ALL,
        lambda s, p: p.__setitem__(0, [1]),
        "prelabels",
        1,
        {"export": "E105", "eval": "E105", "push": "E105"},
    ),
    # prelabels.jsonl: spans that leave or misquote the sentence
    Case("claim outside the sentence", ALL, _claim_part_outside("claim"), "prelabels", None, FILES),
    Case("source outside", ALL, _claim_part_outside("source"), "prelabels", None, FILES),
    Case("cue outside", ALL, _claim_part_outside("cue"), "prelabels", None, FILES),
    Case("entity quotes other text", ALL, _entity("text", "Nobody"), "prelabels", 1, FILES),
    Case("entity past the end", ALL, _entity("end", 10_000), "prelabels", 1, FILES),
    # prelabels.jsonl: the file as a whole
    Case("one record too many", ALL, _one_more_prelabel, "prelabels", 54, FILES),
    Case("mixed heuristics versions", ALL, _mixed_versions, "prelabels", 4, FILES),
    Case(
        "a record of another sentence",
        ALL,
        lambda s, p: _set(p, 5, ("sentence_id",), "f" * 16),
        "prelabels",
        6,
        FILES,
    ),
]


def _read(path: Path) -> Records:
    return [orjson.loads(line) for line in path.read_bytes().splitlines() if line.strip()]


def _write(path: Path, records: list[Any]) -> None:
    path.write_bytes(b"".join(orjson.dumps(r) + b"\n" for r in records))


@pytest.fixture
def annotated(built: Path, tmp_path: Path) -> Path:
    """An annotations folder: one annotator who labelled the first 5 sentences."""
    sentences = _read(built / "sentences.jsonl")[:5]
    return snapshot(
        tmp_path / "annotations",
        [record("a@example.com", [], sid=s["id"], text=s["text"]) for s in sentences],
    )


def _args(command: str, sentences: Path, prelabels: Path, annotated: Path, out: Path) -> list[str]:
    if command == "export":
        return [
            *("export", "--sentences", str(sentences), "--prelabels", str(prelabels)),
            *("--name", "news", "-o", str(out), "--silver"),
        ]
    if command == "eval":
        return [
            *("eval", str(sentences), "--prelabels", str(prelabels)),
            *("--annotations", str(annotated), "-o", str(out / "eval.json")),
        ]
    if command == "push":  # its files are read and checked before it connects
        return [
            *("studio", "push", str(prelabels), "--sentences", str(sentences), "--dry-run"),
            *("--url", "http://127.0.0.1:9", "--token", "t" * 40),
        ]
    return ["prelabel", str(sentences), "-o", str(out / "prelabels.jsonl")]


def _clean(result: Any, exit_code: int, code: str) -> str:
    """The output, once checked: the exit code, one coded error line, no traceback."""
    output: str = result.output
    assert result.exit_code == exit_code, output
    assert isinstance(result.exception, SystemExit | None), repr(result.exception)
    assert "Traceback" not in output
    assert f"error: {code} " in output, output
    return output


@pytest.mark.parametrize(
    ("case", "command"),
    [(c, cmd) for c in CASES for cmd in c.commands],
    ids=lambda v: v if isinstance(v, str) else v.name,
)
def test_a_bad_record_is_a_coded_error(
    case: Case, command: str, built: Path, annotated: Path, tmp_path: Path
) -> None:
    sentences, prelabels = _read(built / "sentences.jsonl"), _read(built / "prelabels.jsonl")
    case.change(sentences, prelabels)
    files = {"sentences": tmp_path / "sentences.jsonl", "prelabels": tmp_path / "prelabels.jsonl"}
    _write(files["sentences"], sentences)
    _write(files["prelabels"], prelabels)
    out = tmp_path / "out"
    args = _args(command, files["sentences"], files["prelabels"], annotated, out)
    output = _clean(CliRunner().invoke(app, args), 1, case.codes[command])
    named = f"{files[case.file]}:{case.line}" if case.line else str(files[case.file])
    assert named in output, output
    assert not (out / "news").exists() and not (out / "eval.json").exists()
    assert not (out / "prelabels.jsonl").exists()


# Dataset versions: a damaged manifest or parquet file of an older version -------------------


@pytest.fixture
def versions(built: Path, tmp_path: Path) -> Path:
    """A dataset with two versions (0.1.0 and 0.1.1, another split salt)."""
    out = tmp_path / "datasets"
    base = [
        *("export", "--sentences", str(built / "sentences.jsonl")),
        *("--prelabels", str(built / "prelabels.jsonl"), "--name", "news", "-o", str(out)),
        "--silver",
    ]
    for salt in ("v1", "v2"):
        result = CliRunner().invoke(app, [*base, "--salt", salt])
        assert result.exit_code == 0, result.output
    return out / "news"


MANIFESTS = {
    "not JSON": b"{bad",
    "a list": b"[]",
    "not UTF-8": b'{"version": "\xff"}',
    "rows missing": None,  # the real one, without `rows`
    "counts of another shape": None,  # label_counts.ner.train a list
}


def _damage(manifest: Path, how: str) -> None:
    raw = MANIFESTS[how]
    if raw is None:
        data = json.loads(manifest.read_bytes())
        if how == "rows missing":
            del data["rows"]
        else:
            data["label_counts"]["ner"]["train"] = ["PERSON"]
        raw = json.dumps(data).encode()
    manifest.write_bytes(raw)


@pytest.mark.parametrize("how", list(MANIFESTS))
@pytest.mark.parametrize("command", ["versions", "diff", "export"])
def test_a_damaged_manifest_is_a_coded_error(
    versions: Path, built: Path, how: str, command: str
) -> None:
    damaged = "0.1.1" if command == "export" else "0.1.0"  # export reads the latest one
    manifest = versions / damaged / "manifest.json"
    _damage(manifest, how)
    args = {
        "versions": ["versions", str(versions)],
        "diff": ["diff", str(versions), "0.1.0", "0.1.1"],
        "export": [
            *("export", "--sentences", str(built / "sentences.jsonl")),
            *("--prelabels", str(built / "prelabels.jsonl"), "--name", "news"),
            *("-o", str(versions.parent), "--silver", "--salt", "v3"),
        ],
    }[command]
    output = _clean(CliRunner().invoke(app, args), 1, "E512")
    assert str(manifest) in output
    assert sorted(p.name for p in versions.iterdir()) == ["0.1.0", "0.1.1"]


@pytest.mark.parametrize("how", ["missing", "not parquet", "no id column"])
def test_a_damaged_parquet_file_is_a_coded_error_in_diff(versions: Path, how: str) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    split = versions / "0.1.1" / "ner" / "train.parquet"
    if how == "missing":
        split.unlink()
    elif how == "not parquet":
        split.write_bytes(b"PAR1 but not really")
    else:
        pq.write_table(pa.table({"x": [1]}), split)
    output = _clean(CliRunner().invoke(app, ["diff", str(versions), "0.1.0", "0.1.1"]), 1, "E512")
    assert str(split) in output


# Annotations folders: a pointer leads only to a file of its folder ---------------------------


POINTERS = {
    "absolute records": lambda outside: {"records": str(outside)},
    "records up and out": lambda outside: {"records": f"../../{outside.parent.name}/secret.jsonl"},
    "records in a subfolder": lambda outside: {"records": "sub/abc.jsonl"},
    "tasks absolute": lambda outside: {"records": "abc.jsonl", "tasks": str(outside)},
    "records not a name": lambda outside: {"records": 7},
    "records a link out": None,
}


@pytest.mark.parametrize("how", list(POINTERS))
@pytest.mark.parametrize("command", ["export", "eval"])
def test_a_snapshot_pointer_leads_only_inside_its_folder(
    built: Path, annotated: Path, tmp_path: Path, how: str, command: str
) -> None:
    outside = tmp_path / "elsewhere" / "secret.jsonl"
    outside.parent.mkdir()
    shutil.copy(annotated / "news" / "abc.jsonl", outside)  # a valid snapshot, elsewhere
    (annotated / "news" / "sub").mkdir()
    shutil.copy(outside, annotated / "news" / "sub" / "abc.jsonl")
    pointer = annotated / "news" / "latest.json"
    make = POINTERS[how]
    if make is None:
        (annotated / "news" / "link.jsonl").symlink_to(outside)
        pointer.write_text(json.dumps({"records": "link.jsonl"}))
    else:
        pointer.write_text(json.dumps(make(outside)))
    sentences, prelabels = built / "sentences.jsonl", built / "prelabels.jsonl"
    args = _args(command, sentences, prelabels, annotated, tmp_path / "out")
    if command == "export":
        args += ["--annotations", str(annotated)]
    output = _clean(CliRunner().invoke(app, args), 1, "E801")
    assert str(pointer) in output


# labels.yaml ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "entities: [PERSON\n  - {name: : }\n",  # YAML that does not parse
        "version: one\nentities: []\n",
        "- a list\n",
    ],
)
def test_a_broken_label_schema_is_a_coded_error(
    text: str, built: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from builder import labels, schemas

    copied = tmp_path / "schemas"
    shutil.copytree(REPO / "schemas", copied)
    (copied / "labels.yaml").write_text(text)
    monkeypatch.setattr(schemas, "_CANDIDATES", (copied,))
    labels.labels.cache_clear()
    try:
        args = ["prelabel", str(built / "sentences.jsonl"), "-o", str(tmp_path / "p.jsonl")]
        output = _clean(CliRunner().invoke(app, args), 2, "E301")
    finally:
        labels.labels.cache_clear()
    assert "labels.yaml" in output


# The last resort: a bug is one coded line, with the version --------------------------------


def test_a_bug_is_one_coded_line_not_a_traceback(
    built: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import builder.cli.versions as command
    from builder import __version__

    def broken_listing(dataset: Path) -> list[str]:
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(command, "versions", broken_listing)
    output = _clean(CliRunner().invoke(app, ["versions", str(tmp_path)]), 1, "E900")
    assert (
        "E900 internal error, please report: ZeroDivisionError: division by zero "
        f"(news-dataset-builder {__version__})"
    ) in output


def test_a_bug_outside_any_command_is_one_coded_line_too(tmp_path: Path) -> None:
    """The console script's own entry: an exception typer lets through."""
    code = (
        "from builder.cli import app, main\n"
        "@app.command('boom')\n"
        "def boom() -> None:\n"
        "    raise KeyError('no such thing')\n"
        "main()\n"
    )
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    env.pop("BUILDER_TRACEBACK", None)
    done = subprocess.run(
        [sys.executable, "-c", code, "boom"], capture_output=True, text=True, env=env, timeout=60
    )
    assert done.returncode == 1, done.stderr
    assert "E900 internal error, please report: KeyError: 'no such thing'" in done.stderr
    assert "Traceback" not in done.stderr


# The hand-written checks answer as the schemas do --------------------------------------------


def _integral_float_or_newline(value: Any) -> bool:
    """What the schemas take and the checks do not: 3.0 for an integer (an offset may not
    be one), a trailing newline before a pattern's `$`."""
    if isinstance(value, float):
        return value.is_integer()
    if isinstance(value, str):
        return "\n" in value
    if isinstance(value, dict):
        return any(map(_integral_float_or_newline, [*value, *value.values()]))
    if isinstance(value, list):
        return any(map(_integral_float_or_newline, value))
    return False


PRELABEL = {
    "sentence_id": "0123456789abcdef",
    "model_version": "heuristics-0123456789ab",
    "entities": [
        {"start": 0, "end": 5, "text": "Hello", "label": "PERSON", "score": 0.5, "heuristics": []}
    ],
    "claims": [
        {
            "claim": {"start": 0, "end": 5, "text": "Hello"},
            "source": None,
            "cue": {"start": 6, "end": 11, "text": "there"},
            "direct": False,
            "score": 1,
            "heuristics": ["a"],
        }
    ],
    "check_worthy": {"label": "no", "score": 0.5, "heuristics": []},
    "sentiment": {"label": "neutral", "score": 0.5, "heuristics": ["b"]},
    "conflicts": {"entities": 0, "claims": 0, "check_worthy": 0, "sentiment": 0},
}


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_the_record_checks_agree_with_the_schemas(data: st.DataObject) -> None:
    for name, base, fast in (
        ("sentences", SENTENCE, fits_sentence_schema),
        ("prelabels", PRELABEL, fits_prelabel_schema),
    ):
        value = data.draw(broken(base))
        ok, schema = fast(value), validator(name).is_valid(value)
        assert ok == schema or (schema and _integral_float_or_newline(value)), (name, value)
