"""Small made-up corpora for the learned models' tests: patterns filled with names, a few to a
document."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from builder.jsonl import write_records
from builder.model import Sentence


def pattern_corpus(
    tmp_path: Path, patterns: Sequence[str], names: Sequence[str], n_docs: int
) -> Path:
    """``sentences.jsonl`` in ``tmp_path``: each document every pattern once, in order, filled
    with the names in turn (shifted by one a document)."""
    rows = []
    for d in range(n_docs):
        for i, pattern in enumerate(patterns):
            text = pattern.format(names[(d + i) % len(names)])
            rows.append(Sentence(f"{d * 10 + i:016x}", f"doc{d:02d}", i, 0, len(text), text))
    write_records(tmp_path / "sentences.jsonl", (s.to_dict() for s in rows))
    return tmp_path / "sentences.jsonl"
