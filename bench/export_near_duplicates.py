"""`builder export` of heavy near-duplicate text: the manifest's size and the peak memory.

    python -m bench.export_near_duplicates                        # 20,000 and 125,000
    python -m bench.export_near_duplicates --sentences 20000

Six templated sentences with a word or two varied, ten to a document
(``tests.export.helpers.near_duplicate_inputs``): nearly every sentence has near duplicates
in other documents, so the leakage check ties most documents together. The manifest used to
list every duplicate link (20,000 sentences: 29.5 MB of manifest beside 1.2 MB of parquet;
125,000: 251 MB and a 1.6 GB peak); it now lists each moved document once, with a count and
an example. Reported: the export's time, its peak memory (the command and its workers, RSS
summed), the manifest's size and entries, the card's size and the parquet's size.
"""

from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path

from bench.common import run_cli_tree
from tests.export.helpers import near_duplicate_inputs


def measure(n: int, workers: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        sentences, prelabels = near_duplicate_inputs(folder, n)
        out = folder / "out"
        cmd = ["export", "--sentences", str(sentences), "--prelabels", str(prelabels)]
        cmd += ["--silver", "--name", "news", "-o", str(out), "--workers", str(workers)]
        secs, main_mb, tree_mb, _ = run_cli_tree(cmd)
        (version,) = (out / "news").iterdir()
        manifest = version / "manifest.json"
        return {
            "sentences": n,
            "seconds": round(secs, 1),
            "peak_main_mb": round(main_mb),
            "peak_tree_mb": round(tree_mb),
            "manifest_mb": round(manifest.stat().st_size / 2**20, 3),
            "leak_entries": len(json.loads(manifest.read_bytes())["leaks"]),
            "card_kb": round((version / "README.md").stat().st_size / 1024, 1),
            "parquet_mb": round(
                sum(p.stat().st_size for p in version.rglob("*.parquet")) / 2**20, 2
            ),
        }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sentences", type=int, action="append")
    ap.add_argument("--workers", type=int, default=0, help="0: the export's default")
    args = ap.parse_args()
    for n in args.sentences or [20_000, 125_000]:
        print(json.dumps(measure(n, args.workers)), flush=True)


if __name__ == "__main__":
    main()
