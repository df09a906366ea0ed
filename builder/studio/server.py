"""A local Label Studio server for one project folder: start, stop, status.

Everything lives in one state directory (``.studio/`` by default, never committed):

- ``label-studio/``: the server's own data (SQLite, secret key, media, exports);
- ``credentials.json`` (mode 600): the admin login and the API token, generated here;
- ``server.json``: pid, port and URL of the running server;
- ``server.log``: its output.

Facts this relies on (Label Studio 1.23, see the project notes): settings are read from
``LABEL_STUDIO_<NAME>``, then ``HEARTEX_<NAME>``, then plain ``<NAME>``, so stray ``HOST``,
``PORT``, ``USERNAME``... in the environment leak in and are removed; ``--internal-host`` is the
bind address (the default is 0.0.0.0); legacy tokens are off for new organisations unless
enabled when the user is created; without the version-check and Sentry switches it calls out
to the internet. ``label-studio init`` migrates and creates the admin once (about 30 s); later
starts take a few seconds.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from builder.errors import (
    E701_NO_SERVER_PACKAGE,
    E702_START_FAILED,
    E703_BAD_STATE,
    BuilderError,
    ExitCode,
)
from builder.jsonl import atomic_output

DEFAULT_STATE_DIR = Path(".studio")
ADMIN_EMAIL = "admin@localhost.local"


# Read by Label Studio under any of these prefixes; a user's shell may carry them.
_LEAKY = ("HOST", "PORT", "USERNAME", "PASSWORD", "DEBUG", "USER_TOKEN")
_OFFLINE = {
    "LABEL_STUDIO_LATEST_VERSION_CHECK": "false",
    "LABEL_STUDIO_COLLECT_ANALYTICS": "false",
    "SENTRY_DSN": "",
    "FRONTEND_SENTRY_DSN": "",
    # Reject invalid predictions with HTTP 400 instead of storing them silently.
    "fflag_feat_utc_210_prediction_validation_15082025": "true",
}


class ServerError(BuilderError):
    exit_code = ExitCode.UNREACHABLE


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


def _label_studio() -> str:
    beside = Path(sys.executable).with_name("label-studio")
    found = str(beside) if beside.exists() else shutil.which("label-studio")
    if not found:
        raise ServerError(
            E701_NO_SERVER_PACKAGE,
            "the Label Studio server is not installed: "
            "pip install 'news-dataset-builder[studio]' (or pass --url to use another server)",
        )
    return found


def server_env(data_dir: Path, extra: dict[str, str] | None = None) -> dict[str, str]:
    """The environment for the server: the caller's, minus what would leak into its settings."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("LABEL_STUDIO_", "HEARTEX_", "DJANGO_"))
        and k not in _LEAKY
        and k.removeprefix("LABEL_STUDIO_") not in _LEAKY
    }
    env.update(_OFFLINE)
    env["LABEL_STUDIO_BASE_DATA_DIR"] = str(data_dir.resolve())
    env.update(extra or {})
    return env


def _write_json(path: Path, payload: dict[str, Any], private: bool = False) -> None:
    with atomic_output(path) as fh:
        if private:
            os.fchmod(fh.fileno(), 0o600)
        fh.write((json.dumps(payload, indent=2, sort_keys=True) + "\n").encode())


def _read_state(path: Path, keys: tuple[str, ...]) -> dict[str, Any]:
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
    data = _read_state(path, ("email", "password", "token"))
    return Credentials(data["email"], data["password"], data["token"])


def running(state: Path) -> Running | None:
    """The server started from ``state``, if its process is alive and answers."""
    path = state / "server.json"
    if not path.exists():
        return None
    data = _read_state(path, ("pid", "port", "url"))
    info = Running(int(data["pid"]), int(data["port"]), str(data["url"]))
    if not _alive(info.pid) or not healthy(info.url):
        return None
    return info


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # A zombie child of ours still "exists": reap it if it has exited.
    with contextlib.suppress(ChildProcessError):
        done, _ = os.waitpid(pid, os.WNOHANG)
        if done == pid:
            return False
    return True


def healthy(url: str, timeout: float = 2.0) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/health", timeout=timeout) as response:
            return bool(json.loads(response.read()).get("status") == "UP")
    except (OSError, ValueError):
        return False


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _port_free(port: int) -> bool:
    with socket.socket() as sock:
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def _initialise(state: Path, data_dir: Path) -> Credentials:
    """Migrate the database and create the admin with a legacy API token, non-interactively.

    The credentials are written before `label-studio init` runs and reused by a re-run: an
    init interrupted after it created the admin would otherwise leave a token that the server
    never learns (it applies a token only when it creates the user).
    """
    pending = state / "init.pending"
    creds = credentials(state) if pending.exists() else None
    if creds is None:
        creds = Credentials(ADMIN_EMAIL, secrets.token_urlsafe(18), secrets.token_hex(20))
        pending.touch()
        _write_json(state / "credentials.json", creds.__dict__, private=True)
    # Secrets go through the environment, not the command line (which `ps` shows).
    env = server_env(
        data_dir,
        {
            "LABEL_STUDIO_USERNAME": creds.email,
            "LABEL_STUDIO_PASSWORD": creds.password,
            "LABEL_STUDIO_USER_TOKEN": creds.token,
            "LABEL_STUDIO_ENABLE_LEGACY_API_TOKEN": "true",
        },
    )
    log = state / "init.log"
    with log.open("wb") as out:
        done = subprocess.run(
            [_label_studio(), "init", "-q", "--enable-legacy-api-token"],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            check=False,
            timeout=600,
        )
    if done.returncode != 0:
        raise ServerError(
            E702_START_FAILED, f"`label-studio init` failed (exit {done.returncode}); see {log}"
        )
    pending.unlink()
    return creds


def up(state: Path = DEFAULT_STATE_DIR, port: int | None = None, timeout: float = 180.0) -> Running:
    """Start the local server (initialising it the first time); a running one is reused."""
    already = running(state)
    if already:
        return already
    state.mkdir(parents=True, exist_ok=True)
    (state / ".gitignore").write_text("*\n", encoding="utf-8")
    data_dir = state / "label-studio"
    if credentials(state) is None or (state / "init.pending").exists():
        data_dir.mkdir(exist_ok=True)
        _initialise(state, data_dir)
    if port is not None and not _port_free(port):
        # Label Studio would silently move to the next port, and we would record this one.
        raise ServerError(E702_START_FAILED, f"port {port} on 127.0.0.1 is already in use")
    port = port or _free_port()
    url = f"http://127.0.0.1:{port}"
    log = (state / "server.log").open("ab")
    # Its own session, so that `down` can signal the whole process group.
    proc = subprocess.Popen(
        [
            _label_studio(),
            "start",
            "--no-browser",
            "--internal-host",
            "127.0.0.1",
            "--port",
            str(port),
        ],
        env=server_env(data_dir, {"LABEL_STUDIO_ENABLE_LEGACY_API_TOKEN": "true"}),
        stdout=log,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        start_new_session=True,
    )
    log.close()
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise ServerError(
                E702_START_FAILED,
                f"Label Studio exited with {proc.returncode} while starting; see "
                f"{state / 'server.log'}",
            )
        if healthy(url, timeout=1.0):
            info = Running(proc.pid, port, url)
            _write_json(state / "server.json", info.__dict__)
            return info
        time.sleep(0.5)
    _stop_group(proc.pid)
    raise ServerError(
        E702_START_FAILED,
        f"Label Studio did not answer at {url} within {timeout:.0f} s; see {state / 'server.log'}",
    )


def _stop_group(pid: int, grace: float = 15.0) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(pid, signal.SIGTERM)
    deadline = time.monotonic() + grace
    while time.monotonic() < deadline and _alive(pid):
        time.sleep(0.2)
    if _alive(pid):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(pid, signal.SIGKILL)


def down(state: Path = DEFAULT_STATE_DIR) -> bool:
    """Stop the local server; False when none was running. Its data stays."""
    path = state / "server.json"
    if not path.exists():
        return False
    pid = int(_read_state(path, ("pid",))["pid"])
    was_alive = _alive(pid)
    if was_alive:
        _stop_group(pid)
    path.unlink()
    return was_alive


def version_of(url: str, timeout: float = 5.0) -> str | None:
    try:
        with urllib.request.urlopen(f"{url}/api/version", timeout=timeout) as response:
            data = json.loads(response.read())
    except (OSError, ValueError, urllib.error.URLError):
        return None
    release = data.get("release") or data.get("label-studio-os-package", {}).get("version")
    return str(release) if release else None
