"""A local Label Studio server for one project folder: start, stop, status.

Everything lives in one state directory (``server_state.py``); the server runs with a clean
environment (``server_env.py``) and is watched from outside (``server_probe.py``).

Facts this relies on (Label Studio 1.23, see the project notes): ``--internal-host`` is the
bind address (the default is 0.0.0.0); legacy tokens are off for new organisations unless
enabled when the user is created. ``label-studio init`` migrates and creates the admin once
(about 30 s); later starts take a few seconds.
"""

from __future__ import annotations

import secrets
import subprocess
import time
from pathlib import Path

from builder.errors import E702_START_FAILED, E704_PORT_BUSY
from builder.hooks import SILENT, Hooks
from builder.studio.server_env import ServerError, label_studio, server_env
from builder.studio.server_probe import (
    alive,
    free_port,
    healthy,
    holder,
    port_free,
    stop_group,
    version_of,
)
from builder.studio.server_state import (
    DEFAULT_STATE_DIR,
    Credentials,
    Running,
    credentials,
    read_state,
    recorded,
    remember_port,
    remembered_port,
    write_state,
)

# Imported from here by the CLI, the client, the tests and the benchmarks.
__all__ = [
    "ADMIN_EMAIL",
    "DEFAULT_STATE_DIR",
    "Credentials",
    "Running",
    "ServerError",
    "credentials",
    "down",
    "healthy",
    "running",
    "server_env",
    "up",
    "version_of",
]
ADMIN_EMAIL = "admin@localhost.local"


def running(state: Path) -> Running | None:
    """The server started from ``state``, if its process is alive and answers."""
    info = recorded(state)
    if info is None or not alive(info.pid) or not healthy(info.url):
        return None
    return info


def _initialise(state: Path, data_dir: Path, executable: str) -> Credentials:
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
        write_state(state / "credentials.json", creds.__dict__, private=True)
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
            [executable, "init", "-q", "--enable-legacy-api-token"],
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


def _port(state: Path, asked: int | None) -> int:
    """The port to start on: ``asked``, else the one of the last start (so that URLs stay
    valid across ``down``/``up``), else a free one. A taken port is an error that says what
    holds it and how to move: Label Studio would silently move to the next port instead."""
    remembered = remembered_port(state)
    port = asked or remembered or free_port()
    if port_free(port):
        return port
    why = (
        f"the port of the last start, remembered in {state / 'port.json'}"
        if asked is None
        else "given with --port"
    )
    who = holder(port)
    held = f"held by {who}" if who else f"held by another program (`ss -ltnp 'sport = :{port}'`)"
    raise ServerError(
        E704_PORT_BUSY,
        f"port {port} on 127.0.0.1 ({why}) is in use, {held}: stop that program, or start on "
        f"another port with `builder studio up --port {free_port()}` (then remembered)",
    )


def up(
    state: Path = DEFAULT_STATE_DIR,
    port: int | None = None,
    timeout: float = 180.0,
    hooks: Hooks = SILENT,
) -> Running:
    """Start the local server (initialising it the first time); a running one is reused."""
    already = running(state)
    if already:
        return already
    # Found before anything is written or said: without the server package (E701), a first
    # `up` left credentials (a password and a token for no server), init.pending, an empty
    # init.log and the data folder behind, after announcing the migrations.
    executable = label_studio()
    state.mkdir(parents=True, exist_ok=True)
    (state / ".gitignore").write_text("*\n", encoding="utf-8")
    data_dir = state / "label-studio"
    if credentials(state) is None or (state / "init.pending").exists():
        hooks.info(
            "initialising Label Studio (database migrations, about 30-60 s the first time)..."
        )
        data_dir.mkdir(exist_ok=True)
        _initialise(state, data_dir, executable)
    port = _port(state, port)
    url = f"http://127.0.0.1:{port}"
    log = (state / "server.log").open("ab")
    # Its own session, so that `down` can signal the whole process group.
    proc = subprocess.Popen(
        [
            executable,
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
            write_state(state / "server.json", info.__dict__)
            remember_port(state, port)
            return info
        time.sleep(0.5)
    stop_group(proc.pid)
    raise ServerError(
        E702_START_FAILED,
        f"Label Studio did not answer at {url} within {timeout:.0f} s; see {state / 'server.log'}",
    )


def down(state: Path = DEFAULT_STATE_DIR) -> bool:
    """Stop the local server; False when none was running. Its data stays."""
    path = state / "server.json"
    if not path.exists():
        return False
    pid = int(read_state(path, ("pid",))["pid"])
    was_alive = alive(pid)
    if was_alive:
        stop_group(pid)
    path.unlink()
    return was_alive
