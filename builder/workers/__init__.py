"""Worker processes for any stage (``pool.py``: the pool; ``serve.py``: a worker's side)."""

from builder.workers.pool import Pool, chunks

__all__ = ["Pool", "chunks"]
