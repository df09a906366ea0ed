"""How many worker processes a stage takes when asked for ``0`` (the default: "auto").

A worker costs its start: a spawned interpreter that imports the stage and loads its tables
(the segmenter's rules, the heuristics' gazetteers). On a small input that start costs more
than the second core saves, so "auto" means one process below a size where more pay off (each
stage measures its own: ``python -m bench.workers_auto``) and every core this process may use
from there on. An explicit number is taken as it is.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable
from pathlib import Path

AUTO = 0  # ``--workers 0``: decided from the input's size


def cores() -> int:
    """The cores this process may run on (its affinity where the system tells it)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def workers_for(requested: int, source: Path, from_bytes: int) -> int:
    """``requested`` if given; for :data:`AUTO`, one process when ``source`` is smaller than
    ``from_bytes`` and every core otherwise (also when its size is unknown: a stream)."""
    size = None
    with contextlib.suppress(OSError):
        size = source.stat().st_size
    return workers_for_size(requested, size, from_bytes)


def workers_for_size(requested: int, size: int | None, from_bytes: int) -> int:
    """As :func:`workers_for`, for an input of ``size`` bytes (None: unknown)."""
    if requested != AUTO:
        return requested
    if size is not None and size < from_bytes:
        return 1
    return cores()


def tree_size(paths: Iterable[Path]) -> int:
    """The bytes of the files at ``paths`` and under them (folders walked; what cannot be read
    counts nothing: the stage reports it)."""
    total = 0
    for path in paths:
        with contextlib.suppress(OSError):
            if path.is_dir():
                for folder, _, files in os.walk(path):
                    for name in files:
                        with contextlib.suppress(OSError):
                            total += os.stat(os.path.join(folder, name)).st_size
            else:
                total += path.stat().st_size
    return total
