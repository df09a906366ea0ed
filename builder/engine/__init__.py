"""Where the stages run: this machine's processes (``local``) or a Ray cluster (``ray``).

The stages know nothing of the engine. Each one cuts its input into chunks and maps its own
task over them through a :class:`builder.workers.Pool`; the engine decides where those tasks
run. ``local``: in the pool's processes (``--workers``), or in this one. ``ray``: in the
workers of a Ray cluster (``ray_engine.py``), with the same chunks, the same task and the same
order of results, so the same bytes. The driver (this process) still reads the inputs, writes
the files and does the global steps that need every sentence (see the README's "Ray engine").

Choosing the local engine imports nothing of Ray: it must start fast and run without it.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum


class Engine(StrEnum):
    local = "local"
    ray = "ray"


@contextmanager
def running_on(engine: Engine, address: str | None, workers: int) -> Iterator[int]:
    """The stages of the block run on ``engine``; yields the ``workers`` to give them."""
    if engine is Engine.ray:
        from builder.engine.ray_engine import on_ray

        with on_ray(address) as cluster_workers:
            yield cluster_workers
    else:  # the stages' own pools start ``workers`` processes (one: the work runs here)
        yield workers
