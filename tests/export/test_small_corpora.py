"""Splits on small corpora, through the command line: the README's quickstart corpus has every
split, two documents warn about the split they cannot fill, and `builder diff` names the groups
the fill-up rule placed when more documents move them."""

from __future__ import annotations

import json
from pathlib import Path

from datasets import load_dataset
from typer.testing import CliRunner

from builder.cli import app
from builder.export.splits import SPLITS, SplitParams, hash_split
from tests.export.test_diff import _write

runner = CliRunner()


def _groups(want: str, n: int, prefix: str = "doc") -> list[str]:
    """``n`` document ids whose hash puts them in ``want``."""
    found = (f"{prefix}{i:03d}" for i in range(10_000))
    return [d for d in found if hash_split(d, SplitParams()) == want][:n]


def _docs(ids: list[str]) -> dict[str, list[tuple[str, str]]]:
    return {d: [(f"Anna{d} opened bridge {d} on the river today.", "positive")] for d in ids}


def _export(folder: Path, out: Path) -> tuple[int, str]:
    args = ["export", "--sentences", str(folder / "sentences.jsonl"), "--silver"]
    args += ["--prelabels", str(folder / "prelabels.jsonl"), "--name", "news", "-o", str(out)]
    result = runner.invoke(app, args)
    return result.exit_code, result.stderr


def test_the_quickstart_corpus_has_every_split(built: Path) -> None:
    # The README's quickstart: seven documents, of which no one hashes to test.
    path = built / "datasets" / "news" / "0.1.0"
    manifest = json.loads((path / "manifest.json").read_text())
    for config in ("ner", "claims", "sentiment"):
        ds = load_dataset(str(path), config)
        assert sorted(ds) == sorted(SPLITS), config
        assert all(len(ds[s]) for s in SPLITS), {s: len(ds[s]) for s in SPLITS}
    assert manifest["empty_splits"] == []
    assert [f["moved_to"] for f in manifest["fill_ups"]] == ["test"]
    card = (path / "README.md").read_text()
    assert "the fill-up rule placed 1 document" in card


def test_fewer_documents_than_splits_warn_naming_the_empty_split(tmp_path: Path) -> None:
    (train,), (test,) = _groups("train", 1), _groups("test", 1)
    _write(tmp_path / "in", _docs([train, test]))
    code, err = _export(tmp_path / "in", tmp_path / "out")
    assert code == 0, err
    assert "split validation left empty" in err and "--validation 0" in err
    manifest = json.loads((tmp_path / "out/news/0.1.0/manifest.json").read_text())
    assert (manifest["empty_splits"], manifest["fill_ups"]) == (["validation"], [])
    card = (tmp_path / "out/news/0.1.0/README.md").read_text()
    assert "validation is empty in this version" in card


def test_diff_says_which_fill_up_groups_moved(tmp_path: Path) -> None:
    first = _groups("train", 4)
    _write(tmp_path / "v1", _docs(first))
    assert _export(tmp_path / "v1", tmp_path / "out")[0] == 0
    v1 = json.loads((tmp_path / "out/news/0.1.0/manifest.json").read_text())
    filled = {f["group"]: f for f in v1["fill_ups"]}
    assert sorted(f["moved_to"] for f in filled.values()) == ["test", "validation"]
    # Documents that hash to validation and test: no split needs the fill-up any more.
    added = _groups("validation", 1, prefix="new") + _groups("test", 1, prefix="new")
    _write(tmp_path / "v2", _docs(first + added))
    assert _export(tmp_path / "v2", tmp_path / "out")[0] == 0
    news = str(tmp_path / "out" / "news")
    got = json.loads(runner.invoke(app, ["diff", news, "0.1.0", "0.1.1", "--json"]).stdout)
    assert got["fill_ups"]["to"] == []
    back = sorted(
        ({"group": g, "from": f["moved_to"], "to": "train"} for g, f in filled.items()),
        key=lambda m: m["group"],
    )
    assert sorted(got["fill_ups"]["moved"], key=lambda m: m["group"]) == back
    (was_test,) = [g for g, f in filled.items() if f["moved_to"] == "test"]
    assert got["test_drift"]["removed"] == [was_test]
    text = runner.invoke(app, ["diff", news, "0.1.0", "0.1.1"]).stdout
    assert f"group {was_test} moved test -> train: the fill-up rule had placed it" in text
