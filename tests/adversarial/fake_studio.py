"""A fake Label Studio on 127.0.0.1 that answers what a test tells it to, good or bad.

Each route (method, path) gives an :class:`Answer`: a status and a body (JSON, or bytes sent as
they are), and a ``mode`` for what a real server or a proxy in front of it may do:

- ``stall``: read the request, never answer (until the server stops, at most ``STALL_MAX``);
- ``short``: announce a Content-Length larger than the body, send the body, close;
- ``echo``: answer with the request's headers as JSON (a proxy that echoes them: the API token
  is among them).

It stops by itself at the end of its ``with`` block; every loop in it is bounded.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs

STALL_MAX = 30.0  # seconds a stalled answer waits at most, whatever happens to the test
PROJECT_ID, EXPORT_ID = 3, 7
TEXT = "Prime Minister Keir Starmer visited New York City on Monday, officials said."
SID = "0123456789abcdef"


@dataclass(frozen=True)
class Answer:
    status: int = 200
    body: Any = None  # JSON-able, or bytes sent as they are
    mode: str = "plain"  # plain, stall, short, echo


@dataclass
class Seen:
    """What the server was asked, for the test to check."""

    requests: list[tuple[str, str]] = field(default_factory=list)


def project(**fields: Any) -> dict[str, Any]:
    return {
        "id": PROJECT_ID,
        "title": "news-dataset-builder",
        "label_config": "<View/>",
        "task_number": 1,
        "model_version": "",
        **fields,
    }


def region(**fields: Any) -> dict[str, Any]:
    """An entity region of the annotation below (Keir Starmer, PERSON)."""
    value = {"start": 15, "end": 27, "text": "Keir Starmer", "labels": ["PERSON"]}
    return {
        "id": "r1",
        "from_name": "ner",
        "to_name": "text",
        "type": "labels",
        "value": value,
        **fields,
    }


def task(**annotation: Any) -> dict[str, Any]:
    """One annotated task, as an export snapshot holds it."""
    ann = {
        "id": 11,
        "completed_by": 1,
        "result": [
            region(),
            {
                "id": "s1",
                "from_name": "sentiment",
                "to_name": "text",
                "type": "choices",
                "value": {"choices": ["neutral"]},
            },
        ],
        "was_cancelled": False,
        "ground_truth": False,
        "created_at": "2024-05-01T10:00:00Z",
        "updated_at": "2024-05-01T10:00:00Z",
        "lead_time": 3.5,
        **annotation,
    }
    data = {"text": TEXT, "sentence_id": SID, "doc_id": "d1", "index": 0}
    return {"id": 1, "data": data, "annotations": [ann], "drafts": [], "predictions": []}


def healthy() -> dict[tuple[str, str], Answer]:
    """A server with one project holding one annotated task."""
    p = f"/api/projects/{PROJECT_ID}"
    return {
        ("GET", "/api/version"): Answer(body={"release": "1.23.2"}),
        ("GET", "/api/current-user/whoami"): Answer(body={"id": 1, "email": "a@example.com"}),
        ("GET", "/api/projects"): Answer(
            body={"count": 1, "next": None, "previous": None, "results": [project()]}
        ),
        ("GET", p): Answer(body=project()),
        ("POST", f"{p}/exports"): Answer(201, {"id": EXPORT_ID, "status": "completed"}),
        ("GET", f"{p}/exports/{EXPORT_ID}/download"): Answer(body=[task()]),
        ("DELETE", f"{p}/exports/{EXPORT_ID}"): Answer(204, b""),
        ("GET", "/api/users"): Answer(body=[{"id": 1, "email": "a@example.com"}]),
    }


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:  # quiet
        return None

    def _answer(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(min(length, 1 << 20))
        path, _, query = self.path.partition("?")
        path = path.rstrip("/")
        self.server.seen.requests.append((self.command, path))
        got = self.server.routes.get((self.command, path))
        answer = got or Answer(404, {"detail": "Not found."})
        if "page" in parse_qs(query) and parse_qs(query)["page"] != ["1"]:
            answer = Answer(404, {"detail": "Invalid page."})  # as Label Studio: one page here
        if answer.mode == "stall":
            self.server.stopping.wait(STALL_MAX)
            self.close_connection = True
            return
        if answer.mode == "echo":
            body = json.dumps({"headers": dict(self.headers)}).encode()
        elif isinstance(answer.body, bytes):
            body = answer.body
        else:
            body = json.dumps(answer.body).encode()
        self.send_response(answer.status)
        self.send_header("Content-Type", "application/json")
        extra = 100 if answer.mode == "short" else 0
        self.send_header("Content-Length", str(len(body) + extra))
        self.end_headers()
        self.wfile.write(body)
        if answer.mode == "short":
            self.close_connection = True

    do_GET = do_POST = do_PATCH = do_DELETE = _answer


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, routes: Mapping[tuple[str, str], Answer]) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.routes = dict(routes)
        self.seen = Seen()
        self.stopping = threading.Event()


@dataclass(frozen=True)
class Running:
    url: str
    seen: Seen


@contextmanager
def fake_studio(routes: Mapping[tuple[str, str], Answer]) -> Iterator[Running]:
    """A fake server answering ``routes`` (every other request: 404) for the block's time."""
    server = _Server(routes)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.daemon = True
    thread.start()
    try:
        yield Running(f"http://127.0.0.1:{server.server_address[1]}", server.seen)
    finally:
        server.stopping.set()
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
