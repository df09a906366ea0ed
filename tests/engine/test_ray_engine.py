"""`builder build --engine ray` on a real two-node Ray cluster (``conftest.py``): the same
bytes as the local engine, a worker killed mid-build, a bad input reported as locally."""

from __future__ import annotations

import os
import random
import subprocess
import sys
from pathlib import Path

import orjson
import pytest

from tests.conftest import REPO, SAMPLES

pytestmark = pytest.mark.ray

PEOPLE = ["Maria Lopez", "John Smith", "Angela Merkel", "Ravi Patel", "Chen Wei", "Sarah Jones"]
PLACES = ["London", "Paris", "Berlin", "Madrid", "Tokyo", "Nairobi", "Lima"]
ORGS = ["the Bank of England", "Reuters", "the United Nations", "Google", "the BBC"]
DAYS = ["Monday", "Tuesday", "Friday", "Sunday"]
THINGS = ["farms", "schools", "ports", "railways", "hospitals", "mines", "banks", "bakeries"]
# Every sentence draws enough words that two stories rarely share one: shared sentences would
# tie the stories into one group, and one split.
TEMPLATES = [
    "{p} said on {d} that {o} would cut {n} jobs at {t} in {c}.",
    "Prices of {t} in {c} rose by {n} per cent by {d}, according to {o}.",
    '"We will not accept {n} closed {t}," {p} told reporters in {c} on {d}.',
    "The decision on {n} {t} was welcomed by {o}, which had warned {p} of a crisis.",
    "Critics in {c} argue that the plan for {n} {t} is a disaster, {p} wrote on {d}.",
    "{p} is expected to visit {n} {t} in {c} on {d} with officials from {o}.",
]


def _document(rng: random.Random, i: int) -> str:
    sentences = [
        rng.choice(TEMPLATES).format(
            p=rng.choice(PEOPLE),
            o=rng.choice(ORGS),
            c=rng.choice(PLACES),
            n=rng.randint(2, 9000),
            d=rng.choice(DAYS),
            t=rng.choice(THINGS),
        )
        for _ in range(rng.randint(1, 4))
    ]
    return f"Story {i} from the wires. " + " ".join(sentences)


def write_corpus(root: Path, documents: int, files: int) -> Path:
    """``documents`` generated news stories in ``files`` JSONL files, and what ingest skips:
    a malformed line, an empty text and a copy of another story."""
    rng = random.Random(14)
    root.mkdir()
    per_file = documents // files
    for f in range(files):
        lines = [
            orjson.dumps({"id": f"s{f:03d}-{k:04d}", "text": _document(rng, f * per_file + k)})
            for k in range(per_file)
        ]
        if f == 1:
            lines += [b'{"id": "broken", "text": ', orjson.dumps({"id": "blank", "text": " "})]
            lines.append(orjson.dumps({"id": "copy", "text": orjson.loads(lines[0])["text"]}))
        (root / f"wire-{f:03d}.jsonl").write_bytes(b"\n".join(lines) + b"\n")
    return root


def build(
    engine: str, inputs: Path, out: Path, *extra: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "builder.cli", "build", str(inputs), "-o", str(out)]
    return subprocess.run(
        [*command, "--engine", engine, *extra],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO), "RAY_AUTH_MODE": "disabled", **(env or {})},
        timeout=600,
    )


def tree(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_the_samples_give_the_same_bytes_on_ray(
    ray_cluster: str, built: Path, tmp_path: Path
) -> None:
    done = build("ray", SAMPLES, tmp_path / "out", "--address", ray_cluster)
    assert done.returncode == 0, done.stderr
    got, expected = tree(tmp_path / "out"), tree(built)
    assert sorted(got) == sorted(expected)
    assert [name for name in expected if got[name] != expected[name]] == []


def test_a_worker_killed_mid_build_is_retried_and_the_bytes_stay_the_same(
    ray_cluster: str, tmp_path: Path
) -> None:
    """Thousands of generated documents in many files (many chunks per stage); the first
    chunk of pre-labelling kills its worker process; Ray runs it again."""
    corpus = write_corpus(tmp_path / "corpus", documents=2000, files=8)
    out = tmp_path / "out"
    local = build("local", corpus, out)
    assert local.returncode == 0, local.stderr
    out.rename(tmp_path / "local")
    marker = tmp_path / "killed"
    on_ray = build(
        "ray",
        corpus,
        out,
        "--address",
        ray_cluster,
        env={"BUILDER_RAY_KILL_ONCE": f"_label:{marker}"},
    )
    assert on_ray.returncode == 0, on_ray.stderr
    assert marker.exists(), "no worker was killed"
    # The same warnings (E105, E104, E107) and summary; Ray adds its account of the retry.
    assert [line for line in on_ray.stderr.splitlines() if "(raylet)" not in line] == (
        local.stderr.splitlines()
    )
    got, expected = tree(out), tree(tmp_path / "local")
    assert sorted(got) == sorted(expected)
    assert [name for name in expected if got[name] != expected[name]] == []
    assert b"E107" in got["skipped.jsonl"]
    manifest = orjson.loads(got["datasets/news/0.1.0/manifest.json"])
    assert all(manifest["rows"]["ner"].values()), "every split has rows"


def test_a_bad_input_is_reported_with_its_code_as_locally(ray_cluster: str, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("A good story about London. It has two sentences.\n")
    (corpus / "b.jsonl").write_bytes(b'{"id": "x", "text": "fine"}\n{"id": \n')
    local = build("local", corpus, tmp_path / "out", "--strict")
    on_ray = build("ray", corpus, tmp_path / "out", "--strict", "--address", ray_cluster)
    assert (on_ray.returncode, on_ray.stderr) == (local.returncode, local.stderr)
    assert local.returncode == 1
    assert "E105" in local.stderr and "b.jsonl:2" in local.stderr
