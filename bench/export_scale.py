"""`builder export` at scale: the BBC corpus repeated to N sentences with distinct ids.

    python -m bench.export_scale                      # 1,000,000 sentences
    python -m bench.export_scale --sentences 100000
    python -m bench.export_scale --inputs DIR         # keep the inputs in DIR, reuse them there
    python -m bench.export_scale --inputs DIR --distinct   # texts seen once (below)

The BBC sentences are pre-labelled once and replicated (copy k of a document gets the id
`<doc>#k`, its sentences new ids), then `builder export --silver` runs in a fresh process
whose wall time, CPU time (user + system, its workers included: the machine may be shared;
and the main process's own) and peak memory are reported, with the load average before and
after. Every copy of a document repeats the same sentences, so the leakage check merges all
copies of a document into one split, the earliest any copy hashed to: with many copies nearly
everything lands in train. That is the policy (a duplicate never sits in an evaluation set
next to its twin in train) meeting a corpus made of duplicates, and the worst case for the
duplicate detector. ``--distinct`` makes texts seen once instead: in copy k the ASCII letters of
every word made of letters alone are shifted by k places (Caesar; span texts cut again from
the new text), so that lengths, offsets and token shapes stay and no two copies share their
words (k < 26: some 1,100,000 sentences at most). Kept inputs carry their kind
(``inputs.json``): reusing them with the other kind of ``--distinct`` is refused.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import string
import tempfile
import time
from pathlib import Path
from typing import Any

import orjson

from bench.common import MAIN_CPU, run_cli_tree, shared_path
from builder.model import Document
from builder.prelabel.apply import Prelabeler
from builder.segment import segment_document, sentence_id

_WORD = re.compile(r"\S+")
_LOWER, _UPPER = string.ascii_lowercase, string.ascii_uppercase
_SHIFTS = [
    str.maketrans(_LOWER + _UPPER, _LOWER[k:] + _LOWER[:k] + _UPPER[k:] + _UPPER[:k])
    for k in range(26)
]


def _shifted(text: str, copy: int) -> str:
    """``text`` with the words of ASCII letters alone shifted by ``copy`` places (the
    tokenizer's other cases, "n't", "U.S.", numbers, stay as they are)."""
    table = _SHIFTS[copy]

    def shift(m: re.Match[str]) -> str:
        word = m.group()
        return word.translate(table) if word.isascii() and word.isalpha() else word

    return _WORD.sub(shift, text)


def _spans_cut_from(record: Any, text: str) -> Any:
    """``record`` with the text of every span (a dict with start, end and text) cut again."""
    if isinstance(record, dict):
        if {"start", "end", "text"} <= record.keys():
            record = {**record, "text": text[record["start"] : record["end"]]}
        return {k: _spans_cut_from(v, text) for k, v in record.items()}
    if isinstance(record, list):
        return [_spans_cut_from(v, text) for v in record]
    return record


def make_inputs(folder: Path, n: int, distinct: bool = False) -> int:
    docs = []
    with shared_path("corpus", "bbc", "bbc_news_2225.jsonl").open() as fh:
        for line in fh:
            row = json.loads(line)
            docs.append(list(segment_document(Document(row["id"], "", row["text"], "", "jsonl"))))
    labelled = {
        item.sentence.id: item.prediction
        for sentences in docs
        for item in Prelabeler().label_document(sentences)
    }
    written = 0
    with (
        (folder / "sentences.jsonl").open("wb") as s_out,
        (folder / "prelabels.jsonl").open("wb") as p_out,
    ):
        copy = 0
        while written < n:
            for sentences in docs:
                for s in sentences:
                    if written >= n:
                        return written
                    doc_id = f"{s.doc_id}#{copy}"
                    sid = sentence_id(doc_id, s.text, s.index)  # index keeps repeats distinct
                    text = _shifted(s.text, copy) if distinct else s.text
                    record = {**s.to_dict(), "id": sid, "doc_id": doc_id, "text": text}
                    s_out.write(orjson.dumps(record, option=orjson.OPT_SORT_KEYS) + b"\n")
                    label = {**labelled[s.id], "sentence_id": sid}
                    if distinct:
                        label = _spans_cut_from(label, text)
                    p_out.write(orjson.dumps(label, option=orjson.OPT_SORT_KEYS) + b"\n")
                    written += 1
            copy += 1
            if distinct and copy == len(_SHIFTS):
                raise SystemExit(f"--distinct: {written} sentences at most")
    return written


_KIND = "inputs.json"  # what the inputs of a folder are: {"distinct": bool}


def _made(folder: Path, n: int, distinct: bool) -> int:
    """``make_inputs`` in a folder beside, moved in once whole, with their kind beside them:
    an interrupted or refused make (too many distinct sentences) leaves nothing to reuse."""
    with tempfile.TemporaryDirectory(dir=folder) as making:
        written = make_inputs(Path(making), n, distinct)
        for name in ("sentences.jsonl", "prelabels.jsonl"):
            os.replace(Path(making) / name, folder / name)
    (folder / _KIND).write_text(json.dumps({"distinct": distinct}) + "\n")
    return written


def _kind_kept(folder: Path, distinct: bool) -> str:
    """What the kept inputs are; refused when not what ``--distinct`` asks for."""
    if not (folder / _KIND).exists():
        return "made before their kind was kept: distinct or not, unknown"
    kept = bool(json.loads((folder / _KIND).read_text())["distinct"])
    if kept != distinct:
        have = "texts seen once" if kept else "the repeated corpus"
        raise SystemExit(
            f"{folder} holds {have}: give --distinct as they were made, or another --inputs"
        )
    return "texts seen once" if kept else "the repeated corpus"


def _cpu_of_children() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)  # waited-for processes and theirs
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sentences", type=int, default=1_000_000)
    ap.add_argument("--inputs", type=Path, help="where the inputs are kept (made if missing)")
    ap.add_argument("--workers", type=int, default=0, help="--workers of the export (0: auto)")
    ap.add_argument("--distinct", action="store_true", help="texts seen once (made so; see above)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.inputs or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        t0 = time.perf_counter()
        if (folder / "prelabels.jsonl").exists():
            n = sum(1 for _ in (folder / "sentences.jsonl").open("rb"))
            print(f"inputs: {n} sentences, kept in {folder} ({_kind_kept(folder, args.distinct)})")
        else:
            n = _made(folder, args.sentences, args.distinct)
            print(f"inputs: {n} sentences in {time.perf_counter() - t0:.0f} s")
        cmd = [
            "export",
            "--sentences",
            str(folder / "sentences.jsonl"),
            "--prelabels",
            str(folder / "prelabels.jsonl"),
            "--name",
            "bbc",
            "-o",
            str(Path(tmp) / "out"),
            "--silver",
            "--workers",
            str(args.workers),
        ]
        load, cpu = os.getloadavg()[0], _cpu_of_children()
        secs, peak_mb, tree_mb, stderr = run_cli_tree(cmd)
        cpu = _cpu_of_children() - cpu
        print(
            f"export: {n} sentences in {secs:.1f} s ({n / secs:,.0f}/s), CPU {cpu:.1f} s "
            f"(user + system, workers included; {MAIN_CPU[0]:.1f} s the main process), "
            f"load average {load:.1f} -> "
            f"{os.getloadavg()[0]:.1f}; peak RSS {peak_mb:.0f} MB (main process), "
            f"{tree_mb:.0f} MB (with its workers)"
        )
        print(stderr.strip().splitlines()[-1] if stderr.strip() else "")


if __name__ == "__main__":
    main()
