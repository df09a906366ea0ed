"""The state directory of a local Label Studio server (``.studio/`` by default, never
committed), and the files in it that ``builder`` writes and reads:

- ``label-studio/``: the server's own data (SQLite, secret key, media, exports);
- ``credentials.json`` (mode 600): the admin login and the API token, generated here;
- ``server.json``: pid, port and URL of the running server (removed by ``down``);
- ``port.json``: the port of the last start, kept across ``down``/``up`` so that bookmarks,
  open browser tabs and ``LABEL_STUDIO_URL`` stay valid;
- ``server.log``: its output;
- ``pseudonyms.json`` (mode 600): the salt of the annotator pseudonyms and the key back
  (``pseudonyms.py``), written by ``pull``;
- ``overlap.json``: the overlap ``init`` set per project, which ``push`` applies to new tasks
  (``overlap.py``).
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from builder.errors import E703_BAD_STATE, BuilderError
from builder.jsonl import atomic_output

DEFAULT_STATE_DIR = Path(".studio")


@dataclass(frozen=True)
class Credentials:
    email: str
    password: str
    token: str


@dataclass(frozen=True)
class Running:
    pid: int
    port: int
    url: str


def write_state(path: Path, payload: dict[str, Any], private: bool = False) -> None:
    with atomic_output(path) as fh:
        if private:
            os.fchmod(fh.fileno(), 0o600)
        fh.write((json.dumps(payload, indent=2, sort_keys=True) + "\n").encode())


def read_state(path: Path, keys: tuple[str, ...]) -> dict[str, Any]:
    """A state file written by `up`, or a clear error when it was damaged by hand."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict) or any(k not in data for k in keys):
            raise ValueError(f"expected the keys {', '.join(keys)}")
    except (OSError, ValueError) as exc:
        raise BuilderError(
            E703_BAD_STATE,
            f"{path} is unreadable or damaged ({exc}); stop the server by hand and remove "
            f"{path.name}, or start afresh with another --state folder",
        ) from exc
    return data


def credentials(state: Path) -> Credentials | None:
    path = state / "credentials.json"
    if not path.exists():
        return None
    data = read_state(path, ("email", "password", "token"))
    return Credentials(data["email"], data["password"], data["token"])


def recorded(state: Path) -> Running | None:
    """The server that ``server.json`` records, alive or not."""
    path = state / "server.json"
    if not path.exists():
        return None
    data = read_state(path, ("pid", "port", "url"))
    return Running(int(data["pid"]), int(data["port"]), str(data["url"]))


def remembered_port(state: Path) -> int | None:
    """The port of the last start from ``state`` (``port.json``), if any."""
    path = state / "port.json"
    if not path.exists():
        return None
    port = read_state(path, ("port",))["port"]
    if not isinstance(port, int) or not 0 < port < 65536:
        raise BuilderError(
            E703_BAD_STATE, f"{path} holds no port number ({port!r}); remove it or pass --port"
        )
    return port


def remember_port(state: Path, port: int) -> None:
    write_state(state / "port.json", {"port": port})
