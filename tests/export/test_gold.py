"""`builder export --annotations`: gold from pulled snapshots, by policy, with silver opt-in."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import orjson
import pytest
from datasets import load_dataset
from typer.testing import CliRunner

from builder.export.hub import push_to_hub
from tests.export.helpers import export_cli
from tests.quality.helpers import snapshot

runner = CliRunner()


def _sentences(built: Path) -> dict[str, dict[str, Any]]:
    rows = [orjson.loads(x) for x in (built / "sentences.jsonl").read_bytes().splitlines()]
    return {r["id"]: r for r in rows}


def _find(sentences: dict[str, dict[str, Any]], needle: str) -> dict[str, Any]:
    return next(s for s in sentences.values() if needle in s["text"])


def _record(sent: dict[str, Any], annotator: str, aid: int, **labels: Any) -> dict[str, Any]:
    return {
        "sentence_id": sent["id"],
        "doc_id": sent["doc_id"],
        "text": labels.pop("text", sent["text"]),
        "task_id": aid,
        "annotation_id": aid,
        "annotator": annotator,
        "created": f"2026-01-0{aid}T00:00:00Z",
        "updated": f"2026-01-0{aid}T00:00:00Z",
        "lead_time": 1.0,
        "was_cancelled": False,
        "ground_truth": False,
        "entities": labels.get("entities", []),
        "claims": labels.get("claims", []),
        "check_worthy": labels.get("check_worthy"),
        "sentiment": labels.get("sentiment"),
    }


def _span(text: str, word: str, label: str) -> dict[str, Any]:
    start = text.index(word)
    return {"start": start, "end": start + len(word), "label": label, "text": word}


def _snapshot(folder: Path, records: list[dict[str, Any]]) -> Path:
    return snapshot(folder, records, "news-dataset-builder")


@pytest.fixture(scope="module")
def annotated(built: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Two annotators on one sentence (same entities, other sentiment), one on another, and a
    third annotated with a text that has changed since."""
    sents = _sentences(built)
    bank = _find(sents, "central bank of Norland")
    governor = _find(sents, "Governor Ilse Brandt")
    wreck = _find(sents, "shipwreck")
    norland = _span(bank["text"], "Norland", "GPE")
    brandt = _span(governor["text"], "Ilse Brandt", "PERSON")
    quote_start = governor["text"].index("inflation")
    said = governor["text"].index("said")
    claim = {
        "claim": {"start": quote_start, "end": quote_start + 9},
        "source": {"start": brandt["start"], "end": brandt["end"]},
        "cue": {"start": said, "end": said + 4},
        "direct": False,
    }
    records = [
        _record(bank, "a@x.org", 1, entities=[norland], sentiment="neutral", check_worthy="yes"),
        _record(bank, "b@x.org", 2, entities=[norland], sentiment="positive", check_worthy="yes"),
        _record(governor, "a@x.org", 3, entities=[brandt], claims=[claim], sentiment=None),
        _record(wreck, "a@x.org", 4, text=wreck["text"] + " (edited)", sentiment="positive"),
    ]
    root = _snapshot(tmp_path_factory.mktemp("annotations"), records)
    return {"root": root, "bank": bank, "governor": governor, "wreck": wreck, "claim": claim}


_export = export_cli


def _manifest(out: Path, version: str = "0.1.0") -> dict[str, Any]:
    manifest: dict[str, Any] = json.loads((out / "news" / version / "manifest.json").read_text())
    return manifest


def _rows(path: Path, config: str) -> dict[str, dict[str, Any]]:
    ds = load_dataset(str(path), config)
    return {row["id"]: row for split in ds.values() for row in split}


def test_gold_only_exports_the_annotated_sentences(
    built: Path, annotated: dict[str, Any], tmp_path: Path
) -> None:
    result = _export(built, tmp_path, "--annotations", str(annotated["root"]))
    assert result.exit_code == 0, result.output
    path = tmp_path / "news" / "0.1.0"
    ner = _rows(path, "ner")
    bank, governor = annotated["bank"], annotated["governor"]
    assert set(ner) == {bank["id"], governor["id"]}  # the edited one is stale: no row
    features = load_dataset(str(path), "ner")["train"].features
    gov = ner[governor["id"]]
    assert features["source"].int2str(gov["source"]) == "gold"
    labels = features["entities"].feature["label"]
    spans = [(e["start"], e["end"], labels.int2str(e["label"])) for e in gov["entities"]]
    start = governor["text"].index("Ilse")
    assert spans == [(start, start + len("Ilse Brandt"), "PERSON")]
    tags = features["ner_tags"].feature
    assert [tags.int2str(t) for t in gov["ner_tags"] if t] == ["B-PERSON", "I-PERSON"]
    # latest: b's sentiment (the later one); nobody chose a sentiment for the governor: -1.
    sentiment = _rows(path, "sentiment")
    classes = load_dataset(str(path), "sentiment")["train"].features["label"]
    assert classes.int2str(sentiment[bank["id"]]["label"]) == "positive"
    assert sentiment[governor["id"]]["label"] == -1
    claims = _rows(path, "claims")[governor["id"]]["claims"]
    assert claims == [annotated["claim"]]

    manifest = _manifest(tmp_path)
    gold = manifest["gold"]
    assert manifest["params"]["policy"] == "latest"
    assert manifest["sources"] == {"gold": 2}
    assert (gold["exported"], gold["stale"], gold["stale_ids"]) == (
        2,
        1,
        [annotated["wreck"]["id"]],
    )
    assert (gold["annotators"], gold["sentences_with_several_annotators"]) == (2, 1)
    assert gold["unlabelled_classes"] == {"check_worthy": 1, "sentiment": 1}
    # Both annotators drew Norland: entity agreement 1.0; they chose different sentiments.
    assert gold["agreement"]["entities"] == {"exact": 1.0, "overlap": 1.0}
    assert gold["agreement"]["sentiment"]["percent_agreement"] == 0.0
    assert "annotations" in manifest["inputs"]
    card = (path / "README.md").read_text()
    assert "2 annotators" in card and "policy `latest`" in card
    # One sentence labelled twice: singular nouns, and a caution about so small a sample.
    assert "1 sentence labelled by several of them" in card
    assert "over the 1 sentence that several of them labelled" in card
    assert "Only 1 sentence: one disagreement more or less moves these figures a lot" in card
    assert "entity span F1, exact | 1.0" in card
    assert "entity span F1, exact: GPE | 1.0" in card
    assert "entity span F1, overlap | 1.0" in card
    assert "entity span F1, overlap: GPE | 1.0" in card
    assert "sentiment: observed agreement | 0.0" in card
    # They chose different classes: specific agreement 0 for both, '-' for the unchosen one.
    per_class = gold["agreement"]["sentiment"]["per_class"]
    assert sorted(v for v in per_class.values() if v is not None) == [0.0, 0.0]
    assert list(per_class).count(None) == 0 and None in per_class.values()
    assert "sentiment: specific agreement, neutral |" in card
    assert "x.org" not in card + json.dumps(manifest)  # no annotator e-mail is published


def test_strict_resolves_per_layer_a_sentiment_dispute_keeps_the_agreed_entities(
    built: Path, annotated: dict[str, Any], tmp_path: Path
) -> None:
    """The two annotators of the bank sentence drew the same entity and chose the same
    check-worthiness, but not the same sentiment: the sentence is gold in `ner` and `claims`
    and absent from `sentiment` only."""
    result = _export(built, tmp_path, "--annotations", str(annotated["root"]), "--policy", "strict")
    assert result.exit_code == 0, result.output
    path = tmp_path / "news" / "0.1.0"
    manifest = _manifest(tmp_path)
    gold = manifest["gold"]
    bank, governor = annotated["bank"]["id"], annotated["governor"]["id"]
    assert gold["ambiguous_ids"] == [bank]
    assert gold["disputed_layers"] == {"sentiment": 1}
    assert gold["disputed_rows_left_out"] == {"ner": 0, "claims": 0, "sentiment": 1}
    ner = _rows(path, "ner")
    assert set(ner) == {bank, governor}
    norland = annotated["bank"]["text"].index("Norland")
    assert [(e["start"], e["end"]) for e in ner[bank]["entities"]] == [(norland, norland + 7)]
    assert ner[bank]["source"] == 0  # gold
    assert set(_rows(path, "claims")) == {bank, governor}
    assert set(_rows(path, "sentiment")) == {governor}
    assert sum(manifest["rows"]["ner"].values()) == 2
    assert sum(manifest["rows"]["sentiment"].values()) == 1
    assert manifest["sources"] == {"gold": 2}
    assert "ambiguous under policy strict" in result.stderr
    card = (path / "README.md").read_text()
    assert "layer by layer" in card and "| sentiment | 1 |" in card
    # With silver the rest is filled, but never a config whose layer the annotators dispute.
    out = tmp_path / "silver"
    result = _export(
        built, out, "--annotations", str(annotated["root"]), "--policy", "strict", "--silver"
    )
    assert result.exit_code == 0, result.output
    ner = _rows(out / "news" / "0.1.0", "ner")
    assert ner[bank]["source"] == 0 and len(ner) == len(_sentences(built))
    sentiment = _rows(out / "news" / "0.1.0", "sentiment")
    assert bank not in sentiment and len(sentiment) == len(_sentences(built)) - 1


def test_silver_fills_the_rest_and_annotations_bump_the_minor_version(
    built: Path, annotated: dict[str, Any], tmp_path: Path
) -> None:
    assert _export(built, tmp_path, "--silver").exit_code == 0
    result = _export(built, tmp_path, "--silver", "--annotations", str(annotated["root"]))
    assert result.exit_code == 0, result.output
    manifest = _manifest(tmp_path, "0.2.0")
    total = len(_sentences(built))
    assert manifest["sources"] == {"gold": 2, "silver": total - 2}
    ner = _rows(tmp_path / "news" / "0.2.0", "ner")
    assert len(ner) == total
    # The stale sentence falls back to its pre-labels.
    assert ner[annotated["wreck"]["id"]]["source"] == 1  # silver


def test_a_skipped_sentence_is_neither_gold_nor_silver_unless_asked(
    built: Path, tmp_path: Path
) -> None:
    sents = _sentences(built)
    wreck, bank = _find(sents, "shipwreck"), _find(sents, "central bank of Norland")
    skip = {**_record(wreck, "a@x.org", 1), "was_cancelled": True}
    records = [skip, _record(bank, "a@x.org", 2, sentiment="neutral")]
    root = _snapshot(tmp_path / "annotations", records)
    result = _export(built, tmp_path / "out", "--annotations", str(root), "--silver")
    assert result.exit_code == 0, result.output
    path = tmp_path / "out" / "news" / "0.1.0"
    manifest = json.loads((path / "manifest.json").read_text())
    gold = manifest["gold"]
    assert (gold["skipped"], gold["skipped_ids"]) == (1, [wreck["id"]])
    assert "Skip" in gold["skipped_why"]
    assert manifest["sources"] == {"gold": 1, "silver": len(sents) - 2}
    for config in ("ner", "claims", "sentiment"):
        assert wreck["id"] not in _rows(path, config)
    assert "1 sentence skipped by every annotator" in (path / "README.md").read_text()
    assert "skipped by every annotator" in result.stderr
    again = _export(
        built, tmp_path / "asked", "--annotations", str(root), "--silver", "--silver-skipped"
    )
    assert again.exit_code == 0, again.output
    ner = _rows(tmp_path / "asked" / "news" / "0.1.0", "ner")
    assert ner[wreck["id"]]["source"] == 1  # silver, as asked


def test_the_same_annotations_again_are_no_new_version(
    built: Path, annotated: dict[str, Any], tmp_path: Path
) -> None:
    assert _export(built, tmp_path, "--annotations", str(annotated["root"])).exit_code == 0
    again = _export(built, tmp_path, "--annotations", str(annotated["root"]))
    assert again.exit_code == 1 and "E505" in again.stderr


def test_an_export_without_rows_is_refused(
    built: Path, annotated: dict[str, Any], tmp_path: Path
) -> None:
    # The only annotated sentence changed text since: no gold row, and no --silver.
    wreck = annotated["wreck"]
    edited = _record(wreck, "a@x.org", 1, text=wreck["text"] + "!", sentiment="positive")
    root = _snapshot(tmp_path / "a", [edited])
    result = _export(built, tmp_path / "out", "--annotations", str(root))
    assert result.exit_code == 1 and "E504" in result.stderr and "1 changed text" in result.stderr
    assert not (tmp_path / "out" / "news").exists()


def test_bad_gold_is_refused_before_anything_is_written(
    built: Path, annotated: dict[str, Any], tmp_path: Path
) -> None:
    bank = annotated["bank"]
    inside = _span(bank["text"], "orland", "GPE")  # inside a token: cannot become BIO tags
    root = _snapshot(tmp_path / "a1", [_record(bank, "a@x.org", 1, entities=[inside])])
    result = _export(built, tmp_path / "out", "--annotations", str(root))
    assert result.exit_code == 1
    assert "E502" in result.stderr and bank["id"] in result.stderr
    assert not (tmp_path / "out" / "news").exists()

    unknown = _record(bank, "a@x.org", 1, sentiment="furious")
    root = _snapshot(tmp_path / "a2", [unknown])
    result = _export(built, tmp_path / "out", "--annotations", str(root))
    assert result.exit_code == 1
    assert "E801" in result.stderr and bank["id"] in result.stderr and "furious" in result.stderr
    assert str(root) in result.stderr  # names the annotations folder

    result = _export(built, tmp_path / "out", "--annotations", str(tmp_path / "missing"))
    assert result.exit_code == 1 and "E801" in result.stderr

    result = _export(built, tmp_path / "out", "--annotations", str(root), "--policy", "vote")
    # refused while parsing, before any work, naming the choices
    assert result.exit_code == 2 and "'vote' is not one of" in result.stderr
    assert "ground_truth" in result.stderr


def test_a_group_pattern_keeps_a_group_in_one_split(built: Path, tmp_path: Path) -> None:
    # Every sample id of the form brief-NNN joins one group "brief"; others stay alone.
    result = _export(built, tmp_path, "--silver", "--group-pattern", r"^(brief)-")
    assert result.exit_code == 0, result.output
    rows = load_dataset(str(tmp_path / "news" / "0.1.0"), "sentiment")
    splits = {
        name for name, split in rows.items() for r in split if r["doc_id"].startswith("brief-")
    }
    assert len(splits) == 1
    assert _manifest(tmp_path)["params"]["splits"]["group_pattern"] == "^(brief)-"
    result = _export(built, tmp_path / "bad", "--silver", "--group-pattern", "(")
    assert result.exit_code == 2 and "group pattern" in result.output


class _Recorder:
    """Stands in for huggingface_hub.HfApi (no network here): records the calls."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, dict[str, Any]]] = []

    def create_repo(self, repo_id: str, **kwargs: Any) -> None:
        self.calls.append(("create_repo", {"repo_id": repo_id, **kwargs}))

    def create_branch(self, repo_id: str, **kwargs: Any) -> None:
        self.calls.append(("create_branch", {"repo_id": repo_id, **kwargs}))

    def upload_folder(self, **kwargs: Any) -> None:
        self.calls.append(("upload_folder", kwargs))


def test_push_to_hub_uploads_the_version_folder_on_its_own_branch(
    built: Path, tmp_path: Path
) -> None:
    assert _export(built, tmp_path, "--silver").exit_code == 0
    version = tmp_path / "news" / "0.1.0"
    api = _Recorder()
    assert push_to_hub(version, "me/news", api=api) == "0.1.0"
    assert [name for name, _ in api.calls] == ["create_repo", "create_branch", "upload_folder"]
    assert api.calls[1][1]["branch"] == "0.1.0"
    upload = api.calls[2][1]
    assert (upload["folder_path"], upload["revision"]) == (version, "0.1.0")
    assert upload["repo_type"] == "dataset"


def test_a_sentence_whose_every_config_holds_a_disputed_layer_has_no_gold(
    tmp_path: Path,
) -> None:
    """Check-worthiness agreed, claims not (they share the `claims` config), entities and
    sentiment not either: nothing of the sentence can be exported, so it is not counted as
    gold that went missing."""
    from builder.export.gold import load_gold

    sent = {"id": "s1", "doc_id": "d", "text": "Police said two people died in Paris."}
    claim = {"claim": {"start": 12, "end": 36}, "source": None, "cue": None, "direct": None}
    paris = _span(sent["text"], "Paris", "GPE")
    a = _record(sent, "a", 1, check_worthy="yes", sentiment="neutral", entities=[paris])
    b = _record(sent, "b", 2, check_worthy="yes", sentiment="negative", claims=[claim])
    root = _snapshot(tmp_path, [a, b])
    gold = load_gold(root, "strict")
    assert gold.labels == {} and gold.disputed["s1"] == {"entities", "claims", "sentiment"}
    # With the claims agreed too, the `claims` config gets its row and the rest stays out.
    b["claims"] = []
    gold = load_gold(_snapshot(tmp_path / "again", [a, b]), "strict")
    assert gold.configs_of("s1") == (False, True, False)
    assert gold.labels["s1"]["check_worthy"] == {"label": "yes"}
