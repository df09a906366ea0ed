"""Arrow columns of the vote rows, built from buffers.

``pyarrow.array`` asks pandas, on every call, whether the values are one of its types, and so
imports it: 0.35-0.5 s of CPU at the start of every `builder prelabel`, for a library the
command never uses. The columns here are made from their buffers (values, validity bitmap,
string offsets) with numpy, which pyarrow loads anyway: the same arrays, so the same parquet
bytes.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np


def column(values: Sequence[Any], kind: Any) -> Any:
    """``pa.array(values, kind)`` for int64, float64, bool and string columns, where None is
    null."""
    import pyarrow as pa

    n = len(values)
    valid = np.fromiter((v is not None for v in values), dtype=np.bool_, count=n)
    nulls = n - int(valid.sum())
    bitmap = pa.py_buffer(np.packbits(valid, bitorder="little")) if nulls else None
    if pa.types.is_string(kind):
        encoded = [b"" if v is None else v.encode() for v in values]
        offsets = np.zeros(n + 1, dtype=np.int32)
        np.cumsum([len(b) for b in encoded], out=offsets[1:])
        buffers = [bitmap, pa.py_buffer(offsets), pa.py_buffer(b"".join(encoded))]
    elif pa.types.is_boolean(kind):
        bits = np.fromiter((v is not None and bool(v) for v in values), dtype=np.bool_, count=n)
        buffers = [bitmap, pa.py_buffer(np.packbits(bits, bitorder="little"))]
    else:
        dtype = np.float64 if pa.types.is_floating(kind) else np.int64
        data = np.fromiter((0 if v is None else v for v in values), dtype=dtype, count=n)
        buffers = [bitmap, pa.py_buffer(data)]
    return pa.Array.from_buffers(kind, n, buffers, null_count=nulls)
