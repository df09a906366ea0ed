"""The local server seen from outside: is its process alive, does it answer, which version,
which port is free; and stopping its process group."""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import signal
import socket
import time
import urllib.error
import urllib.request


def alive(pid: int) -> bool:
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


def version_of(url: str, timeout: float = 5.0) -> str | None:
    """The server's release, or None when it does not say (any answer but the expected one:
    a short body, JSON of another shape...)."""
    try:
        with urllib.request.urlopen(f"{url}/api/version", timeout=timeout) as response:
            data = json.loads(response.read())
    except (OSError, ValueError, urllib.error.URLError, http.client.HTTPException):
        return None
    if not isinstance(data, dict):
        return None
    package = data.get("label-studio-os-package")
    release = data.get("release") or (package.get("version") if isinstance(package, dict) else None)
    return str(release) if isinstance(release, str | int | float) and release else None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def port_free(port: int) -> bool:
    with socket.socket() as sock:
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def stop_group(pid: int, grace: float = 15.0) -> None:
    """SIGTERM to the process group, SIGKILL if it is still alive after ``grace`` seconds."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(pid, signal.SIGTERM)
    deadline = time.monotonic() + grace
    while time.monotonic() < deadline and alive(pid):
        time.sleep(0.2)
    if alive(pid):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(pid, signal.SIGKILL)
