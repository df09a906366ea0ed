"""The layout of a dataset version folder: one folder per config, one parquet file per split.

``VERSION/CONFIG/SPLIT.parquet``, beside ``README.md`` (the card) and ``manifest.json``. The
export writes it; listing, diffing and loading read it.
"""

from __future__ import annotations

import re
from pathlib import Path

from builder.errors import E510_BAD_NAME, UsageError

CONFIGS = ("ner", "claims", "sentiment")
SPLITS = ("train", "validation", "test")


# One folder name, the same on every system and on the Hub: never empty, `.`, `..`, a path,
# a hidden folder or an option-like word.
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}")


def check_name(name: str) -> str:
    """A dataset name: one safe folder name under OUT, or a usage error (exit 2)."""
    if not _NAME.fullmatch(name):
        raise UsageError(
            E510_BAD_NAME,
            f"--name {name!r} is not a dataset name: 1-100 letters, digits, '.', '_' or '-', "
            "starting with a letter or digit (one folder under OUT, never a path)",
        )
    return name


def split_file(version_dir: Path, config: str, split: str) -> Path:
    return version_dir / config / f"{split}.parquet"
