"""The local server seen from outside: is its process alive, does it answer, which version,
which port is free and what holds a taken one; and stopping its process group."""

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
from collections.abc import Iterator
from pathlib import Path


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
    """Could a server listen on ``port``? Bound as servers bind (SO_REUSEADDR), so that the
    connections a stopped server leaves in TIME_WAIT do not count as taking it."""
    with socket.socket() as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


# The socket states (/proc/net/tcp's "st") that keep a server binding as servers bind
# (SO_REUSEADDR) from the port: listening (0A), or bound and not yet listening (07). The
# connections a stopped server accepted (TIME_WAIT, FIN_WAIT, ...) do not, and may belong for a
# moment to one of its processes on its way out: that process is not what holds the port.
_BINDING = frozenset(["0A", "07"])


def holder(port: int) -> str | None:
    """Which process holds ``port`` on this machine ("pid 123: python -m http.server"), read
    from /proc (Linux); None when it cannot tell (another system, another user's process)."""
    sockets = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        with contextlib.suppress(OSError):
            for line in Path(table).read_text(encoding="ascii").splitlines()[1:]:
                fields = line.split()
                if (
                    len(fields) > 9
                    and fields[3] in _BINDING
                    and int(fields[1].rsplit(":", 1)[1], 16) == port
                ):
                    sockets.add(f"socket:[{fields[9]}]")
    sockets.discard("socket:[0]")
    if not sockets:
        return None
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit() and not sockets.isdisjoint(_fd_targets(proc)):
            with contextlib.suppress(OSError):  # it may have exited meanwhile
                command = (proc / "cmdline").read_bytes().replace(b"\0", b" ").strip()
                return f"pid {proc.name}: {command.decode(errors='replace')[:160]}"
    return None


def _fd_targets(proc: Path) -> Iterator[str]:
    """What each open file of ``proc`` points to. A file closed while it is read is skipped,
    not the whole process: the process holding the port may be opening and closing others."""
    try:
        fds = list((proc / "fd").iterdir())
    except OSError:  # gone, or another user's
        return
    for fd in fds:
        with contextlib.suppress(OSError):
            yield os.readlink(fd)


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
