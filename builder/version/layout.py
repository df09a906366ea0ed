"""The layout of a dataset version folder: one folder per config, one parquet file per split.

``VERSION/CONFIG/SPLIT.parquet``, beside ``README.md`` (the card) and ``manifest.json``. The
export writes it; listing, diffing and loading read it.
"""

from __future__ import annotations

from pathlib import Path

CONFIGS = ("ner", "claims", "sentiment")
SPLITS = ("train", "validation", "test")


def split_file(version_dir: Path, config: str, split: str) -> Path:
    return version_dir / config / f"{split}.parquet"
