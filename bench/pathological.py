"""Worst-case lines through the real CLI: seconds per command and input (issue 16, defect 7).

    python -m bench.pathological                          # the worst lines, 20k and 100k chars
    python -m bench.pathological --all --sizes 100000     # every generator of the test
    python -m bench.pathological --only spaces dots "digit comma" --timeout 60

Each input is one line of ``size`` characters built by a generator of
tests/adversarial/test_pathological.py. Commands run in fresh processes, each timed alone:

- ``ingest``    the line as a .txt file, then as a .md file (markdown to text first);
- ``segment``   the line as the text of one document (not cleaned first: the segmenter meets it
  as it is, white space included);
- ``prelabel``  the sentences ``segment`` wrote, or the whole line as one sentence when that is
  longer (a hand-made sentences.jsonl may hold any line); the size of what it wrote follows.

Times include the start of the process (about 1 s, 2-3 s for prelabel, which loads its
gazetteers); a command still running after ``--timeout`` seconds is stopped and shown as
``>TIMEOUT``. Output goes to a temporary folder, removed at the end.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from builder.jsonl import dumps
from builder.model import Document, Sentence
from tests.adversarial.test_pathological import GENERATORS

# One line per fixed pathology; the first three are the issue's.
WORST = [
    "spaces",  # ingest: the live_timestamp rule's \s* from every space
    "dots",  # segment: the candidate pattern from every dot
    "digit comma",  # prelabel: the number patterns from every digit
    "heading spaces",  # markdown: a heading's closing hashes tried from every space
    "brackets",  # markdown: a link looked for from every "["
    "emphasis",  # markdown: a closing "_" looked for from every "_"
    "external",  # ingest: the column of every inline removal summed again
    "bangs",  # segment
    "parenthesised",  # segment: every bracket pair looked at for every candidate
    "digit space",  # prelabel: every entity checked against every entity taken
    "money",  # prelabel: the number patterns
    "said quote",  # prelabel: every claim vote against every claim group
    "names",  # prelabel: every name against every gazetteer hit
    "said dots",  # prelabel: 2^n ways to cut a run of periods after a cue
    "question spaces",  # prelabel: every split of the blanks after a question mark
    "according to",  # prelabel: every claim holds the rest of the line (output ~ n^2)
]
COMMANDS = ("ingest", "ingest md", "segment", "prelabel")
Timed = tuple[float | None, bool]
_CLI = "from builder.cli import main; main()"


def _run(args: list[str], timeout: float) -> Timed:
    """Seconds `builder ARGS` took in a fresh process (None when it hit the timeout), and
    whether it exited 0 (a line that is all boilerplate is a coded error, E113)."""
    t0 = time.perf_counter()
    try:
        done = subprocess.run(
            [sys.executable, "-c", _CLI, *args],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            timeout=timeout,
        )
    except subprocess.TimeoutExpired:
        return None, True
    return time.perf_counter() - t0, done.returncode == 0


def _one_sentence(sents: Path, text: str) -> None:
    """The whole line as one sentence when the segmenter cut it into shorter ones."""
    lines = sents.read_bytes().splitlines()
    longest = max((len(json.loads(line)["text"]) for line in lines), default=0)
    line = text.strip()  # a sentence neither starts nor ends with white space
    if line and longest < len(line):
        start = len(text) - len(text.lstrip())
        sid = hashlib.sha256(line.encode()).hexdigest()[:16]  # ids are 16 hex digits
        sentence = Sentence(sid, "doc", 0, start, start + len(line), line)
        sents.write_bytes(dumps(sentence.to_dict()))


def case(text: str, timeout: float) -> tuple[dict[str, Timed], int]:
    """Seconds per command, and the bytes of pre-labels written."""
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        (d / "line.txt").write_text(text + "\n", encoding="utf-8")
        (d / "line.md").write_text(text + "\n", encoding="utf-8")
        times = {
            "ingest": _run(["ingest", str(d / "line.txt"), "-o", str(d / "a.jsonl")], timeout),
            "ingest md": _run(["ingest", str(d / "line.md"), "-o", str(d / "b.jsonl")], timeout),
        }
        sha = hashlib.sha256(text.encode()).hexdigest()
        (d / "docs.jsonl").write_bytes(dumps(Document("doc", sha, text, "bench", "text").to_dict()))
        times["segment"] = _run(
            ["segment", str(d / "docs.jsonl"), "-o", str(d / "s.jsonl")], timeout
        )
        if times["segment"][0] is None:  # no sentences to read: the whole line is one
            (d / "s.jsonl").write_bytes(b"")
        _one_sentence(d / "s.jsonl", text)
        times["prelabel"] = _run(
            ["prelabel", str(d / "s.jsonl"), "-o", str(d / "p.jsonl")], timeout
        )
        written = (d / "p.jsonl").stat().st_size if (d / "p.jsonl").exists() else 0
    return times, written


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=int, nargs="+", default=[20_000, 100_000])
    ap.add_argument("--timeout", type=float, default=120.0)
    ap.add_argument("--only", nargs="+", default=None, help="generator names")
    ap.add_argument("--all", action="store_true", help="every generator of the test")
    args = ap.parse_args()
    names = args.only or (list(GENERATORS) if args.all else WORST)
    worst: dict[str, tuple[float, str]] = {}
    print(f"{'input':<16} {'chars':>7} " + " ".join(f"{c:>10}" for c in COMMANDS) + "  prelabels")
    for size in args.sizes:
        for name in names:
            times, written = case(GENERATORS[name](size), args.timeout)
            cells = [
                (f"{t:8.2f}s" if t is not None else f">{args.timeout:.0f}s".rjust(9))
                + (" " if ok else "*")
                for t, ok in times.values()
            ]
            print(f"{name:<16} {size:>7} {' '.join(cells)} {written / 1e6:8.1f} MB", flush=True)
            for command, (t, _) in times.items():
                secs = t if t is not None else float("inf")
                if secs > worst.get(f"{command} {size}", (-1.0, ""))[0]:
                    worst[f"{command} {size}"] = (secs, name)
    print("(* exited with a coded error, not 0)\nworst per command:")
    for key, (secs, name) in worst.items():
        shown = f"{secs:.2f} s" if secs != float("inf") else f">{args.timeout:.0f} s"
        print(f"  {key:<18} {shown:>9}  ({name})")


if __name__ == "__main__":
    main()
