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
    if requested != AUTO:
        return requested
    with contextlib.suppress(OSError):
        if source.stat().st_size < from_bytes:
            return 1
    return cores()
