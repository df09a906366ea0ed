"""What overlap costs a push: `init --overlap 2 --overlap-share F` then pushes of N tasks.

    python -m bench.studio_overlap                     # 10,000 BBC sentences, share 0.1
    python -m bench.studio_overlap --tasks 2000 --share 0.2

Starts its own local server in a temporary state folder (or uses --state), works in a fresh
project, and times the CLI commands end to end in child processes. The share is set task by
task (one request per chosen task, Label Studio has no bulk update of a task's overlap), and
a push with a share lists the project's tasks once to find those it must set.
"""

from __future__ import annotations

import argparse
import tempfile
import uuid
from collections import Counter
from pathlib import Path

from bench.common import bbc_sentences, bench_server, run_cli
from builder.jsonl import write_records
from builder.studio.client import Studio, endpoint


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--tasks", type=int, default=10_000)
    ap.add_argument("--share", type=float, default=0.1)
    ap.add_argument("--state", type=Path, help="reuse this server state folder")
    args = ap.parse_args()

    work = Path(tempfile.mkdtemp(prefix="bench-overlap-"))
    sentences = bbc_sentences(args.tasks)
    write_records(work / "sentences.jsonl", (s.to_dict() for s in sentences))
    run_cli(["prelabel", str(work / "sentences.jsonl"), "-o", str(work / "prelabels.jsonl")])
    title = f"bench-overlap-{uuid.uuid4().hex[:8]}"
    share = ["--overlap", "2", "--overlap-share", str(args.share)]
    rows: list[tuple[str, float, float]] = []
    with bench_server(args.state, work) as state:
        common = ["--project", title, "--state", str(state)]
        run_cli(["studio", "init", *common])
        push = ["studio", "push", str(work / "prelabels.jsonl"), *common]
        seconds, rss, _ = run_cli(push)
        rows.append((f"push {len(sentences)} new tasks, no overlap", seconds, rss))
        seconds, rss, _ = run_cli(["studio", "init", *share, *common])
        rows.append((f"init --overlap-share {args.share} on them", seconds, rss))
        seconds, rss, _ = run_cli(push)
        rows.append(("re-push, nothing to do (lists overlaps)", seconds, rss))
        studio = Studio(endpoint(None, None, state))
        pid = int(studio.require_project(title)["id"])
        counts = Counter(t["overlap"] for t in studio.tasks_after(pid, 0))
        print(f"tasks per overlap: {dict(sorted(counts.items()))}")
        fresh = f"{title}-b"
        run_cli(["studio", "init", *share, "--project", fresh, "--state", str(state)])
        seconds, rss, _ = run_cli(
            [
                "studio",
                "push",
                str(work / "prelabels.jsonl"),
                "--project",
                fresh,
                "--state",
                str(state),
            ]
        )
        rows.append((f"push {len(sentences)} new tasks, share set", seconds, rss))
    print(f"{'step':<48}{'seconds':>9}{'client MB':>11}")
    for name, seconds, rss in rows:
        print(f"{name:<48}{seconds:9.1f}{rss:11.0f}")


if __name__ == "__main__":
    main()
