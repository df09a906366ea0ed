"""Reading annotation snapshots: `read_snapshots` over N records (default 20,000).

    python -m bench.snapshot_read
    python -m bench.snapshot_read --records 20000 --repeat 5

The first BBC sentences are pre-labelled and become Label Studio tasks whose annotation
accepted the prediction it was shown (entities, claims with source and cue, both classes),
written by `studio pull`'s own `write_snapshot`: the records are exactly what a pull
writes. Reported: the seconds to write the snapshot, and the best of ``--repeat`` reads
(the same folder read again, each read after a full garbage collection).
"""

from __future__ import annotations

import argparse
import gc
import json
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.common import bbc_sentences
from builder.gold.snapshots import read_snapshots
from builder.prelabel.apply import Prelabeler
from builder.studio.pull import write_snapshot
from builder.studio.tasks import prediction, task_data


def exported_tasks(n: int) -> list[dict[str, Any]]:
    """``n`` annotated tasks as a Label Studio export holds them (one annotation each)."""
    sentences = bbc_sentences(n)
    tasks = []
    for i, item in enumerate(Prelabeler().label(sentences)):
        shown = prediction(item.prediction, item.sentence.text)
        tasks.append(
            {
                "id": i + 1,
                "data": task_data(item.sentence, "", ""),
                "annotations": [
                    {
                        "id": i + 1,
                        "completed_by": 1 + i % 3,
                        "result": shown["result"],
                        "was_cancelled": False,
                        "ground_truth": False,
                        "created_at": "2026-01-01T10:00:00Z",
                        "updated_at": "2026-01-01T10:00:00Z",
                        "lead_time": 4.2,
                        "prediction": shown,
                    }
                ],
            }
        )
    return tasks


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    tasks = exported_tasks(args.records)
    users = {1: "a@example.com", 2: "b@example.com", 3: "c@example.com"}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "news"
        folder.mkdir()
        t0 = time.perf_counter()
        report = write_snapshot(tasks, users, folder)
        written = time.perf_counter() - t0
        del tasks
        reads = []
        for _ in range(args.repeat):
            gc.collect()  # the previous read's records are gone before the next one starts
            t0 = time.perf_counter()
            snapshots = read_snapshots(Path(tmp))
            reads.append(time.perf_counter() - t0)
            assert len(snapshots.annotations) == report.annotations
            del snapshots
        size = report.snapshot.stat().st_size if report.snapshot else 0
    print(
        json.dumps(
            {
                "records": report.annotations,
                "snapshot_mb": round(size / 1e6, 2),
                "write_snapshot_s": round(written, 3),
                "read_snapshots_best_s": round(min(reads), 3),
                "read_snapshots_all_s": [round(r, 3) for r in reads],
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
