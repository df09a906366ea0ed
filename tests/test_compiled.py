"""The compiled build (docs/compiled.md) labels exactly as the interpreted code: the package's
wheel is built with the mypyc hook, installed into a folder of its own, and `builder prelabel`
run from it and from the checkout must write the same bytes (pre-labels and votes), with one
worker and two, with and without a learned model, and list the same heuristics.

The build takes two to three minutes: the tests are marked ``compiled`` and ``slow``. Without
a C compiler or hatch-mypyc (the test extra) they skip, and fail under CI."""

from __future__ import annotations

import random
import subprocess
import tempfile
from pathlib import Path

import pytest

from bench.compiled_build import build_compiled, command, missing, python
from tests.conftest import SAMPLES, in_ci, shared_file

pytestmark = [pytest.mark.compiled, pytest.mark.slow]


def _missing(reason: str) -> None:
    if in_ci():
        pytest.fail(f"{reason}; CI is set: the compiled build must be tested")
    pytest.skip(reason)


def _builder(
    args: list[str], site: Path | None, cwd: Path, cache: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """`builder ARGS`, from the compiled ``site`` or (None) from the checkout; with the package
    tables kept in ``cache`` (default: a new folder: built from the packages, as on a machine
    that never ran the command)."""
    cmd, env = command(args, site)
    if cache is None:
        cache = Path(tempfile.mkdtemp(prefix="cache-", dir=cwd))
    env["BUILDER_CACHE_DIR"] = str(cache)
    done = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    return done


def _python(code: str, site: Path | None, cwd: Path, *args: str) -> str:
    """What ``code`` prints, run with the package from the compiled ``site`` or (None) from
    the checkout."""
    cmd, env = python(["-c", code, *args], site)
    done = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The compiled package, installed (without dependencies) into a folder of its own."""
    if (why := missing()) is not None:
        _missing(why)
    return build_compiled(tmp_path_factory.mktemp("compiled"))


def test_the_compiled_modules_are_the_ones_run(site: Path, tmp_path: Path) -> None:
    code = "import builder.prelabel.apply as m, builder.cli; print(m.__file__)"
    compiled = _python(code, site, tmp_path).strip()
    assert compiled.endswith(".so")
    assert Path(compiled).is_relative_to(site)
    assert _python(code, None, tmp_path).strip().endswith(".py")


def _generated(folder: Path, documents: int = 300) -> Path:
    """News-like documents written from a seeded choice of our own phrases: quotations,
    attributions, names, places, figures and dates, so that every family votes."""
    rng = random.Random(11)
    people = ["Maria Lenz", "Tom Okafor", "Dr Ana Ruiz", "President Karl Mott", "Ms Hale"]
    groups = ["the Harbour Authority", "Velmo Chemical Ltd", "NATO", "the city council"]
    places = ["Paris", "Lagos", "northern Ohio", "the Baltic coast", "Kyiv"]
    verbs = ["said", "told reporters", "warned", "denied", "claimed", "added"]
    what = [
        "prices rose 4.5% in March",
        "the plan would cost $2.3 billion",
        "nobody was hurt when the bridge collapsed",
        "the talks had failed again",
        "rescuers saved 12 people on Tuesday",
    ]
    folder.mkdir()
    for i in range(documents):
        lines = []
        for _ in range(rng.randint(3, 12)):
            who, claim = rng.choice(people + groups), rng.choice(what)
            form = rng.randrange(5)
            if form == 0:
                lines.append(f"{who} {rng.choice(verbs)} that {claim}.")
            elif form == 1:
                lines.append(f'"{claim.capitalize()}," {who} {rng.choice(verbs)}.')
            elif form == 2:
                lines.append(f"According to {who}, {claim} in {rng.choice(places)}.")
            elif form == 3:
                lines.append(f"In {rng.choice(places)}, {claim}, officials said on 3 May 2024.")
            else:
                lines.append(f"{claim.capitalize()}. It was {rng.choice(['good', 'awful'])}.")
        (folder / f"doc-{i:04d}.txt").write_text(" ".join(lines) + "\n", encoding="utf-8")
    return folder


def _sentences(inputs: Path, tmp: Path) -> Path:
    _builder(["ingest", str(inputs), "-o", str(tmp / "documents.jsonl")], None, tmp)
    out = tmp / "sentences.jsonl"
    _builder(["segment", str(tmp / "documents.jsonl"), "-o", str(out)], None, tmp)
    return out


def _same_prelabels(site: Path, sentences: Path, tmp: Path, *extra: str) -> None:
    """Pre-labels and votes of ``sentences``: the checkout's with one worker, against the
    compiled build's with one and with two. The first two build the package tables (a cold
    cache: the compiled code reads the packages itself), the last reads what its first kept."""
    runs = [(None, "1"), (site, "1"), (site, "2")]
    kept = Path(tempfile.mkdtemp(prefix="compiled-cache-", dir=tmp))
    outputs = []
    for k, (where, workers) in enumerate(runs):
        out = tmp / f"prelabels-{k}.jsonl"
        args = ["prelabel", str(sentences), "-o", str(out), "--workers", workers, *extra]
        _builder(args, where, tmp, None if where is None else kept)
        outputs.append((out.read_bytes(), out.with_suffix(".votes.parquet").read_bytes()))
    assert outputs[0][0], "no pre-labels written"
    for k, (jsonl, votes) in enumerate(outputs[1:], 1):
        assert jsonl == outputs[0][0], f"pre-labels differ: {runs[k]}"
        assert votes == outputs[0][1], f"votes differ: {runs[k]}"


def test_same_heuristics_listed(site: Path, tmp_path: Path) -> None:
    # Their descriptions too: a compiled function keeps no docstring (lf.py).
    for args in (["heuristics", "list"], ["heuristics", "list", "--json"]):
        listed = [_builder(args, where, tmp_path).stdout for where in (None, site)]
        assert "claim_cue_fallback" in listed[0]
        assert listed[1] == listed[0]


def test_same_bytes_on_the_samples(site: Path, tmp_path: Path) -> None:
    sentences = _sentences(SAMPLES, tmp_path)
    _same_prelabels(site, sentences, tmp_path)
    # A heuristic of each family's call left out: each of the others is called alone.
    left_out = "doc_memory,claim_quote_continuation,gazetteer_norp,cw_threshold"
    _same_prelabels(site, sentences, tmp_path, "--disable", left_out)


def test_same_bytes_on_generated_documents_with_and_without_a_model(
    site: Path, tmp_path: Path
) -> None:
    sentences = _sentences(_generated(tmp_path / "docs"), tmp_path)
    assert len(sentences.read_bytes().splitlines()) > 1500
    _same_prelabels(site, sentences, tmp_path)
    model = tmp_path / "model.crf"
    _builder(["learn", str(sentences), "--model-out", str(model)], None, tmp_path)
    _same_prelabels(site, sentences, tmp_path, "--model", str(model))


@pytest.mark.shared
def test_same_bytes_on_corpus_bbc(site: Path, tmp_path: Path) -> None:
    _same_prelabels(site, _sentences(shared_file("corpus", "bbc"), tmp_path), tmp_path)


# A sentence record with a negative index and a key the schema does not know, and a pre-label
# record with a model_version out of pattern and null classes: each reader refuses them.
_BAD_RECORDS = """
from builder.prelabel import structs
bad = b'{"id": "s1", "doc_id": "d", "index": -1, "start": 0, "end": 1, "text": "a", "x": 1}'
print(structs.sentence(bad) is None, structs.sentence(bad.replace(b"-1", b"0")) is None)
bad = b'{"sentence_id": "s", "model_version": "no", "entities": [], "claims": [],'
print(structs.prelabel(bad + b' "check_worthy": null, "sentiment": null}') is None)
"""


def test_the_records_checks_are_kept(site: Path, tmp_path: Path) -> None:
    """msgspec reads a Struct's constraints from its annotations: a compiled ``structs.py``
    would decode what the schema refuses (it is left out of the build; pyproject.toml)."""
    answers = []
    for where in (None, site):
        answers.append(_python(_BAD_RECORDS, where, tmp_path).split())
    assert answers[0] == ["True", "True", "True"]
    assert answers[1] == answers[0]


# How many lines of a sentences file are read once the labelling has started, then after its
# first unit of work, with one worker and with two.
_LAZY = """
import sys
from pathlib import Path
from builder.jsonl import numbered_lines
from builder.prelabel.apply import Prelabeler
from builder.prelabel.parallel import labelling
from builder.prelabel.registry import select
path, workers = Path(sys.argv[1]), int(sys.argv[2])
read = [0]
def lines():
    for line in numbered_lines(path):
        read[0] += 1
        yield line
with labelling(path, lines(), lambda: Prelabeler(select()), (), workers) as (_, worked):
    started = read[0]
    next(worked)
    print(started, read[0])
"""


@pytest.mark.parametrize("workers", [1, 2])
def test_the_input_streams(site: Path, tmp_path: Path, workers: int) -> None:
    """mypyc reads a generator expression whole when it is made: a stream written as one would
    hold the whole input in memory before the first sentence is labelled (docs/compiled.md)."""
    sentences = _sentences(_generated(tmp_path / "docs", documents=1500), tmp_path)
    total = len(sentences.read_bytes().splitlines())
    assert total > 10_000  # units of 500 sentences; two workers are sent some ahead
    for where in (None, site):
        printed = _python(_LAZY, where, tmp_path, str(sentences), str(workers))
        started, after_one = map(int, printed.split())
        assert after_one < total / 2, (where, started, after_one, total)
