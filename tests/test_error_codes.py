"""Every code of the README's error table, provoked through the CLI: the code and the exit code.

``CASES`` maps each code to how a user meets it (the files and the command line) and the exit
code the command must end with; the last test checks that the table and the README's codes are
the same set, so that a new code without a case here fails the suite (naming it).

Label Studio's errors come from a fake server on 127.0.0.1 (``tests/fake_studio.py``); a few
cases change the process (the executable lookup, the schema folder, a data file's path), which
is why the CLI runs in this process, through typer's runner; the one that kills a worker
process runs ``builder`` in a process of its own.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import orjson
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from builder.cli import app
from builder.errors import BuilderError
from builder.gold.resolve import as_policy
from builder.quality.devsets import as_gold_format
from tests.conftest import REPO, SAMPLES
from tests.fake_studio import TOKEN, FakeStudio, Reply


@dataclass(frozen=True)
class Outcome:
    exit_code: int
    stderr: str


@dataclass
class Ctx:
    """What a case needs to set itself up: a folder, the monkeypatch, fixtures on demand."""

    tmp: Path
    monkeypatch: pytest.MonkeyPatch
    stack: ExitStack
    request: pytest.FixtureRequest

    @property
    def built(self) -> Path:
        """`builder build` of the samples (sentences, pre-labels, a dataset): read only."""
        path: Path = self.request.getfixturevalue("built")
        return path

    def write(self, name: str, data: str | bytes) -> Path:
        path = self.tmp / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, str):
            path.write_text(data, encoding="utf-8")
        else:
            path.write_bytes(data)
        return path

    def jsonl(self, name: str, records: list[dict[str, Any]]) -> Path:
        return self.write(name, b"".join(orjson.dumps(r) + b"\n" for r in records))

    def cli(self, *args: str | Path) -> Outcome:
        result = CliRunner().invoke(app, [str(a) for a in args])
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            raise result.exception  # a traceback the user would have seen: fail with it
        return Outcome(result.exit_code, result.stderr)

    def studio(self, **kwargs: Any) -> FakeStudio:
        """A fake server, stopped when the case ends; the environment cannot redirect the CLI."""
        for var in ("LABEL_STUDIO_URL", "LABEL_STUDIO_API_KEY"):
            self.monkeypatch.delenv(var, raising=False)
        return self.stack.enter_context(FakeStudio(**kwargs))

    def studio_cli(self, fake: FakeStudio, command: str, *args: str | Path) -> Outcome:
        where: list[str | Path] = ["--url", fake.url, "--token", fake.token]
        where += ["--state", self.tmp / "no-state"]
        return self.cli("studio", command, *args, *where, "--project", "news")


@dataclass(frozen=True)
class Case:
    provoke: Callable[[Ctx], Outcome]
    exit_code: int
    # The code that leads the error line, when this one is listed inside another's message.
    under: str | None = None


# -- ingest ------------------------------------------------------------------------------------


def _ingest(ctx: Ctx, files: dict[str, bytes], *extra: str | Path) -> Outcome:
    docs = ctx.tmp / "docs"
    docs.mkdir(exist_ok=True)
    for name, data in files.items():
        (docs / name).write_bytes(data)
    return ctx.cli("ingest", docs, "-o", ctx.tmp / "documents.jsonl", *extra)


def _strict(files: dict[str, bytes]) -> Callable[[Ctx], Outcome]:
    return lambda ctx: _ingest(ctx, files, "--strict")


def _dangling(ctx: Ctx) -> Outcome:
    (ctx.tmp / "docs").mkdir()
    os.symlink(ctx.tmp / "missing.txt", ctx.tmp / "docs" / "dangling.txt")
    return _ingest(ctx, {}, "--strict")


def _bad_patterns(ctx: Ctx) -> Outcome:
    patterns = ctx.write("patterns.yaml", "rules:\n  - name: x\n    kind: nonsense\n")
    return _ingest(ctx, {"a.txt": b"A story."}, "--patterns", patterns)


def _unwritable(ctx: Ctx) -> Outcome:
    blocker = ctx.write("file.txt", "a file, not a folder")
    (ctx.tmp / "docs").mkdir()
    (ctx.tmp / "docs" / "a.txt").write_bytes(b"A story.")
    return ctx.cli("ingest", ctx.tmp / "docs", "-o", blocker / "documents.jsonl")


# -- segment, prelabel --------------------------------------------------------------------------

_DOC = {"id": "d1", "sha": "0" * 64, "text": "One. Two.", "source": "a.txt", "format": "text"}


def _bad_document(ctx: Ctx) -> Outcome:
    docs = ctx.jsonl("documents.jsonl", [{"id": 7}])
    return ctx.cli("segment", docs, "-o", ctx.tmp / "sentences.jsonl")


def _bad_rules(ctx: Ctx) -> Outcome:
    rules = ctx.write("rules.yaml", "titles: [Mr, no]\n")
    docs = ctx.jsonl("documents.jsonl", [_DOC])
    return ctx.cli("segment", docs, "--rules", rules, "-o", ctx.tmp / "sentences.jsonl")


def _bad_sentence(ctx: Ctx) -> Outcome:
    sentences = ctx.jsonl("sentences.jsonl", [{"id": "x", "text": 3}])
    return ctx.cli("prelabel", sentences, "-o", ctx.tmp / "prelabels.jsonl")


def _unknown_heuristic(ctx: Ctx) -> Outcome:
    out = ctx.tmp / "prelabels.jsonl"
    return ctx.cli("prelabel", ctx.built / "sentences.jsonl", "-o", out, "--disable", "nope")


def _bad_model(ctx: Ctx) -> Outcome:
    model = ctx.write("model.crf", b"builder entity-crf 1\n" + b"\x05" * 12)
    out = ctx.tmp / "prelabels.jsonl"
    return ctx.cli("prelabel", ctx.built / "sentences.jsonl", "-o", out, "--model", model)


def _nothing_to_learn(ctx: Ctx) -> Outcome:
    return ctx.cli("learn", ctx.built / "sentences.jsonl", "-o", ctx.tmp / "p.jsonl")


def _clear_label_caches() -> None:
    from builder.labels import labels

    labels.cache_clear()


def _bad_labels(ctx: Ctx) -> Outcome:
    import builder.labels

    folder = ctx.tmp / "schemas"
    ctx.write("schemas/labels.yaml", "version: 1\nentities: []\n")
    _clear_label_caches()
    ctx.stack.callback(_clear_label_caches)  # the next test reads the real schema again
    ctx.monkeypatch.setattr(builder.labels, "schema_dir", lambda: folder)
    return ctx.cli("prelabel", ctx.built / "sentences.jsonl", "-o", ctx.tmp / "prelabels.jsonl")


def _clear_cue_caches() -> None:
    from builder.datafiles import load_mapping
    from builder.prelabel.claims import fallback_words

    load_mapping.cache_clear()
    fallback_words.vocabulary.cache_clear()


def _bad_data_file(ctx: Ctx) -> Outcome:
    from builder.prelabel.claims import fallback_words

    cues = ctx.write("cues.yaml", "- said\n- told\n")  # a list, not the mapping of word lists
    _clear_cue_caches()
    ctx.stack.callback(_clear_cue_caches)
    ctx.monkeypatch.setattr(fallback_words, "CUES_FILE", cues)
    return ctx.cli("prelabel", ctx.built / "sentences.jsonl", "-o", ctx.tmp / "prelabels.jsonl")


# -- gold files and policies (checked by typer while parsing: see the README) -----------------


def _bad_gold(ctx: Ctx) -> Outcome:
    gold = ctx.jsonl("gold.jsonl", [{"doc_id": "d", "text": "Anna ."}])  # no entities
    return ctx.cli("heuristics", "report", "--gold", gold, "--format", "conll")


def _unknown_format(ctx: Ctx) -> Outcome:
    gold = ctx.jsonl("gold.jsonl", [{"text": "Anna ."}])
    return ctx.cli("heuristics", "report", "--gold", gold, "--format", "tsv")


def _unknown_policy(ctx: Ctx) -> Outcome:
    return _export(ctx, "--silver", "--policy", "vote")


# -- export, versions ---------------------------------------------------------------------------


def _export(
    ctx: Ctx, *extra: str | Path, sentences: Path | None = None, prelabels: Path | None = None
) -> Outcome:
    return ctx.cli(
        "export",
        "--sentences",
        sentences or ctx.built / "sentences.jsonl",
        "--prelabels",
        prelabels or ctx.built / "prelabels.jsonl",
        "--name",
        "news",
        "-o",
        ctx.tmp / "datasets",
        *extra,
    )


def _records(path: Path) -> list[dict[str, Any]]:
    return [orjson.loads(line) for line in path.read_bytes().splitlines()]


def _version_exists(ctx: Ctx) -> Outcome:
    (ctx.tmp / "datasets" / "news" / "0.1.0").mkdir(parents=True)
    return _export(ctx, "--silver", "--version", "0.1.0")


def _misaligned(ctx: Ctx) -> Outcome:
    """Every entity span cut inside a word: far above the share of misaligned silver spans."""
    sentences = _records(ctx.built / "sentences.jsonl")
    prelabels = _records(ctx.built / "prelabels.jsonl")
    for sent, pre in zip(sentences, prelabels, strict=True):
        text = sent["text"]
        at = next(i for i, ch in enumerate(text) if ch.isalpha() and text[i + 1 : i + 2].isalpha())
        pre["entities"] = [
            {"start": at + 1, "end": at + 2, "text": text[at + 1], "label": "ORG", "score": 0.9}
            | {"heuristics": ["x"]}
        ]
    return _export(ctx, "--silver", prelabels=ctx.jsonl("prelabels.jsonl", prelabels))


def _unjoined(ctx: Ctx) -> Outcome:
    prelabels = _records(ctx.built / "prelabels.jsonl")
    prelabels[3]["sentence_id"] = "0123456789abcdef"
    return _export(ctx, "--silver", prelabels=ctx.jsonl("prelabels.jsonl", prelabels))


def _nothing_changed(ctx: Ctx) -> Outcome:
    shutil.copytree(ctx.built / "datasets", ctx.tmp / "datasets")
    return _export(ctx, "--silver")


def _push_to_hub(ctx: Ctx) -> Outcome:
    ctx.monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    return _export(ctx, "--silver", "--push-to-hub", "someone/news")


def _bad_quality(ctx: Ctx) -> Outcome:
    return _export(ctx, "--silver", "--quality", ctx.write("eval.json", '{"rows": []}'))


def _worker_killed(ctx: Ctx) -> Outcome:
    """`builder export` in a process of its own, one of whose two workers is killed at once."""
    import psutil

    from tests.export.helpers import write_inputs
    from tests.worker_processes import kill_a_worker

    texts = (f"Story {i} says the harbour {i % 97} flooded." for i in range(20_000))
    sentences, prelabels = write_inputs(ctx.tmp, texts)
    args = ["--sentences", sentences, "--prelabels", prelabels, "--name", "news"]
    args += ["-o", ctx.tmp / "datasets", "--silver", "--workers", "2"]
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    child = subprocess.Popen(
        [sys.executable, "-m", "builder.cli", "export", *map(str, args)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        killed = kill_a_worker(psutil.Process(child.pid), lambda: child.poll() is None)
        _, stderr = child.communicate(timeout=120)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    assert killed, "no worker process seen"
    return Outcome(child.returncode, stderr)


def _ray_unreachable(ctx: Ctx) -> Outcome:
    """Nothing listens at the address: refused at once, before Ray tries for a minute."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    out = ctx.tmp / "out"
    return ctx.cli("build", SAMPLES, "-o", out, "--engine", "ray", "--address", f"127.0.0.1:{port}")


# -- Label Studio: the local server -------------------------------------------------------------


def _no_server_package(ctx: Ctx) -> Outcome:
    """Neither beside this Python nor on the PATH."""
    ctx.monkeypatch.setattr(sys, "executable", str(ctx.tmp / "bin" / "python"))
    ctx.monkeypatch.setenv("PATH", str(ctx.tmp / "bin"))
    return ctx.cli("studio", "up", "--state", ctx.tmp / "state")


def _start_failed(ctx: Ctx) -> Outcome:
    """A `label-studio` that fails: the first start (`label-studio init`) stops with E702."""
    tool = ctx.write("bin/label-studio", "#!/bin/sh\nexit 1\n")
    tool.chmod(0o755)
    ctx.monkeypatch.setattr(sys, "executable", str(ctx.tmp / "bin" / "python"))
    return ctx.cli("studio", "up", "--state", ctx.tmp / "state")


def _port_taken(ctx: Ctx) -> Outcome:
    state = ctx.tmp / "state"
    creds = {"email": "a@b.c", "password": "p", "token": "t"}
    ctx.write("state/credentials.json", orjson.dumps(creds))
    sock = ctx.stack.enter_context(socket.socket())
    sock.bind(("127.0.0.1", 0))
    sock.listen()
    port = str(sock.getsockname()[1])
    return ctx.cli("studio", "up", "--state", state, "--port", port)


def _damaged_state(ctx: Ctx) -> Outcome:
    ctx.write("state/server.json", "{not json")
    for var in ("LABEL_STUDIO_URL", "LABEL_STUDIO_API_KEY"):
        ctx.monkeypatch.delenv(var, raising=False)
    return ctx.cli("studio", "status", "--state", ctx.tmp / "state")


# -- Label Studio: the server's answers --------------------------------------------------------


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _unreachable(ctx: Ctx) -> Outcome:
    url = f"http://127.0.0.1:{_closed_port()}"
    state = ctx.tmp / "state"
    return ctx.cli("studio", "status", "--url", url, "--token", TOKEN, "--state", state)


def _wrong_token(ctx: Ctx) -> Outcome:
    fake = ctx.studio(token="the-right-one")
    return ctx.cli(
        "studio", "status", "--url", fake.url, "--token", TOKEN, "--state", ctx.tmp / "s"
    )


def _no_project(ctx: Ctx) -> Outcome:
    fake = ctx.studio()
    return ctx.studio_cli(fake, "pull", "-o", ctx.tmp / "annotations")


def _server_error(ctx: Ctx) -> Outcome:
    fake = ctx.studio(routes={("GET", "/api/projects/"): Reply(400, {"detail": "bad page"})})
    return ctx.studio_cli(fake, "pull", "-o", ctx.tmp / "annotations")


def _not_json(ctx: Ctx) -> Outcome:
    html = Reply(200, b"<html>a proxy page</html>", "application/json")
    fake = ctx.studio(routes={("GET", "/api/current-user/whoami"): html})
    return ctx.studio_cli(fake, "pull", "-o", ctx.tmp / "annotations")


def _no_token(ctx: Ctx) -> Outcome:
    for var in ("LABEL_STUDIO_URL", "LABEL_STUDIO_API_KEY"):
        ctx.monkeypatch.delenv(var, raising=False)
    url = f"http://127.0.0.1:{_closed_port()}"
    return ctx.cli("studio", "status", "--url", url, "--state", ctx.tmp / "state")


def _project(config: str) -> dict[str, Any]:
    return {"id": 3, "title": "news", "label_config": config, "task_number": 0}


def _current_config() -> str:
    from builder.labels import labels
    from builder.studio.label_config import label_config

    return label_config(labels())


def _push(ctx: Ctx, fake: FakeStudio, prelabels: Path | None = None) -> Outcome:
    prelabels = prelabels or ctx.built / "prelabels.jsonl"
    return ctx.studio_cli(fake, "push", prelabels, "--sentences", ctx.built / "sentences.jsonl")


def _bad_prelabels(ctx: Ctx) -> Outcome:
    prelabels = _records(ctx.built / "prelabels.jsonl")
    prelabels[-1]["model_version"] = "heuristics-ffffffffffff"
    return _push(ctx, ctx.studio(project=_project(_current_config())), _jsonl(ctx, prelabels))


def _jsonl(ctx: Ctx, records: list[dict[str, Any]]) -> Path:
    return ctx.jsonl("prelabels.jsonl", records)


def _invalid_prediction(ctx: Ctx) -> Outcome:
    prelabels = _records(ctx.built / "prelabels.jsonl")
    sentences = {s["id"]: s["text"] for s in _records(ctx.built / "sentences.jsonl")}
    pre = next(p for p in prelabels if p["entities"])
    entity = pre["entities"][0]
    # Inside its sentence, so every reader's record check passes; but quoting other text than
    # the sentence holds there, which no prediction may (the push checks each one last).
    entity["text"] = "not " + sentences[pre["sentence_id"]][entity["start"] : entity["end"]]
    return _push(ctx, ctx.studio(project=_project(_current_config())), _jsonl(ctx, prelabels))


def _config_mismatch(ctx: Ctx) -> Outcome:
    return _push(ctx, ctx.studio(project=_project("<View></View>")))


def _gave_up(ctx: Ctx) -> Outcome:
    from builder.studio import apply

    # The back-off between the attempts is not what this case is about.
    ctx.monkeypatch.setattr(
        apply, "time", SimpleNamespace(sleep=lambda s: None, perf_counter=time.perf_counter)
    )
    failing = Reply(503, {"detail": "busy"})
    empty = Reply(200, {"tasks": [], "total": 0, "total_annotations": 0, "total_predictions": 0})
    routes = {("POST", r"/api/projects/3/import"): failing, ("GET", "/api/tasks/"): empty}
    return _push(ctx, ctx.studio(project=_project(_current_config()), routes=routes))


def _annotated(region: dict[str, Any], text: str = "Kyiv is calm.") -> list[dict[str, Any]]:
    """One exported task whose one annotation holds ``region``."""
    annotation = {
        "id": 11,
        "completed_by": 1,
        "result": [region],
        "was_cancelled": False,
        "ground_truth": False,
        "created_at": "2026-01-01T00:00:00Z",
        "updated_at": "2026-01-01T00:00:00Z",
        "lead_time": 1.0,
    }
    data = {"text": text, "sentence_id": "0123456789abcdef", "doc_id": "d"}
    return [{"id": 5, "data": data, "annotations": [annotation], "drafts": []}]


def _region(start: int, end: int, text: str, label: str = "GPE") -> dict[str, Any]:
    value = {"start": start, "end": end, "text": text, "labels": [label]}
    return {"id": "r1", "from_name": "ner", "to_name": "text", "type": "labels", "value": value}


def _pull(ctx: Ctx, tasks: list[dict[str, Any]]) -> Outcome:
    fake = ctx.studio(project=_project(_current_config()), tasks=tasks)
    return ctx.studio_cli(fake, "pull", "-o", ctx.tmp / "annotations")


def _orphans(ctx: Ctx) -> Outcome:
    config = _current_config().replace(
        '<Labels name="ner" toName="text" showInline="true">',
        '<Labels name="ner" toName="text" showInline="true">\n    <Label value="RETIRED"/>',
    )
    assert 'value="RETIRED"' in config
    tasks = _annotated(_region(0, 4, "Kyiv", "RETIRED"))
    fake = ctx.studio(project=_project(config), tasks=tasks)
    return ctx.studio_cli(fake, "init")


def _no_snapshot(ctx: Ctx) -> Outcome:
    fake = ctx.studio(project=_project(_current_config()))
    return ctx.studio_cli(fake, "adjudicate", "--annotations", ctx.tmp / "annotations")


# -- gold from annotation snapshots --------------------------------------------------------------


def _no_annotations(ctx: Ctx) -> Outcome:
    built = ctx.built
    return ctx.cli(
        "eval",
        built / "sentences.jsonl",
        "--prelabels",
        built / "prelabels.jsonl",
        "--annotations",
        ctx.tmp / "nowhere",
        "-o",
        ctx.tmp / "eval.json",
    )


BINARY = {"scan.txt": b"abc\x00\x01"}


def _not_a_file(ctx: Ctx) -> Outcome:
    os.mkfifo(ctx.tmp / "fifo")
    return _ingest(ctx, {"a.txt": b"A story."}, "--report", ctx.tmp / "fifo")


def _bad_votes(ctx: Ctx) -> Outcome:
    """A votes file whose header (the parquet footer) is sound but whose rows are damaged."""
    for name in ("sentences.jsonl", "prelabels.jsonl"):
        (ctx.tmp / name).write_bytes((ctx.built / name).read_bytes())
    votes = ctx.built / "prelabels.votes.parquet"
    data = bytearray(votes.read_bytes())
    # The header of the first page of the first row group's widest column: rows, not footer.
    # (A fixed place such as a third of the file may fall inside values that still decode.)
    group = pq.ParquetFile(votes).metadata.row_group(0)
    widest = max(range(group.num_columns), key=lambda c: group.column(c).total_compressed_size)
    chunk = group.column(widest)
    page = chunk.dictionary_page_offset or chunk.data_page_offset
    data[page : page + 64] = b"\xff" * 64
    ctx.write("prelabels.votes.parquet", bytes(data))
    return ctx.cli(
        "heuristics",
        "report",
        "--sentences",
        ctx.tmp / "sentences.jsonl",
        "--votes",
        ctx.tmp / "prelabels.votes.parquet",
    )


def _no_dataset(ctx: Ctx) -> Outcome:
    return ctx.cli("versions", ctx.tmp / "missing")


def _damaged_version(ctx: Ctx) -> Outcome:
    (ctx.tmp / "news" / "0.1.0").mkdir(parents=True)
    ctx.write("news/0.1.0/manifest.json", "{}")
    return ctx.cli("versions", ctx.tmp / "news")


def _bad_timeout(ctx: Ctx) -> Outcome:
    ctx.monkeypatch.setenv("BUILDER_STUDIO_TIMEOUT", "soon")
    fake = ctx.studio()
    return ctx.cli("studio", "status", "--url", fake.url, "--token", fake.token)


def _internal_error(ctx: Ctx) -> Outcome:
    """A bug (an exception no code describes) in the middle of a command."""

    def broken(*args: object, **kwargs: object) -> object:
        raise RuntimeError("a bug")

    ctx.monkeypatch.setattr("builder.pipeline.ingest.ingest_inputs", broken)
    return _ingest(ctx, {"a.txt": b"A story."})


SAME_ID = b'{"id": "a", "text": "One story."}\n{"id": "a", "text": "Another story."}\n'

CASES: dict[str, Case] = {
    "E101": Case(_dangling, 1),
    "E102": Case(_strict(BINARY), 1),
    "E103": Case(_strict({"latin1.txt": b"caf\xe9\n"}), 1),
    "E104": Case(_strict({"empty.txt": b"  \n\n"}), 1),
    "E105": Case(_strict({"bad.jsonl": b'{"id": "x", "text": \n'}), 1),
    "E106": Case(_strict({"notext.jsonl": b'{"id": "n", "body": "x"}\n'}), 1),
    "E107": Case(_strict({"a.txt": b"The same story.", "b.txt": b"The same story."}), 1),
    "E108": Case(_strict({"scan.pdf": b"%PDF-1.4"}), 1),
    "E109": Case(_strict({"wire.jsonl": SAME_ID}), 1),
    "E110": Case(_strict({}), 1),
    "E111": Case(_bad_patterns, 1),
    "E112": Case(_unwritable, 1),
    "E113": Case(lambda ctx: _ingest(ctx, BINARY), 1),
    "E114": Case(_not_a_file, 1),
    "E115": Case(_strict({"ids.jsonl": b'{"id": {"a": 1}, "text": "A story."}\n'}), 1),
    "E201": Case(_bad_document, 1),
    "E202": Case(_bad_rules, 2),
    "E203": Case(_bad_sentence, 1),
    "E204": Case(_unknown_heuristic, 2),
    "E205": Case(_bad_votes, 1),
    "E206": Case(_bad_model, 1),
    "E301": Case(_bad_labels, 2),
    "E302": Case(_bad_gold, 1),
    "E303": Case(_unknown_format, 2),
    "E401": Case(_bad_data_file, 1),
    "E501": Case(_version_exists, 1),
    "E502": Case(_misaligned, 1),
    "E503": Case(_unjoined, 1),
    "E504": Case(_export, 1),
    "E505": Case(_nothing_changed, 1),
    "E506": Case(lambda ctx: _export(ctx, "--silver", "--version", "1.0"), 2),
    "E507": Case(_push_to_hub, 3),
    "E510": Case(lambda ctx: _export(ctx, "--silver", "--name", "../x"), 2),
    "E511": Case(_no_dataset, 1),
    "E512": Case(_damaged_version, 1),
    "E520": Case(_ray_unreachable, 3),
    "E508": Case(_bad_quality, 1),
    "E509": Case(_worker_killed, 1),
    "E601": Case(lambda ctx: _pull(ctx, _annotated(_region(3, 40, "x"))), 1, under="E730"),
    "E701": Case(_no_server_package, 3),
    "E702": Case(_start_failed, 3),
    "E703": Case(_damaged_state, 1),
    "E704": Case(_port_taken, 3),
    "E710": Case(_unreachable, 3),
    "E711": Case(_wrong_token, 3),
    "E712": Case(_no_project, 1),
    "E713": Case(_server_error, 1),
    "E714": Case(_not_json, 1),
    "E715": Case(_no_token, 2),
    "E716": Case(_bad_timeout, 2),
    "E720": Case(_bad_prelabels, 1),
    "E721": Case(_invalid_prediction, 1),
    "E722": Case(_config_mismatch, 1),
    "E723": Case(_gave_up, 1),
    "E724": Case(_orphans, 1),
    "E730": Case(lambda ctx: _pull(ctx, _annotated(_region(0, 4, "Kiev"))), 1),
    "E740": Case(_no_snapshot, 1),
    "E741": Case(lambda ctx: ctx.cli("studio", "annotators", "--state", ctx.tmp / "none"), 1),
    "E801": Case(_no_annotations, 1),
    "E802": Case(_unknown_policy, 2),
    "E803": Case(_nothing_to_learn, 2),
    "E900": Case(_internal_error, 1),
}

# Choices typer checks while it parses the command line, before any of our code runs: the user
# sees typer's usage error (exit 2) listing the choices; the code is what the API raises.
PARSED_BY_TYPER: dict[str, Callable[[], object]] = {
    "E303": lambda: as_gold_format("tsv"),
    "E802": lambda: as_policy("vote"),
}


@pytest.fixture
def ctx(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest
) -> Iterator[Ctx]:
    with ExitStack() as stack:
        yield Ctx(tmp_path, monkeypatch, stack, request)


def _prediction_quoting_other_text() -> None:
    """The push's last check of a prediction, called with a record no reader checked (a
    region past the end of its sentence)."""
    from builder.labels import labels
    from builder.model import Sentence
    from builder.studio.label_config import label_config
    from builder.studio.local import Local, predictions

    sent = Sentence("s1", "d1", 0, 0, 12, "Ann met Bob.")
    record = {
        "sentence_id": "s1",
        "model_version": "heuristics-x",
        "entities": [{"start": 8, "end": 20, "text": "Bob.", "label": "PERSON", "score": 0.9}],
        "claims": [],
        "check_worthy": {"label": "no", "score": 0.5, "heuristics": []},
        "sentiment": {"label": "neutral", "score": 0.5, "heuristics": []},
    }
    local = Local([sent], {"s1": ("", "")}, {"s1": record}, "heuristics-x")
    predictions(local, label_config(labels()), [sent])


# Codes that every reader's record checks now pre-empt on the command line (the earlier code
# is what a user sees), kept as the last guard against a conversion bug: checked by calling it.
PREEMPTED: dict[str, tuple[str, Callable[[], object]]] = {
    "E721": ("E720", _prediction_quoting_other_text),
}


@pytest.mark.parametrize("code", sorted(CASES))
def test_each_code_reaches_the_user_with_its_exit_code(ctx: Ctx, code: str) -> None:
    case = CASES[code]
    got = case.provoke(ctx)
    assert got.exit_code == case.exit_code, got.stderr
    assert "Traceback" not in got.stderr, got.stderr
    if code in PREEMPTED:
        earlier, guard = PREEMPTED[code]
        assert re.search(rf"^error: {earlier} ", got.stderr, re.MULTILINE), got.stderr
        with pytest.raises(BuilderError) as raised:
            guard()
        assert raised.value.code == code and raised.value.exit_code == case.exit_code
        return
    if code in PARSED_BY_TYPER:
        assert "Invalid value" in got.stderr, got.stderr
        with pytest.raises(BuilderError) as raised:
            PARSED_BY_TYPER[code]()
        assert raised.value.code == code and raised.value.exit_code == case.exit_code
        return
    lead = case.under or code
    assert re.search(rf"^error: {lead} ", got.stderr, re.MULTILINE), got.stderr
    assert code in got.stderr, got.stderr


def test_every_code_of_the_readme_has_a_case() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^\| (E\d{3}) \|", readme, re.MULTILINE))
    missing, stale = sorted(documented - set(CASES)), sorted(set(CASES) - documented)
    if missing or stale:
        print(
            f"codes without a case in tests/test_error_codes.py: {missing}; cases of codes "
            f"the README no longer lists: {stale}"
        )
    assert not missing, f"add a row to CASES for each of {missing}"
    assert not stale, f"remove the rows of {stale}"
