"""Worker processes for any stage (``pool.py``: the pool; ``serve.py``: a worker's side)."""

from builder.workers.auto import AUTO, cores, workers_for
from builder.workers.pool import Pool, chunks

__all__ = ["AUTO", "Pool", "chunks", "cores", "workers_for"]
