"""`builder eval` from files, and its report in the dataset card."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import orjson
from typer.testing import CliRunner

from builder.cli import app
from tests.export.helpers import export_cli
from tests.quality.helpers import record, snapshot

runner = CliRunner()


def _accepting(built: Path, n: int) -> list[dict[str, Any]]:
    """An annotator who kept the first ``n`` sentences' pre-labels exactly as shown."""
    sentences = [orjson.loads(x) for x in (built / "sentences.jsonl").read_bytes().splitlines()]
    shown = [orjson.loads(x) for x in (built / "prelabels.jsonl").read_bytes().splitlines()]
    return [
        record(
            "a@example.com",
            [(e["start"], e["end"], e["label"]) for e in pre["entities"]],
            sid=sent["id"],
            text=sent["text"],
            # As pulled: the claim parts without the heuristics' scores.
            claims=[{k: c[k] for k in ("claim", "source", "cue", "direct")} for c in pre["claims"]],
            check_worthy=pre["check_worthy"]["label"],
            sentiment=pre["sentiment"]["label"],
        )
        for sent, pre in zip(sentences[:n], shown[:n], strict=True)
    ]


def _correcting(built: Path, n: int) -> tuple[list[dict[str, Any]], dict[str, int]]:
    """An annotator who corrected the first ``n`` sentences: deleted every CARDINAL, relabelled
    every ORG as GPE and read every positive sentence as negative; and the counts of each."""
    accepted = _accepting(built, n)
    counts = {"predicted": 0, "deleted": 0, "relabelled": 0, "flipped": 0, "negative": 0}
    for rec in accepted:
        counts["predicted"] += len(rec["entities"])
        kept = [e for e in rec["entities"] if e["label"] != "CARDINAL"]
        counts["deleted"] += len(rec["entities"]) - len(kept)
        counts["relabelled"] += sum(e["label"] == "ORG" for e in kept)
        rec["entities"] = [{**e, "label": "GPE"} if e["label"] == "ORG" else e for e in kept]
        counts["flipped"] += rec["sentiment"] == "positive"
        counts["negative"] += rec["sentiment"] == "negative"
        if rec["sentiment"] == "positive":
            rec["sentiment"] = "negative"
    return accepted, counts


def _eval(built: Path, annotations: Path, out: Path) -> Any:
    return runner.invoke(
        app,
        [
            "eval",
            str(built / "sentences.jsonl"),
            "--prelabels",
            str(built / "prelabels.jsonl"),
            "--annotations",
            str(annotations),
            "-o",
            str(out),
        ],
    )


def test_an_annotator_who_accepts_everything_gives_perfect_scores(
    built: Path, tmp_path: Path
) -> None:
    snapshot(tmp_path / "annotations", _accepting(built, 20))
    out = tmp_path / "eval.json"
    result = _eval(built, tmp_path / "annotations", out)
    assert result.exit_code == 0, result.output
    first = out.read_bytes()
    report = json.loads(first)
    summary = report["summary"]
    assert summary["sentences"] == 20
    aggregated = [r for r in summary["rows"] if r["name"] == "aggregated"]
    assert aggregated and all(r["f1"] == 1.0 for r in aggregated if r["support"])
    assert summary["entity_edits"]["accepted"] == 1.0 and summary["entity_edits"]["added"] == 0
    assert report["agreement"]["sentences"] == 0  # one annotator: nothing to compare
    # Deterministic: the same inputs, the same bytes (DVC sees no change).
    assert _eval(built, tmp_path / "annotations", out).exit_code == 0
    assert out.read_bytes() == first

    # The card shows it; a file that is not a report is refused.
    exported = export_cli(built, tmp_path / "ds", "--silver", "--quality", str(out))
    assert exported.exit_code == 0, exported.output
    card = (tmp_path / "ds" / "news" / "0.1.0" / "README.md").read_text()
    assert "## Heuristic quality" in card and "20 sentences" in card
    partial = '{"summary": {"rows": [{"layer": "x"}], "sentences": 3, "model_version": "h"}}'
    for i, text in enumerate(['{"rows": []}', '{"summary": {"rows": []}}', partial]):
        bad = tmp_path / f"bad{i}.json"
        bad.write_text(text)
        refused = export_cli(built, tmp_path / "ds2", "--silver", "--quality", str(bad))
        assert refused.exit_code == 1 and "E508" in refused.stderr and str(bad) in refused.stderr
        assert not (tmp_path / "ds2" / "news").exists()

    # A folder that does not exist: the annotations error, naming it.
    missing = _eval(built, tmp_path / "nowhere", tmp_path / "e2.json")
    assert missing.exit_code == 1 and "E801" in missing.stderr and "nowhere" in missing.stderr


def test_corrections_give_the_scores_they_imply(built: Path, tmp_path: Path) -> None:
    """Gold that differs from the pre-labels in known ways: each score follows from the counts."""
    records, n = _correcting(built, 20)
    assert n["deleted"] and n["relabelled"] and n["flipped"] and n["negative"], n
    snapshot(tmp_path / "annotations", records)
    out = tmp_path / "eval.json"
    result = _eval(built, tmp_path / "annotations", out)
    assert result.exit_code == 0, result.output
    summary = json.loads(out.read_bytes())["summary"]
    rows = {(r["layer"], r["label"]): r for r in summary["rows"] if r["name"] == "aggregated"}
    right = n["predicted"] - n["deleted"] - n["relabelled"]
    gold = n["predicted"] - n["deleted"]
    micro = rows["entities", "micro"]
    assert micro["support"] == gold
    assert micro["precision"] == round(right / n["predicted"], 4)
    assert micro["recall"] == round(right / gold, 4)
    gpe = rows["entities", "GPE"]
    assert gpe["recall"] == round((gpe["support"] - n["relabelled"]) / gpe["support"], 4)
    edits = summary["entity_edits"]
    assert edits["deleted"] == round(n["deleted"] / n["predicted"], 4)
    assert edits["relabelled"] == round(n["relabelled"] / n["predicted"], 4)
    assert edits["accepted"] == round(right / n["predicted"], 4) and edits["added"] == 0
    negative = rows["sentiment", "negative"]
    assert negative["support"] == n["negative"] + n["flipped"]
    assert negative["precision"] == 1.0
    assert negative["recall"] == round(n["negative"] / (n["negative"] + n["flipped"]), 4)
    assert summary["macro_f1"]["sentiment"] < 1.0 == summary["macro_f1"]["check_worthy"]


def test_the_summary_rates_add_up_to_one_with_changed_spans(built: Path, tmp_path: Path) -> None:
    """An annotator who cut multi-word names to their first word under another label: those
    pre-labels are "changed", which the summary (and its line on stderr) must count."""
    records = _accepting(built, 30)
    changed = 0
    for rec in records:
        for e in rec["entities"]:
            first = rec["text"][e["start"] : e["end"]].split(" ")[0]
            if len(first) < e["end"] - e["start"]:
                e["end"] = e["start"] + len(first)
                e["text"] = first
                e["label"] = "ORG" if e["label"] == "PERSON" else "PERSON"
                changed += 1
    assert changed
    snapshot(tmp_path / "annotations", records)
    out = tmp_path / "eval.json"
    result = _eval(built, tmp_path / "annotations", out)
    assert result.exit_code == 0, result.output
    edits = json.loads(out.read_bytes())["summary"]["entity_edits"]
    assert edits["changed"] > 0
    rates = [edits[k] for k in ("accepted", "relabelled", "boundary_edited", "changed", "deleted")]
    assert abs(sum(rates) - 1) < 1e-3, edits
    assert f"changed {edits['changed']}" in result.stderr
