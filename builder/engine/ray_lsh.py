"""Near-duplicate candidate pairs by grouping MinHash LSH band keys in Ray (a shuffle), not by
sorting every key in one process.

Each signature gives one row per band: (band, key, row, signature). A Ray Data ``groupby`` on
(band, key) brings the rows of each LSH bucket together on one worker, which pairs them as
:func:`builder.minhash.bucket_pairs` does and keeps the pairs whose estimated Jaccard reaches
the threshold. The result is the set of :func:`builder.minhash.near_pair_arrays`, sorted the
same way: the same pairs, so the same split assignment (tested against it).

The export on the Ray engine finds its near-duplicate candidates here
(``minhash.pairs_found_by``); the signatures are still gathered on the driver and sent to the
cluster from there (README: "A plan for one billion sentences").
"""

from __future__ import annotations

from typing import Any

import numpy as np

from builder.minhash import Pairs, Permutations, Signatures, band_keys, bucket_pairs


def _bucket(group: dict[str, Any], bands: list[list[int]], threshold: float) -> dict[str, Any]:
    """One bucket's pairs that reach the threshold, as codes ``i * n + j``."""
    rows = np.asarray(group["row"], dtype=np.int64)
    empty = {"code": np.empty(0, dtype=np.int64)}
    if len(rows) < 2:
        return empty
    sigs = np.stack([np.frombuffer(blob, dtype=np.uint32) for blob in group["sig"]])
    order = np.argsort(rows, kind="stable")  # ascending rows, as the sort in one process
    rows, sigs = rows[order], sigs[order]
    start, end = bands[int(group["band"][0])]
    a, b = bucket_pairs(rows, sigs, start, end)
    ia, ib = np.searchsorted(rows, a), np.searchsorted(rows, b)  # rows: ascending, distinct
    keep = np.count_nonzero(sigs[ia] == sigs[ib], axis=1) / sigs.shape[1] >= threshold
    n = int(group["n"][0])
    return {"code": a[keep] * n + b[keep]} if keep.any() else empty


def near_pairs_on_ray(sigs: Signatures, perms: Permutations, threshold: float) -> Pairs:
    """:func:`builder.minhash.near_pair_arrays` with the buckets grouped by Ray (connected)."""
    import pyarrow as pa
    import ray.data

    n = len(sigs)
    blobs = pa.array([row.tobytes() for row in np.ascontiguousarray(sigs)], pa.binary())
    tables = [
        pa.table(
            {
                "band": pa.array(np.full(n, b, dtype=np.int32)),
                "key": pa.array(band_keys(sigs, start, end)),
                "row": pa.array(np.arange(n, dtype=np.int64)),
                "sig": blobs,
                "n": pa.array(np.full(n, n, dtype=np.int64)),
            }
        )
        for b, (start, end) in enumerate(perms.bands)
    ]
    if not n or not tables:
        return np.empty(0, np.int64), np.empty(0, np.int64)
    grouped = (
        ray.data.from_arrow(tables)
        .groupby(["band", "key"])
        .map_groups(
            _bucket,
            batch_format="numpy",
            fn_kwargs={"bands": [list(b) for b in perms.bands], "threshold": threshold},
        )
    )
    found = [batch["code"] for batch in grouped.iter_batches(batch_format="numpy")]
    codes = np.unique(np.concatenate(found)) if found else np.empty(0, np.int64)
    return codes // n, codes % n
