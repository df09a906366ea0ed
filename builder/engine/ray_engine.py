"""The Ray engine: every pool's tasks run in the workers of a Ray cluster.

Connected to the cluster at ``--address`` (or ``RAY_ADDRESS``; neither: a local cluster that
Ray starts and stops with the run), every :class:`builder.workers.Pool` maps through
:func:`builder.engine.ray_map.ray_map` while the block runs: ingest reads and cleans each
input file in a Ray task, segment takes chunks of documents, prelabel runs of whole documents,
export the chunks of its one pass (rows into Arrow files, with the keys of split assignment:
digests and MinHash signatures) and its parquet shards, and the export's near-duplicate
candidates come from one Ray task per partition of the LSH band keys (``ray_lsh.py``). The
driver cuts the inputs into chunks without parsing them (segment: raw lines; prelabel: raw
lines and each line's document id, to keep documents whole; export: byte ranges of its two
files, found by a scan for newlines) and writes the other files from the results in order.

The stages are told to use as many workers as the cluster has CPUs, and at least two, so that
each prepares the set-up it sends to processes (prelabel: the names of its heuristics, not a
labeler of 100 MB).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from builder.engine.ray_lsh import near_pairs_on_ray
from builder.engine.ray_map import connected, ray_map
from builder.minhash import pairs_found_by
from builder.workers.remote import remote


@contextmanager
def on_ray(address: str | None) -> Iterator[int]:
    """Pools map through Ray for the block; yields the workers to give the stages."""
    with connected(address) as cpus, remote(ray_map), pairs_found_by(near_pairs_on_ray):
        yield max(2, cpus)
