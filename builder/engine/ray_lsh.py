"""Near-duplicate candidate pairs with the LSH buckets grouped in Ray tasks, not by sorting
every band's keys in one process.

A bucket is the rows of one band whose band keys are equal, so the buckets fall into
independent partitions: (band, key mod ``parts``). The signatures go to Ray's object store
once; one task per partition finds its buckets' pairs and keeps those whose estimated
Jaccard reaches the threshold (:func:`builder.minhash.near_codes`, the code the one-process
path runs band by band), and the driver merges the codes. The same pairs, so the same split
assignment (tested against :func:`builder.minhash.near_pair_arrays`).

A Ray Data ``groupby`` over one row per signature and band did the same with a hash shuffle
of every row: 31 of the 51 s of an export of 208,620 sentences on two CPUs, against about a
second for these tasks. The partitions grow with the rows (``ROWS_PER_PART``), so that no task
sorts more than that many keys.

The export on the Ray engine finds its near-duplicate candidates here
(``minhash.pairs_found_by``); the signatures are still gathered on the driver and sent to the
cluster from there (README: "A plan for one billion sentences").
"""

from __future__ import annotations

from typing import Any

import numpy as np

from builder.minhash import BandKeys, Pairs, Permutations, Signatures, near_codes, pairs_of

ROWS_PER_PART = 1 << 22


def near_pairs_on_ray(
    sigs: Signatures, perms: Permutations, threshold: float, keys: BandKeys | None = None
) -> Pairs:
    """:func:`builder.minhash.near_pair_arrays` with the partitions run as Ray tasks;
    ``keys``: the band keys the export's workers made (each task computed them again)."""
    import ray

    n = len(sigs)
    if not n or not perms.bands:
        return np.empty(0, np.int64), np.empty(0, np.int64)
    parts = max(1, -(-n // ROWS_PER_PART))
    task: Any = ray.remote(near_codes)
    shared = ray.put(np.ascontiguousarray(sigs))
    columns = [
        None if keys is None else ray.put(np.ascontiguousarray(keys[:, b]))
        for b in range(len(perms.bands))
    ]
    pending = [
        task.remote(shared, band, perms.num_perm, threshold, (k, parts), columns[b])
        for b, band in enumerate(perms.bands)
        for k in range(parts)
    ]
    return pairs_of(ray.get(pending), n)
