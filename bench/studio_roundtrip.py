"""Label Studio round trip at scale: push N tasks with predictions, re-push, pull N annotated.

    python -m bench.studio_roundtrip                   # 10,000 BBC sentences
    python -m bench.studio_roundtrip --tasks 2000 --update
    python -m bench.studio_roundtrip --update --keep-priorities   # no priority rewrites

Starts its own local server in a temporary state folder (or uses --state), works in fresh
projects, and times the CLI commands end to end in child processes (SDK import included).
Annotations for the pull are imported together with their tasks (the set-up is not timed).
Targets (issue 4): push 10,000 <= 60 s, pull 10,000 annotated <= 30 s.
"""

from __future__ import annotations

import argparse
import tempfile
import uuid
from pathlib import Path

from bench.common import bbc_sentences, bench_server, run_cli
from builder.jsonl import write_records
from builder.prelabel.apply import Prelabeler
from builder.prelabel.registry import registry
from builder.studio.client import Studio, endpoint
from builder.studio.local import read_local
from builder.studio.tasks import prediction, task_data


def _prelabel(sentences_path: Path, out: Path, disable: str = "") -> None:
    args = ["prelabel", str(sentences_path), "-o", str(out)]
    run_cli([*args, "--disable", disable] if disable else args)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--tasks", type=int, default=10_000)
    ap.add_argument("--state", type=Path, help="reuse this server state folder")
    ap.add_argument("--update", action="store_true", help="also time a new-version re-push")
    ap.add_argument(
        "--keep-priorities", action="store_true", help="re-push the new version without them"
    )
    args = ap.parse_args()

    work = Path(tempfile.mkdtemp(prefix="bench-studio-"))
    sentences = bbc_sentences(args.tasks)
    write_records(work / "sentences.jsonl", (s.to_dict() for s in sentences))
    _prelabel(work / "sentences.jsonl", work / "prelabels.jsonl")
    print(f"{len(sentences)} sentences in {work}")

    rows: list[tuple[str, float, float]] = []
    with bench_server(args.state, work) as state:
        common = ["--state", str(state)]
        title = f"bench-push-{uuid.uuid4().hex[:8]}"
        run_cli(["studio", "init", "--project", title, *common])
        push = ["studio", "push", str(work / "prelabels.jsonl"), "--project", title, *common]
        seconds, rss, _ = run_cli(push)
        rows.append((f"push {len(sentences)} new tasks", seconds, rss))
        seconds, rss, _ = run_cli(push)
        rows.append(("re-push, nothing to do", seconds, rss))
        if args.update:
            _prelabel(work / "sentences.jsonl", work / "v2.jsonl", registry()[0].name)
            newer = ["studio", "push", str(work / "v2.jsonl"), "--project", title]
            newer += ["--keep-priorities"] if args.keep_priorities else []
            seconds, rss, _ = run_cli(
                [*newer, "--sentences", str(work / "sentences.jsonl"), *common]
            )
            rows.append((f"re-push, new version ({len(sentences)} updates)", seconds, rss))

        # Pull: a project whose every task carries one annotation.
        studio = Studio(endpoint(None, None, state))
        title = f"bench-pull-{uuid.uuid4().hex[:8]}"
        run_cli(["studio", "init", "--project", title, *common])
        pid = int(studio.require_project(title)["id"])
        local = read_local(work / "sentences.jsonl", work / "prelabels.jsonl")
        payload = []
        for sent in local.sentences:
            pred = prediction(local.prelabels[sent.id], sent.text)
            payload.append(
                {
                    "data": task_data(sent, *local.context[sent.id]),
                    "annotations": [{"result": pred["result"], "lead_time": 5.0}],
                }
            )
        for i in range(0, len(payload), 1000):
            studio.import_tasks(pid, payload[i : i + 1000])
        out = work / "annotations"
        seconds, rss, _ = run_cli(["studio", "pull", "-o", str(out), "--project", title, *common])
        rows.append((f"pull {len(sentences)} annotated tasks", seconds, rss))
        seconds, rss, _ = run_cli(["studio", "pull", "-o", str(out), "--project", title, *common])
        rows.append(("pull again, unchanged", seconds, rss))
    print(f"{'step':<44}{'seconds':>9}{'client MB':>11}")
    for name, seconds, rss in rows:
        print(f"{name:<44}{seconds:9.1f}{rss:11.0f}")
    print(f"Prelabel heuristics: {Prelabeler(registry()).model_version}")


if __name__ == "__main__":
    main()
