"""`builder diff` against a golden file, on hand-made inputs independent of the heuristics.

Refresh the golden file after a deliberate change: UPDATE_GOLDEN=1 pytest tests/export/test_diff.py
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from builder.cli import app
from builder.segment import sentence_id

runner = CliRunner()
GOLDEN = Path(__file__).parent / "golden" / "diff.json"


def _write(folder: Path, docs: dict[str, list[tuple[str, str]]]) -> None:
    """docs: doc id -> [(sentence text, sentiment)]; one PERSON entity on the first word."""
    sents, labels = [], []
    for doc, rows in docs.items():
        offset = 0
        for index, (text, sentiment) in enumerate(rows):
            sid = sentence_id(doc, text, 0)
            sents.append(
                {
                    "id": sid,
                    "doc_id": doc,
                    "index": index,
                    "start": offset,
                    "end": offset + len(text),
                    "text": text,
                }
            )
            first = text.split()[0]
            labels.append(
                {
                    "sentence_id": sid,
                    "model_version": "heuristics-000000000000",
                    "entities": [
                        {
                            "start": 0,
                            "end": len(first),
                            "text": first,
                            "label": "PERSON",
                            "score": 0.9,
                            "heuristics": ["x"],
                        }
                    ],
                    "claims": [],
                    "check_worthy": {"label": "no", "score": 0.5, "heuristics": []},
                    "sentiment": {"label": sentiment, "score": 0.8, "heuristics": ["x"]},
                }
            )
            offset += len(text) + 1
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "sentences.jsonl").write_text("".join(json.dumps(s) + "\n" for s in sents))
    (folder / "prelabels.jsonl").write_text("".join(json.dumps(x) + "\n" for x in labels))


def _export(folder: Path, out: Path) -> None:
    result = runner.invoke(
        app,
        [
            "export",
            "--sentences",
            str(folder / "sentences.jsonl"),
            "--prelabels",
            str(folder / "prelabels.jsonl"),
            "--name",
            "news",
            "-o",
            str(out),
            "--silver",
        ],
    )
    assert result.exit_code == 0, result.output


def test_diff_matches_the_golden_file(tmp_path: Path) -> None:
    docs: dict[str, list[tuple[str, str]]] = {
        f"doc{i:02d}": [
            (f"Anna{i} opened bridge number {i} today.", "positive"),
            (f"Ben{i} said traffic was light on road {i}.", "neutral"),
        ]
        for i in range(30)
    }
    _write(tmp_path / "v1", docs)
    _export(tmp_path / "v1", tmp_path / "out")
    docs.pop("doc03")
    docs["doc07"][1] = (docs["doc07"][1][0], "negative")
    docs["doc99"] = [("Cara99 closed the old ferry terminal.", "negative")]
    _write(tmp_path / "v2", docs)
    _export(tmp_path / "v2", tmp_path / "out")
    result = runner.invoke(
        app, ["diff", str(tmp_path / "out" / "news"), "0.1.0", "0.1.1", "--json"]
    )
    assert result.exit_code == 0, result.output
    got: dict[str, Any] = json.loads(result.stdout)
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.write_text(json.dumps(got, indent=2, sort_keys=True) + "\n")
    assert got == json.loads(GOLDEN.read_text())
    table = runner.invoke(app, ["diff", str(tmp_path / "out" / "news"), "0.1.0", "0.1.1"])
    assert table.exit_code == 0
    assert "test set:" in table.stdout


def test_diff_of_a_missing_version_names_it(tmp_path: Path) -> None:
    (tmp_path / "news").mkdir()
    result = runner.invoke(app, ["diff", str(tmp_path / "news"), "0.1.0", "0.2.0"])
    assert result.exit_code == 1
    assert "E506" in result.stderr
