"""The local engine: the stages' own worker processes (``builder.workers.Pool``), or this
process alone with one worker. Nothing to start or connect to."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def on_local(workers: int) -> Iterator[int]:
    """Pools start ``workers`` processes of their own (one: none, the work runs here)."""
    yield workers
