"""A fake Label Studio server on 127.0.0.1: the few endpoints `builder studio` calls.

It holds one project (or none) and the tasks its export returns, and answers like Label
Studio 1.23 does, so that a test can provoke each error of the client without the real server
(which takes a minute to start). A test changes what it answers with ``routes``: a
``(method, path regex)`` mapped to a :class:`Reply`, consulted before the built-in answers.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any, Self
from urllib.parse import parse_qs, urlsplit

TOKEN = "fake-token-0123456789abcdef0123456789ab"


@dataclass(frozen=True)
class Reply:
    """One answer: a status and a JSON body (``bytes``: sent as they are)."""

    status: int = 200
    body: Any = None
    content_type: str = "application/json"

    def payload(self) -> bytes:
        if isinstance(self.body, bytes):
            return self.body
        return b"" if self.body is None else json.dumps(self.body).encode()


Route = Callable[[str], Reply] | Reply  # a function of the request body, or a fixed answer


@dataclass
class FakeStudio:
    """Serve until ``__exit__``; ``url`` and ``token`` are what the CLI is given."""

    project: dict[str, Any] | None = None  # None: the server has no project
    tasks: list[dict[str, Any]] = field(default_factory=list)  # what an export returns
    routes: dict[tuple[str, str], Route] = field(default_factory=dict)
    requests: list[tuple[str, str]] = field(default_factory=list)  # (method, path) received
    token: str = TOKEN

    def __post_init__(self) -> None:
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever, args=(0.05,), daemon=True
        )

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_port}"

    def __enter__(self) -> Self:
        self._thread.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def answer(self, method: str, path: str, query: dict[str, list[str]], body: str) -> Reply:
        self.requests.append((method, path))
        for (m, pattern), route in self.routes.items():
            if m == method and re.fullmatch(pattern, path):
                return route(body) if callable(route) else route
        if query.get("page", ["1"]) != ["1"]:  # as Label Studio: a page past the last is a 404
            return Reply(404, {"detail": "Invalid page."})
        return self._default(method, path)

    def _default(self, method: str, path: str) -> Reply:
        project = self.project
        pid = project["id"] if project else None
        if (method, path) == ("GET", "/api/current-user/whoami"):
            return Reply(body={"id": 1, "email": "admin@example.com", "username": "admin"})
        if (method, path) == ("GET", "/api/users/"):
            return Reply(body=[{"id": 1, "email": "admin@example.com", "username": "admin"}])
        if (method, path) == ("GET", "/api/projects/"):
            found = [project] if project else []
            return Reply(
                body={"count": len(found), "next": None, "previous": None, "results": found}
            )
        if project is None or not path.startswith(f"/api/projects/{pid}/"):
            return Reply(404, {"detail": "Not found."})
        rest = path.removeprefix(f"/api/projects/{pid}/")
        if method == "GET" and rest == "":
            return Reply(body=project)
        if method == "PATCH" and rest == "":
            return Reply(body=project)
        if method == "POST" and rest == "exports/":
            return Reply(201, {"id": 7, "title": "builder studio", "status": "completed"})
        if method == "GET" and rest == "exports/7/download":
            return Reply(body=self.tasks)
        if method == "DELETE" and rest.startswith("exports/7"):
            return Reply(204)
        if method == "POST" and rest == "import":
            return Reply(201, {"task_count": 0, "task_ids": []})
        return Reply(404, {"detail": "Not found."})


def _handler(fake: FakeStudio) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def _serve(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length).decode("utf-8", "replace") if length else ""
            url = urlsplit(self.path)
            path = url.path
            if self.headers.get("Authorization") not in (
                f"Token {fake.token}",
                f"Bearer {fake.token}",
            ):
                reply = Reply(401, {"detail": "Invalid token."})
                fake.requests.append((self.command, path))
            else:
                reply = fake.answer(self.command, path, parse_qs(url.query), body)
            data = reply.payload()
            self.send_response(reply.status)
            self.send_header("Content-Type", reply.content_type)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        do_GET = do_POST = do_PATCH = do_DELETE = do_PUT = _serve

        def log_message(self, format: str, *args: Any) -> None:  # quiet
            pass

    return Handler
