"""Worker processes for any stage (``pool.py``: the pool; ``serve.py``: a worker's side;
``remote.py``: another engine's workers in their place)."""

from builder.workers.pool import Pool, chunks

__all__ = ["Pool", "chunks"]
