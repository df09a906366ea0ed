"""Ingesting in worker processes: the same documents and the same problems, in the same order,
as one process (duplicates are still found in input order)."""

from __future__ import annotations

import json
from pathlib import Path

from builder.errors import InputError
from builder.ingest import ingest
from builder.model import Document


def _corpus(folder: Path) -> Path:
    folder.mkdir()
    rows = []
    for i in range(192):
        text = f"Story {i % 50}. The council met on day {i % 50} and agreed nothing."
        rows.append({"id": f"s{i % 128}", "text": text if i % 7 else "   "})
    (folder / "a.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    (folder / "b.txt").write_text("A plain story.\n\nIt has two paragraphs.\n")
    (folder / "c.txt").write_bytes(b"\xff\xfe" + "wide".encode("utf-16-le"))
    return folder


def _results(folder: Path, workers: int) -> list[tuple[str, ...]]:
    out: list[tuple[str, ...]] = []
    for item in ingest([folder], workers=workers):
        if isinstance(item, InputError):
            out.append((item.code, item.path, str(item.line)))
        else:
            assert isinstance(item, Document)
            out.append((item.id, item.sha, item.text))
    return out


def test_two_workers_give_what_one_gives(tmp_path: Path) -> None:
    folder = _corpus(tmp_path / "corpus")
    one = _results(folder, 1)
    assert {r[0] for r in one} >= {"E104", "E107", "E103"}  # problems of every kind met
    assert _results(folder, 2) == one
