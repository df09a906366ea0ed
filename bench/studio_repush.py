"""A re-push after a heuristics change, at scale: every untouched task renewed in bulk.

    python -m bench.studio_repush                  # 10,000 BBC sentences, 20 annotated
    python -m bench.studio_repush --tasks 2000 --annotated 50
    python -m bench.studio_repush --state .studio  # reuse a running server

Starts its own local server in a temporary state folder (or uses --state), pushes N sentences
pre-labelled by the heuristics, annotates a few tasks through the API, then pushes the same
sentences pre-labelled by another heuristics version (one heuristic off: a new model version,
and priorities that move) and times that re-push end to end in a child process (SDK import
included). Then checks what the issue asks: one task per sentence, one prediction per
untouched task (the current one), every priority a number, the annotated tasks exactly as
they were. Target (issue 15): the re-push of 10,000 tasks in 60 s or less.
"""

from __future__ import annotations

import argparse
import re
import tempfile
import uuid
from pathlib import Path
from typing import Any

from bench.common import bbc_sentences, bench_server, run_cli
from builder.jsonl import read_records, write_records
from builder.prelabel.registry import registry
from builder.studio.client import Studio, endpoint


def _prelabel(sentences_path: Path, out: Path, disable: str = "") -> str:
    args = ["prelabel", str(sentences_path), "-o", str(out)]
    run_cli([*args, "--disable", disable] if disable else args)
    return str(next(read_records(out))["model_version"])


def _annotate(studio: Studio, tasks: list[dict[str, Any]]) -> None:
    for task in tasks:
        studio.sdk.annotations.create(
            id=int(task["id"]),
            result=[
                {
                    "id": "se",
                    "from_name": "sentiment",
                    "to_name": "text",
                    "type": "choices",
                    "value": {"choices": ["neutral"]},
                }
            ],
            lead_time=3.0,
        )


def _settled(value: Any) -> Any:
    """An exported task without the relative times ("3 minutes") that age by themselves."""
    if isinstance(value, dict):
        return {k: _settled(v) for k, v in value.items() if k != "created_ago"}
    if isinstance(value, list):
        return [_settled(v) for v in value]
    return value


def _difference(a: Any, b: Any, path: str = "") -> str:
    """The first place where two JSON values differ ("" when equal)."""
    if isinstance(a, dict) and isinstance(b, dict):
        for key in sorted(set(a) | set(b)):
            if found := _difference(a.get(key), b.get(key), f"{path}.{key}"):
                return found
        return ""
    if isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            if found := _difference(x, y, f"{path}[{i}]"):
                return found
        return ""
    return "" if a == b else f"{path}: {a!r:.40} -> {b!r:.40}"


def _summary(stderr: str) -> str:
    found = re.findall(r"created \d+ tasks.*", stderr)
    return found[-1] if found else stderr.strip().splitlines()[-1]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--tasks", type=int, default=10_000)
    ap.add_argument("--annotated", type=int, default=20, help="tasks annotated before")
    ap.add_argument("--state", type=Path, help="reuse this server state folder")
    ap.add_argument("--batch-size", type=int, help="push --batch-size (default: push's own)")
    args = ap.parse_args()

    work = Path(tempfile.mkdtemp(prefix="bench-repush-"))
    sentences = bbc_sentences(args.tasks)
    write_records(work / "sentences.jsonl", (s.to_dict() for s in sentences))
    old = _prelabel(work / "sentences.jsonl", work / "prelabels.jsonl")
    new = _prelabel(work / "sentences.jsonl", work / "v2.jsonl", registry()[0].name)
    print(f"{len(sentences)} sentences in {work}; heuristics {old} -> {new}")

    rows: list[tuple[str, float, float, str]] = []
    with bench_server(args.state, work) as state:
        common = ["--state", str(state)]
        title = f"bench-repush-{uuid.uuid4().hex[:8]}"
        studio = Studio(endpoint(None, None, state))
        run_cli(["studio", "init", "--project", title, *common])
        pid = int(studio.require_project(title)["id"])
        push = ["studio", "push", "--project", title, "--sentences", str(work / "sentences.jsonl")]
        push += ["--batch-size", str(args.batch_size)] if args.batch_size else []
        seconds, rss, err = run_cli([*push, str(work / "prelabels.jsonl"), *common])
        rows.append((f"push {len(sentences)} new tasks", seconds, rss, _summary(err)))

        every = sorted(studio.export(pid, all_tasks=True, predictions=True), key=lambda t: t["id"])
        step = max(1, len(every) // max(1, args.annotated))
        _annotate(studio, every[::step][: args.annotated])
        done = studio.export(pid, all_tasks=False, predictions=True)
        annotated = {t["id"]: _settled(t) for t in done}

        seconds, rss, err = run_cli([*push, str(work / "v2.jsonl"), *common])
        rows.append(("re-push, new heuristics version", seconds, rss, _summary(err)))
        after = studio.export(pid, all_tasks=True, predictions=True)  # checked below
        sids = [t["data"]["sentence_id"] for t in after]
        problems = []
        if sorted(sids) != sorted(s.id for s in sentences):
            problems.append(f"{len(sids)} tasks for {len(sentences)} sentences")
        for task in after:
            versions = [p["model_version"] for p in task["predictions"]]
            if task["id"] in annotated:
                if changed := _difference(annotated[task["id"]], _settled(task)):
                    problems.append(f"annotated task {task['id']} changed: {changed}")
            elif versions != [new]:
                problems.append(f"task {task['id']} has predictions {versions}")
            if type(task["data"]["priority"]) is not float:
                problems.append(f"task {task['id']} priority {task['data']['priority']!r}")
        missing = set(annotated) - {t["id"] for t in after}
        problems += [f"annotated task {tid} is gone" for tid in sorted(missing)]
        seconds, rss, err = run_cli([*push, str(work / "v2.jsonl"), *common])
        rows.append(("re-push again, nothing to do", seconds, rss, _summary(err)))
        if not re.search(r"created 0 tasks, renewed 0 ", err):
            problems.append("the push after the re-push still had work to do")
    print(f"{'step':<40}{'seconds':>9}{'client MB':>11}")
    for name, seconds, rss, said in rows:
        print(f"{name:<40}{seconds:9.1f}{rss:11.0f}   {said}")
    print("checks:", "all passed" if not problems else f"{len(problems)} problems")
    for problem in problems[:20]:
        print("  ", problem)


if __name__ == "__main__":
    main()
