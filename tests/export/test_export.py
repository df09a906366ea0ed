"""`builder export` end to end: load_dataset round trip, determinism, immutability, errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from datasets import load_dataset
from typer.testing import CliRunner

from builder.cli import app
from builder.export.features import CONFIGS, features_for
from builder.labels import labels
from tests.export.helpers import export_cli

runner = CliRunner()


def _export(built: Path, out: Path, *extra: str) -> tuple[int, str]:
    result = export_cli(built, out, *extra)
    return result.exit_code, result.stderr


def test_load_dataset_returns_exactly_the_declared_features_and_rows(built: Path) -> None:
    path = built / "datasets" / "news" / "0.1.0"
    manifest = json.loads((path / "manifest.json").read_text())
    sentences = {
        json.loads(x)["id"]: json.loads(x)
        for x in (built / "sentences.jsonl").read_text().splitlines()
    }
    for config in CONFIGS:
        ds = load_dataset(str(path), config)
        assert {s: ds[s].num_rows for s in ds} == {
            s: n for s, n in manifest["rows"][config].items() if n
        }
        for split in ds:
            assert ds[split].features == features_for(config, labels())
            for row in ds[split]:
                sent = sentences[row["id"]]
                assert row["text"] == sent["text"]
                assert row["doc_id"] == sent["doc_id"]
    ner = load_dataset(str(path), "ner")["train"]
    tags = ner.features["ner_tags"].feature
    for row in ner:
        assert len(row["tokens"]) == len(row["ner_tags"])
        names = tags.int2str(row["ner_tags"])
        assert sum(n.startswith("B-") for n in names) == len(row["entities"])
        for ent in row["entities"]:
            assert (
                row["text"][ent["start"] : ent["end"]].strip()
                == row["text"][ent["start"] : ent["end"]]
            )


def test_documents_never_straddle_splits(built: Path) -> None:
    path = built / "datasets" / "news" / "0.1.0"
    seen: dict[str, str] = {}
    ds = load_dataset(str(path), "sentiment")
    for split in ds:
        for row in ds[split]:
            assert seen.setdefault(row["doc_id"], split) == split


@pytest.mark.parametrize("workers", ["1", "2"])
def test_rebuild_is_byte_identical_whatever_the_workers(
    built: Path, tmp_path: Path, workers: str
) -> None:
    # `builder build` exported the samples in this process; again here with 1 process, or
    # with 2 worker processes (chunks, results in order, a writer thread).
    code, err = _export(built, tmp_path, "--silver", "--workers", workers)
    assert code == 0, err
    first = built / "datasets" / "news" / "0.1.0"
    again = tmp_path / "news" / "0.1.0"
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(again) for p in again.rglob("*") if p.is_file())
    for rel in files:
        assert (again / rel).read_bytes() == (first / rel).read_bytes(), rel


def test_versions_are_immutable_and_gold_is_the_default(built: Path, tmp_path: Path) -> None:
    code, err = _export(built, tmp_path)
    assert code == 1
    assert "E504" in err
    assert not (tmp_path / "news").exists()
    assert _export(built, tmp_path, "--silver")[0] == 0
    code, err = _export(built, tmp_path, "--silver", "--version", "0.1.0")
    assert code == 1
    assert "E501" in err
    code, err = _export(built, tmp_path, "--silver")
    assert code == 1
    assert "E505" in err, "same inputs and params: no new version"
    assert _export(built, tmp_path, "--silver", "--salt", "v2")[0] == 0
    assert (tmp_path / "news" / "0.1.1" / "manifest.json").is_file(), "params only: a patch"
    listed = runner.invoke(app, ["versions", str(tmp_path / "news"), "--json"])
    assert [v["version"] for v in json.loads(listed.stdout)] == ["0.1.0", "0.1.1"]


def test_label_schema_change_is_a_major_version(tmp_path: Path) -> None:
    from builder.version.semver import next_version

    dataset = tmp_path / "news" / "1.4.2"
    dataset.mkdir(parents=True)
    splits = {"train": 0, "validation": 0, "test": 0}
    old = {
        "version": "1.4.2",
        "label_schema_sha256": "a",
        "inputs": {"sentences": "s", "prelabels": "p", "annotations": "g"},
        "params": {"salt": "v1"},
        "heuristics_versions": ["h"],
        # What listing and diffing read (schemas/manifest.schema.json): no bump reads them.
        "rows": dict.fromkeys(("ner", "claims", "sentiment"), splits),
        "sources": {},
        "label_counts": {c: {s: {} for s in splits} for c in ("ner", "claims", "sentiment")},
        "test_ledger": {"group_ids": []},
    }
    (dataset / "manifest.json").write_text(json.dumps(old))
    same = {"schema": "a", "gold": "g", "rest": ["s", "p", {"salt": "v1"}, ["h"], None]}
    assert next_version(tmp_path / "news", {**same, "schema": "b"}) == "2.0.0"
    assert next_version(tmp_path / "news", {**same, "gold": "x"}) == "1.5.0"
    assert next_version(tmp_path / "news", {**same, "rest": ["s", "p", {}, ["h"], None]}) == "1.4.3"


def test_mismatched_inputs_are_refused(built: Path, tmp_path: Path) -> None:
    pre = tmp_path / "prelabels.jsonl"
    lines = (built / "prelabels.jsonl").read_text().splitlines()
    pre.write_text("\n".join(lines[1:]) + "\n")
    result = runner.invoke(
        app,
        [
            "export",
            "--sentences",
            str(built / "sentences.jsonl"),
            "--prelabels",
            str(pre),
            "--name",
            "x",
            "-o",
            str(tmp_path / "o"),
            "--silver",
        ],
    )
    assert result.exit_code == 1
    assert "E503" in result.stderr
    leftovers = list((tmp_path / "o").rglob("*")) if (tmp_path / "o").exists() else []
    assert not [p for p in leftovers if p.is_file()], "no half-written version folder"


def test_card_is_generated_and_says_so(built: Path) -> None:
    card = (built / "datasets" / "news" / "0.1.0" / "README.md").read_text()
    assert card.startswith("---\n# Generated by `builder export`")
    for section in (
        "## Label definitions",
        "## Label distributions",
        "## Splits",
        "## Known limitations",
    ):
        assert section in card
    assert "PERSON" in card


def test_card_wording(built: Path) -> None:
    card = (built / "datasets" / "news" / "0.1.0" / "README.md").read_text()
    manifest = json.loads((built / "datasets" / "news" / "0.1.0" / "manifest.json").read_text())
    (version,) = manifest["heuristics_versions"]
    assert "heuristics heuristics-" not in card
    assert f"(silver; model version {version})" in card
    # The claims config counts check-worthiness classes: its table says so.
    assert "| claims: check_worthy | train | validation | test |" in card
    assert "claims label" not in card
    assert manifest["test_ledger"]["groups"] == 1
    assert "The test set holds 1 document (" in card


def test_a_span_given_twice_is_one_span_in_tags_and_entities(built: Path, tmp_path: Path) -> None:
    """Tags and character spans always hold the same entities, even from a repeated span."""
    records = [json.loads(x) for x in (built / "prelabels.jsonl").read_text().splitlines()]
    target = next(r for r in records if r["entities"])
    target["entities"] = [target["entities"][0]] * 2
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "sentences.jsonl").write_bytes((built / "sentences.jsonl").read_bytes())
    (inputs / "prelabels.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records))
    code, err = _export(inputs, tmp_path / "out", "--silver")
    assert code == 0, err
    ner = load_dataset(str(tmp_path / "out" / "news" / "0.1.0"), "ner")
    (row,) = [r for s in ner for r in ner[s] if r["id"] == target["sentence_id"]]
    names = ner["train"].features["ner_tags"].feature.int2str(row["ner_tags"])
    assert sum(n.startswith("B-") for n in names) == len(row["entities"]) == 1


def test_an_unknown_label_names_the_sentence(built: Path, tmp_path: Path) -> None:
    records = [json.loads(x) for x in (built / "prelabels.jsonl").read_text().splitlines()]
    records[3]["sentiment"] = {**records[3]["sentiment"], "label": "furious"}
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "sentences.jsonl").write_bytes((built / "sentences.jsonl").read_bytes())
    (inputs / "prelabels.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records))
    code, err = _export(inputs, tmp_path / "out", "--silver")
    assert code == 1
    assert "E503" in err and records[3]["sentence_id"] in err and "furious" in err
    assert not (tmp_path / "out" / "news" / "0.1.0").exists(), "nothing half-written"


def test_the_manifest_does_not_depend_on_the_working_directory(
    built: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    made: list[bytes] = []
    for where in (tmp_path, Path(__file__).parent):
        monkeypatch.chdir(where)
        out = tmp_path / f"out-{len(made)}"
        code, err = _export(built, out, "--silver")
        assert code == 0, err
        made.append((out / "news" / "0.1.0" / "manifest.json").read_bytes())
    assert made[0] == made[1]


def test_building_again_from_the_same_inputs_is_not_an_error(tmp_path: Path) -> None:
    from tests.conftest import SAMPLES

    for _ in range(2):
        result = runner.invoke(app, ["build", str(SAMPLES), "-o", str(tmp_path)])
        assert result.exit_code == 0, result.output
    assert "unchanged" in result.output
    assert [p.name for p in (tmp_path / "datasets" / "news").iterdir()] == ["0.1.0"]


def test_the_card_lists_the_leaks_it_moved(built: Path, tmp_path: Path) -> None:
    """Wire copy: one sentence repeated in 30 other documents. Its copies must end up in one
    split, and the card shows the moved documents (the manifest lists them all, once each)."""
    sentences = [json.loads(x) for x in (built / "sentences.jsonl").read_text().splitlines()]
    prelabels = [json.loads(x) for x in (built / "prelabels.jsonl").read_text().splitlines()]
    pick = next(i for i, s in enumerate(sentences) if len(s["text"].split()) >= 8)
    for k in range(30):
        sid = f"{k + 1:016x}"
        sentences.append({**sentences[pick], "id": sid, "doc_id": f"wire-{k}", "index": 0})
        prelabels.append({**prelabels[pick], "sentence_id": sid})
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "sentences.jsonl").write_text("".join(json.dumps(s) + "\n" for s in sentences))
    (inputs / "prelabels.jsonl").write_text("".join(json.dumps(r) + "\n" for r in prelabels))
    code, err = _export(inputs, tmp_path / "out", "--silver")
    assert code == 0, err
    dataset = tmp_path / "out" / "news" / "0.1.0"
    manifest = json.loads((dataset / "manifest.json").read_text())
    moved = manifest["leaks"]
    assert moved, "30 copies over 3 splits: some were moved"
    wire = {f"wire-{k}" for k in range(30)} | {sentences[pick]["doc_id"]}
    assert {m["group"] for m in moved} <= wire and len({m["group"] for m in moved}) == len(moved)
    assert all(m["example"]["kind"] == "exact" and m["links"] == 1 for m in moved)
    card = (dataset / "README.md").read_text()
    assert "| moved | was in | moved to | duplicate links | for example |" in card
    shown = [line for line in card.splitlines() if line.startswith("| `")]
    assert len(shown) == min(len(moved), 10)
    assert f"{len(moved)} documents moved" in card
    ner = load_dataset(str(dataset), "ner")
    split_of = {row["id"]: split for split in ner for row in ner[split]}
    copies = {split_of[s["id"]] for s in sentences if s["text"] == sentences[pick]["text"]}
    assert len(copies) == 1
