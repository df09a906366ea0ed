"""Worker processes for any stage (``pool.py``: the pool; ``serve.py``: a worker's side;
``remote.py``: another engine's workers in their place)."""

from builder.workers.auto import AUTO, cores, tree_size, workers_for, workers_for_size
from builder.workers.pool import Later, Pool, chunks

__all__ = [
    "AUTO",
    "Later",
    "Pool",
    "chunks",
    "cores",
    "tree_size",
    "workers_for",
    "workers_for_size",
]
