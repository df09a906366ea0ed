"""What `builder export` is asked for: the dataset's name and version, where gold comes from,
how it resolves, and the split and alignment tolerances.

Apart from ``build.py`` so that the manifest, which records these parameters, can read them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from builder.export.shards import SHARD_ROWS
from builder.export.splits import SplitParams
from builder.gold.resolve import Policy, as_policy
from builder.version.layout import check_name
from builder.version.semver import check_version


@dataclass
class ExportParams:
    name: str
    version: str | None  # None: the next semantic version after the latest one
    silver: bool = False
    splits: SplitParams = field(default_factory=SplitParams)
    max_misaligned_silver: float = 0.01  # share of silver entity spans that may be dropped
    workers: int = 0  # processes; 0: one per core for inputs large enough to gain from it
    annotations: Path | None = None  # the folder of `builder studio pull` snapshots
    policy: Policy = Policy.latest  # how several annotations of a sentence resolve
    quality: Path | None = None  # a `builder eval` report, shown in the card
    silver_skipped: bool = False  # silver also for sentences every annotator skipped
    shard_rows: int = SHARD_ROWS  # rows per parquet file: a larger split is several files

    def __post_init__(self) -> None:
        # Refused here, before any work: a policy given by name (from a notebook, say; E802),
        # a name that is not one folder under OUT (E510), a version that is not X.Y.Z (E506).
        self.policy = as_policy(self.policy)
        check_name(self.name)
        if self.version is not None:
            check_version(self.version)
