"""Templated text, near duplicates everywhere: the manifest and the card stay small (issue 16,
defect 3: 20,000 such sentences gave a 29.5 MB manifest of 102,000 leak entries)."""

from __future__ import annotations

from pathlib import Path

import orjson
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from builder.cli import app
from builder.export.splits import normalise
from tests.export.helpers import near_duplicate_inputs

pytestmark = pytest.mark.adversarial


def test_near_duplicate_text_gives_a_small_manifest_and_a_bounded_card(tmp_path: Path) -> None:
    sentences, prelabels = near_duplicate_inputs(tmp_path, 20_000)
    out = tmp_path / "out"
    args = ["export", "--sentences", str(sentences), "--prelabels", str(prelabels), "--silver"]
    result = CliRunner().invoke(app, [*args, "--name", "news", "-o", str(out)])
    assert result.exit_code == 0, result.output
    version = out / "news" / "0.1.0"
    manifest_bytes = (version / "manifest.json").read_bytes()
    assert len(manifest_bytes) < 1 << 20, f"manifest of {len(manifest_bytes):,} bytes"
    moves = orjson.loads(manifest_bytes)["leaks"]
    groups = [m["group"] for m in moves]
    assert len(moves) > 100, "templated text across 2,000 documents: many must move"
    assert len(set(groups)) == len(groups) <= 2_000, "one entry per moved document"
    assert all(m["links"] >= 1 and m["example"]["groups"][0] == m["group"] for m in moves)
    card = (version / "README.md").read_text(encoding="utf-8")
    assert len(card) < 20_000
    assert sum(line.startswith("| `d") for line in card.splitlines()) == 10
    assert f"... and {len(moves) - 10} more in `manifest.json`" in card
    # And the splits are still leak-free: no document, and no normalised text, in two splits.
    split_of: dict[str, str] = {}
    texts: dict[str, set[str]] = {}
    for split in ("train", "validation", "test"):
        path = version / "sentiment" / f"{split}.parquet"
        if not path.exists():
            continue
        table = pq.read_table(path, columns=["doc_id", "text"]).to_pydict()
        for doc, text in zip(table["doc_id"], table["text"], strict=True):
            assert split_of.setdefault(doc, split) == split, f"{doc} straddles splits"
            texts.setdefault(normalise(text), set()).add(split)
    assert all(len(s) == 1 for s in texts.values())
    assert len(split_of) == 2_000
