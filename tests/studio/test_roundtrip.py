"""The Label Studio round trip against a real server: push, annotate, re-push, pull, errors."""

from __future__ import annotations

import json
import signal
import socket
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from typing import Any, ClassVar

import pytest
from typer.testing import CliRunner

from builder.cli import app
from builder.errors import BuilderError
from builder.jsonl import read_records, write_records
from builder.labels import load_labels
from builder.prelabel.registry import registry
from builder.studio.project import init as init_project
from builder.studio.pseudonyms import key as pseudonym_key
from builder.studio.pull import slug
from tests.conftest import REPO
from tests.studio.conftest import Project, Server

pytestmark = pytest.mark.studio


def _region(rid: str, control: str, text: str, start: int, end: int, label: str) -> dict[str, Any]:
    return {
        "id": rid,
        "from_name": control,
        "to_name": "text",
        "type": "labels",
        "value": {"start": start, "end": end, "text": text[start:end], "labels": [label]},
    }


def _choice(control: str, value: str, rid: str | None = None) -> dict[str, Any]:
    item: dict[str, Any] = {
        "id": rid or control,
        "from_name": control,
        "to_name": "text",
        "type": "choices",
        "value": {"choices": [value]},
    }
    return item


def _relation(frm: str, to: str, label: str) -> dict[str, Any]:
    return {
        "type": "relation",
        "from_id": frm,
        "to_id": to,
        "direction": "right",
        "labels": [label],
    }


def _sentences(corpus: Path) -> list[dict[str, Any]]:
    return list(read_records(corpus / "sentences.jsonl"))


def _ok(result: Any) -> str:
    assert result.exit_code == 0, result.output
    return str(result.output)


def _plan(result: Any) -> dict[str, Any]:
    """The JSON plan a `push --json` printed on stdout (warnings go to stderr)."""
    assert result.exit_code == 0, result.output
    plan: dict[str, Any] = json.loads(result.stdout)
    return plan


def test_push_twice_creates_every_task_once(project: Project, corpus: Path) -> None:
    sentences = _sentences(corpus)
    version = next(read_records(corpus / "prelabels.jsonl"))["model_version"]
    plan = _plan(project.cli("push", str(corpus / "prelabels.jsonl"), "--dry-run", "--json"))
    assert plan["counts"]["create"] == len(sentences)
    assert project.tasks() == [], "a dry run changes nothing"

    _ok(project.cli("push", str(corpus / "prelabels.jsonl")))
    first = project.tasks()
    assert sorted(t["data"]["sentence_id"] for t in first) == sorted(s["id"] for s in sentences)
    assert all([p["model_version"] for p in t["predictions"]] == [version] for t in first)
    assert project.live.studio.project(project.id)["model_version"] == version

    again = _plan(project.cli("push", str(corpus / "prelabels.jsonl"), "--json"))
    assert again["counts"]["create"] == 0
    assert again["counts"]["skip (current)"] == len(sentences)
    assert [t["id"] for t in project.tasks()] == [t["id"] for t in first]


def _new_version(corpus: Path, tmp_path: Path) -> Path:
    """The same sentences pre-labelled by another heuristics set (one heuristic off)."""
    folder = tmp_path / "v2"
    folder.mkdir()
    (folder / "sentences.jsonl").write_bytes((corpus / "sentences.jsonl").read_bytes())
    off = registry()[0].name
    result = CliRunner().invoke(
        app,
        [
            "prelabel",
            str(folder / "sentences.jsonl"),
            "-o",
            str(folder / "prelabels.jsonl"),
            "--disable",
            off,
        ],
    )
    _ok(result)
    return folder / "prelabels.jsonl"


def test_new_heuristics_version_never_touches_annotated_tasks(
    project: Project, corpus: Path, tmp_path: Path
) -> None:
    _ok(project.cli("push", str(corpus / "prelabels.jsonl")))
    old_version = project.live.studio.project(project.id)["model_version"]
    sentences = _sentences(corpus)
    target = project.task_for(sentences[0]["id"])
    text = target["data"]["text"]
    made = project.annotate(
        target["id"],
        [
            _region("h1", "ner", text, 0, len(text.split()[0]), "ORG"),
            _choice("sentiment", "neutral"),
        ],
        lead_time=4.2,
        parent_prediction=target["predictions"][0]["id"],
    )
    before = project.live.sdk.annotations.get(id=made.id).model_dump()
    task_before = project.task_for(sentences[0]["id"])

    newer = _new_version(corpus, tmp_path)
    new_version = next(read_records(newer))["model_version"]
    assert new_version != old_version
    # Small batches: the renewal takes several rounds of deleting and importing.
    plan = _plan(project.cli("push", str(newer), "--json", "--batch-size", "20"))
    assert plan["counts"]["update"] == len(sentences) - 1
    assert plan["counts"]["skip (human work)"] == 1

    after = project.live.sdk.annotations.get(id=made.id).model_dump()
    assert after["result"] == before["result"]
    assert after["updated_at"] == before["updated_at"]
    tasks = {t["data"]["sentence_id"]: t for t in project.tasks()}
    assert tasks[sentences[0]["id"]] == task_before, "the annotated task is exactly as it was"
    assert len(tasks) == len(sentences), "renewing creates no second task for a sentence"
    for sent in sentences[1:]:
        versions = [p["model_version"] for p in tasks[sent["id"]]["predictions"]]
        assert versions == [new_version], "one prediction per untouched task: the current one"
    assert project.live.studio.project(project.id)["model_version"] == new_version
    # And once more: nothing left to do.
    plan = _plan(project.cli("push", str(newer), "--json"))
    assert plan["counts"]["update"] == plan["counts"]["create"] == 0


def test_pull_gives_back_exactly_what_was_annotated(
    project: Project, corpus: Path, tmp_path: Path
) -> None:
    _ok(project.cli("push", str(corpus / "prelabels.jsonl")))
    sentences = [s for s in _sentences(corpus) if len(s["text"].split()) >= 6]
    one, two, three = (project.task_for(s["id"]) for s in sentences[:3])
    text = one["data"]["text"]
    words = text.split()
    w0 = len(words[0])
    w1_start = text.index(words[1], w0)
    w1_end = w1_start + len(words[1])
    w2_start = text.index(words[2], w1_end)
    project.annotate(
        one["id"],
        [
            _region("e1", "ner", text, 0, w0, "PERSON"),
            _region("c1", "claim", text, w2_start, len(text), "CLAIM"),
            _choice("quote", "direct", "c1") | {"value": {"choices": ["direct"]}},
            _region("s1", "claim", text, 0, w0, "SOURCE"),
            _region("k1", "claim", text, w1_start, w1_end, "CUE"),
            _relation("c1", "s1", "source"),
            _relation("c1", "k1", "cue"),
            _choice("check_worthy", "yes"),
            _choice("sentiment", "negative"),
        ],
        lead_time=12.5,
    )
    project.annotate(two["id"], [], was_cancelled=True)
    text3 = three["data"]["text"]
    project.annotate(three["id"], [_choice("sentiment", "positive")])
    project.annotate(three["id"], [_choice("sentiment", "neutral")])

    out = tmp_path / "annotations"
    _ok(project.cli("pull", "-o", str(out)))
    folder = out / slug(project.title)
    pointer = json.loads((folder / "latest.json").read_text())
    records = list(read_records(folder / pointer["records"]))
    assert len(records) == 4
    by_task: dict[int, list[dict[str, Any]]] = {}
    for record in records:
        by_task.setdefault(record["task_id"], []).append(record)
        # A pseudonym: the e-mail stays on the server, the key in the state folder.
        assert record["annotator"].startswith("annotator-")
        assert pseudonym_key(project.live.state)[record["annotator"]] == "admin@localhost.local"
        for entity in record["entities"]:
            assert record["text"][entity["start"] : entity["end"]]
    (first,) = by_task[one["id"]]
    assert first["sentence_id"] == one["data"]["sentence_id"]
    assert first["text"] == text
    assert first["lead_time"] == 12.5
    assert first["entities"] == [{"start": 0, "end": w0, "label": "PERSON"}]
    assert first["claims"] == [
        {
            "claim": {"start": w2_start, "end": len(text)},
            "source": {"start": 0, "end": w0},
            "cue": {"start": w1_start, "end": w1_end},
            "direct": True,
        }
    ]
    assert text[w1_start:w1_end] == words[1]
    assert (first["check_worthy"], first["sentiment"]) == ("yes", "negative")
    (skipped,) = by_task[two["id"]]
    assert skipped["was_cancelled"] and skipped["entities"] == [] and skipped["sentiment"] is None
    assert sorted(r["sentiment"] for r in by_task[three["id"]]) == ["neutral", "positive"]
    assert all(r["text"] == text3 for r in by_task[three["id"]])
    assert pointer["annotations"] == 4 and pointer["of which skipped/cancelled"] == 1

    files = {p.name: p.read_bytes() for p in folder.iterdir()}
    assert not any(b"localhost.local" in content for content in files.values())
    assert "unchanged" in _ok(project.cli("pull", "-o", str(out)))
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == files


def test_a_shifted_span_stops_the_pull_and_names_the_task(
    project: Project, corpus: Path, tmp_path: Path
) -> None:
    _ok(project.cli("push", str(corpus / "prelabels.jsonl")))
    task = project.task_for(_sentences(corpus)[0]["id"])
    bad = _region("x", "ner", task["data"]["text"], 0, 4, "ORG")
    bad["value"]["text"] = "shifted"
    project.annotate(task["id"], [bad])
    out = tmp_path / "annotations"
    result = project.cli("pull", "-o", str(out))
    assert result.exit_code == 1
    assert "E730" in result.output and f"task {task['id']}" in result.output
    assert not out.exists() or not any(out.rglob("*.jsonl"))


def test_an_interrupted_push_converges_on_rerun(project: Project, corpus: Path) -> None:
    sentences = _sentences(corpus)
    builder = Path(sys.executable).with_name("builder")
    args = [str(builder), "studio", "push", str(corpus / "prelabels.jsonl"), "--batch-size", "1"]
    args += ["--state", str(project.live.state), "--project", project.title]
    child = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if project.live.studio.project(project.id).get("task_number", 0) >= 3:
            break
        time.sleep(0.05)
    child.send_signal(signal.SIGKILL)  # a crash, mid-push
    child.wait()
    partial = len(project.tasks())
    assert 0 < partial < len(sentences), "the push must have been cut in the middle"
    _ok(project.cli("push", str(corpus / "prelabels.jsonl")))
    ids = [t["data"]["sentence_id"] for t in project.tasks()]
    assert sorted(ids) == sorted(s["id"] for s in sentences)


def test_changed_sentences(project: Project, corpus: Path, tmp_path: Path) -> None:
    """Annotated and changed: a conflict, never re-created. Untouched and changed: replaced."""
    _ok(project.cli("push", str(corpus / "prelabels.jsonl")))
    sentences = _sentences(corpus)
    prelabels = list(read_records(corpus / "prelabels.jsonl"))
    annotated, untouched = sentences[0], sentences[5]
    task = project.task_for(annotated["id"])
    project.annotate(task["id"], [_choice("sentiment", "neutral")])

    edited = tmp_path / "edited"
    old_ids = annotated["id"], untouched["id"]
    new_ids = {sid: sid[:-4] + "beef" for sid in old_ids}
    for sent, pre in zip(sentences, prelabels, strict=True):
        if sent["id"] in new_ids:
            sent.update(id=new_ids[sent["id"]], text=sent["text"] + " Indeed.", end=sent["end"] + 8)
            pre["sentence_id"] = sent["id"]
    write_records(edited / "sentences.jsonl", sentences)
    write_records(edited / "prelabels.jsonl", prelabels)
    plan = _plan(project.cli("push", str(edited / "prelabels.jsonl"), "--json"))
    assert [c["task_id"] for c in plan["conflicts"]] == [task["id"]]
    assert plan["counts"]["create"] == 1 and plan["counts"]["stale"] == 1
    ids = {t["data"]["sentence_id"] for t in project.tasks()}
    was_annotated, was_untouched = old_ids
    assert new_ids[was_annotated] not in ids, "the changed annotated sentence is not re-created"
    assert {was_annotated, was_untouched, new_ids[was_untouched]} <= ids
    # Pruning removes the untouched stale copy, never the annotated task.
    _ok(project.cli("push", str(edited / "prelabels.jsonl"), "--prune"))
    remaining = {t["data"]["sentence_id"] for t in project.tasks()}
    assert was_annotated in remaining and was_untouched not in remaining
    assert len(remaining) == len(sentences)


def test_init_refuses_to_orphan_annotations(
    live: Server, project: Project, corpus: Path, tmp_path: Path
) -> None:
    _ok(project.cli("push", str(corpus / "prelabels.jsonl")))
    task = project.task_for(_sentences(corpus)[0]["id"])
    project.annotate(task["id"], [_region("l", "ner", task["data"]["text"], 0, 3, "LANGUAGE")])
    schema_text = (REPO / "schemas" / "labels.yaml").read_text()

    def without(label: str) -> Path:
        path = tmp_path / f"labels-{label}.yaml"
        kept = [line for line in schema_text.splitlines() if f"name: {label}," not in line]
        path.write_text("\n".join(kept) + "\n")
        return path

    with pytest.raises(BuilderError) as refused:
        init_project(live.studio, project.title, load_labels(without("LANGUAGE")))
    assert refused.value.code == "E724" and "ner:LANGUAGE (1 uses)" in refused.value.message
    assert 'value="LANGUAGE"' in live.studio.project(project.id)["label_config"]
    _, action = init_project(live.studio, project.title, load_labels(without("LAW")))
    assert action == "updated"
    assert 'value="LAW"' not in live.studio.project(project.id)["label_config"]
    # The project's config now differs from the schema: push says so instead of guessing.
    result = project.cli("push", str(corpus / "prelabels.jsonl"))
    assert result.exit_code == 1 and "E722" in result.output


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_wrong_token_unreachable_server_and_malformed_answers(
    live: Server, project: Project, corpus: Path, tmp_path: Path
) -> None:
    out = tmp_path / "annotations"
    runner = CliRunner()
    common = ["--project", project.title, "--state", str(tmp_path / "no-state")]
    wrong = runner.invoke(
        app, ["studio", "pull", "-o", str(out), "--url", live.url, "--token", "x" * 40, *common]
    )
    assert wrong.exit_code == 3 and "E711" in wrong.output and "token" in wrong.output
    nowhere = runner.invoke(
        app, ["studio", "pull", "-o", str(out), "--state", str(live.state), "--project", "nope"]
    )
    assert nowhere.exit_code == 1 and "E712" in nowhere.output and "nope" in nowhere.output

    down = f"http://127.0.0.1:{_closed_port()}"
    gone = runner.invoke(
        app,
        [
            "studio",
            "push",
            str(corpus / "prelabels.jsonl"),
            "--url",
            down,
            "--token",
            "t" * 40,
            *common,
        ],
    )
    assert gone.exit_code == 3 and "E710" in gone.output
    no_server = runner.invoke(app, ["studio", "status", *common])
    assert no_server.exit_code == 3 and "builder studio up" in no_server.output

    class NotJson(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(b"<html>not json")

        def log_message(self, *args: Any) -> None:
            pass

    httpd = HTTPServer(("127.0.0.1", 0), NotJson)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        odd = runner.invoke(
            app,
            [
                "studio",
                "pull",
                "-o",
                str(out),
                "--url",
                f"http://127.0.0.1:{httpd.server_port}",
                "--token",
                "t" * 40,
                *common,
            ],
        )
    finally:
        httpd.shutdown()
    assert odd.exit_code == 1 and "E714" in odd.output
    assert not out.exists(), "no local state changed"


def test_status_reports_the_server_without_leaking_the_token(
    live: Server, project: Project
) -> None:
    import psutil

    output = _ok(project.cli("status"))
    assert "Label Studio 1.23" in output and "config current" in output
    creds = json.loads((live.state / "credentials.json").read_text())
    assert creds["token"] not in output
    assert live.url in live.up_output and "log in as" in live.up_output
    for said in (live.up_output, *(p.read_text() for p in live.state.glob("*.log"))):
        assert creds["token"] not in said and creds["password"] not in said
    port = int(live.url.rsplit(":", 1)[1])
    listening = {
        c.laddr.ip
        for c in psutil.net_connections(kind="inet")
        if c.status == psutil.CONN_LISTEN and c.laddr.port == port
    }
    assert listening == {"127.0.0.1"}, "bound to the loopback interface only"
    assert (live.state / "credentials.json").stat().st_mode & 0o077 == 0
    assert "127.0.0.1" in json.loads((live.state / "server.json").read_text())["url"]


def _draft(live: Server, task_id: int, result: list[dict[str, Any]]) -> None:
    """A draft, as the editor saves one while an annotator is still working (no SDK call)."""
    import httpx

    token = json.loads((live.state / "credentials.json").read_text())["token"]
    answer = httpx.post(
        f"{live.url}/api/tasks/{task_id}/drafts",
        headers={"Authorization": f"Token {token}"},
        json={"result": result, "lead_time": 1.0},
    )
    assert answer.status_code == 201, answer.text


def test_drafts_count_as_human_work_and_deleted_tasks_are_reported(
    live: Server, project: Project, corpus: Path, tmp_path: Path
) -> None:
    _ok(project.cli("push", str(corpus / "prelabels.jsonl")))
    sentences = _sentences(corpus)
    drafted, annotated, doomed = (project.task_for(s["id"]) for s in sentences[:3])
    _draft(live, drafted["id"], [_choice("sentiment", "neutral")])
    project.annotate(annotated["id"], [_choice("sentiment", "positive")])
    _draft(live, annotated["id"], [_choice("sentiment", "negative")])
    project.annotate(doomed["id"], [_choice("sentiment", "negative")])

    newer = _new_version(corpus, tmp_path)
    plan = _plan(project.cli("push", str(newer), "--json"))
    assert plan["counts"]["skip (human work)"] == 3, "a draft is human work: never touched"

    out = tmp_path / "annotations"
    _ok(project.cli("pull", "-o", str(out)))
    folder = out / slug(project.title)
    pointer = json.loads((folder / "latest.json").read_text())
    assert pointer["annotations"] == 2
    assert pointer["drafts on annotated tasks (not pulled)"] == 1
    records = list(read_records(folder / pointer["records"]))
    assert {r["sentiment"] for r in records} == {"positive", "negative"}

    live.studio.delete_task(int(doomed["id"]))
    result = project.cli("pull", "-o", str(out))
    assert "1 sentences annotated in the last snapshot have no annotation now" in _ok(result)
    pointer = json.loads((folder / "latest.json").read_text())
    assert pointer["tasks gone since last pull"] == 1 and pointer["annotations"] == 1
    assert len(list(folder.glob("*.jsonl"))) == 2, "the earlier snapshot stays"


class _FlakyProxy(BaseHTTPRequestHandler):
    """Forwards to the real server; the first task import is committed upstream but answered
    with 502, as when a gateway drops the answer of a request that did land."""

    upstream = ""
    failed: ClassVar[list[str]] = []

    def _forward(self) -> None:
        import httpx

        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else None
        headers = {k: v for k, v in self.headers.items() if k.lower() not in ("host", "content-length")}  # fmt: skip
        answer = httpx.request(
            self.command, self.upstream + self.path, content=body, headers=headers, timeout=600
        )
        if (
            self.command == "POST"
            and self.path.split("?")[0].endswith("/import")
            and not self.failed
        ):
            self.failed.append(self.path)
            self.send_response(502)
            self.end_headers()
            self.wfile.write(b"bad gateway")
            return
        self.send_response(answer.status_code)
        for key, value in answer.headers.items():
            if key.lower() not in ("content-length", "transfer-encoding", "content-encoding", "connection"):  # fmt: skip
                self.send_header(key, value)
        self.send_header("Content-Length", str(len(answer.content)))
        self.end_headers()
        self.wfile.write(answer.content)

    do_GET = do_POST = do_PATCH = do_DELETE = _forward

    def log_message(self, *args: Any) -> None:
        pass


def test_a_retried_import_that_had_landed_is_not_imported_twice(
    live: Server, project: Project, corpus: Path
) -> None:
    from http.server import ThreadingHTTPServer

    _FlakyProxy.upstream, _FlakyProxy.failed = live.url, []
    proxy = ThreadingHTTPServer(("127.0.0.1", 0), _FlakyProxy)
    threading.Thread(target=proxy.serve_forever, daemon=True).start()
    token = json.loads((live.state / "credentials.json").read_text())["token"]
    try:
        result = CliRunner().invoke(
            app,
            ["studio", "push", str(corpus / "prelabels.jsonl"), "--batch-size", "20",
             "--url", f"http://127.0.0.1:{proxy.server_port}", "--token", token,
             "--project", project.title],
        )  # fmt: skip
    finally:
        proxy.shutdown()
    assert result.exit_code == 0, result.output
    assert _FlakyProxy.failed, "the proxy did fail one import"
    assert "(1 retries, 0 retried copies removed" in result.output
    ids = [t["data"]["sentence_id"] for t in project.tasks()]
    assert sorted(ids) == sorted(s["id"] for s in _sentences(corpus)), "no duplicates"
