"""The staging folder of an export: a version is written there, then renamed into place.

Its name says whose it is, ``.export.<host>.<pid>.<random>``, so that an export can remove
the folders of exports that died without cleaning up (SIGKILL, a crash, a power cut: partial
parquet files, left for good). It removes only what it can prove is dead: a folder of this
host whose process no longer runs. A folder of another host (a shared disk), of a process
that still runs, or of an older name is left alone.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import socket
import sys
import tempfile
from pathlib import Path

PREFIX = ".export."
_NAME = re.compile(re.escape(PREFIX) + r"(?P<host>[0-9a-f]{8})\.(?P<pid>[0-9]+)\..+")


def _host() -> str:
    return hashlib.blake2b(socket.gethostname().encode(), digest_size=4).hexdigest()


def staging_prefix() -> str:
    """The name a staging folder of this process starts with (for ``tempfile.mkdtemp``)."""
    return f"{PREFIX}{_host()}.{os.getpid()}."


def _alive(pid: int) -> bool:
    if sys.platform == "win32":  # no signal 0 there (0 is CTRL_C_EVENT): assume it runs
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # EPERM: it runs, as someone else
        return True
    return True


def remove_stale(dataset: Path) -> list[Path]:
    """Remove the staging folders under ``dataset`` whose export is dead; return them."""
    removed: list[Path] = []
    try:
        entries = list(dataset.iterdir())
    except OSError:
        return removed
    host = _host()
    for entry in sorted(entries):
        found = _NAME.fullmatch(entry.name)
        if found is None or found["host"] != host or _alive(int(found["pid"])):
            continue
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)
            removed.append(entry)
    return removed


def staging_folder(dataset: Path) -> Path:
    """A new staging folder under ``dataset``, after the stale ones are gone."""
    remove_stale(dataset)
    return Path(tempfile.mkdtemp(prefix=staging_prefix(), dir=dataset))
