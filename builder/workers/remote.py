"""Another engine's workers in place of our processes: while ``remote(mapper)`` is active, every
:class:`builder.workers.Pool` sends its tasks to ``mapper`` instead of starting processes.

A stage keeps its own code (its set-up, its chunks, its task, its order of results) and only
where the tasks run changes: the Ray engine (``builder/engine/ray_map.py``) is one such mapper.
So a stage on Ray gives the bytes it gives here, by construction.

A mapper is ``mapper(task, setup, items)``: ``task(setup, item)`` for each item, results in
the order of the items, a task's :class:`BuilderError` raised again as itself (as the pool's
own workers do). A task may return an iterator (ingest's per-file reader does, so that one
process streams): :func:`builder.workers.serve.call`, which a mapper runs the task through,
turns it into a list to send back.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any

Mapper = Callable[[Callable[[Any, Any], Any], Any, Iterable[Any]], Iterator[Any]]

_ACTIVE: list[Mapper] = []


@contextmanager
def remote(mapper: Mapper) -> Iterator[Mapper]:
    """Every pool of this process maps through ``mapper`` while the block runs."""
    _ACTIVE.append(mapper)
    try:
        yield mapper
    finally:
        _ACTIVE.remove(mapper)


def active() -> Mapper | None:
    """The mapper pools use now, or None: their own processes (or this one)."""
    return _ACTIVE[-1] if _ACTIVE else None
