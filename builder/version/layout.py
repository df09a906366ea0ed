"""The layout of a dataset version folder: one folder per config, one parquet file per split
(or several: shards of a large split).

``VERSION/CONFIG/SPLIT.parquet`` or ``VERSION/CONFIG/SPLIT-00000-of-00004.parquet`` and so on,
beside ``README.md`` (the card) and ``manifest.json``. The export writes it; listing, diffing
and loading read it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
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


def shard_name(config: str, split: str, shard: int, shards: int) -> str:
    """A split's file in the version folder: ``CONFIG/SPLIT.parquet`` when the split is one
    file, ``CONFIG/SPLIT-00000-of-00004.parquet`` and so on when it is several (the export
    cuts large splits into shards: ``builder/export/shards.py``)."""
    if shards == 1:
        return f"{config}/{split}.parquet"
    return f"{config}/{split}-{shard:05d}-of-{shards:05d}.parquet"


def split_names(files: Iterable[str], config: str, split: str) -> list[str]:
    """The files of ``config``'s ``split`` among a manifest's ``files``, in shard order."""
    one = f"{config}/{split}.parquet"
    shards = re.compile(re.escape(f"{config}/{split}-") + r"\d{5}-of-\d{5}\.parquet")
    return sorted(f for f in files if f == one or shards.fullmatch(f))
