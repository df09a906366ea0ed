"""Arrow columns of the vote rows, built from buffers.

``pyarrow.array`` asks pandas, on every call, whether the values are one of its types, and so
imports it: 0.35-0.5 s of CPU at the start of every `builder prelabel`, for a library the
command never uses. The columns here are made from their buffers (values, validity bitmap,
string offsets) with numpy, which pyarrow loads anyway: the same arrays, so the same parquet
bytes.

Every pass over the values runs in C (``map`` of a built-in into ``numpy.fromiter``), not a
Python generator a value: the columns of a row group took a tenth of `builder prelabel
--workers 2`'s main process (issue 14).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import repeat
from operator import is_not
from typing import Any

import numpy as np

from builder.prelabel.votes import NAMES, STRINGS


def _or_empty(values: Sequence[Any], empty: Any) -> list[Any]:
    """``values`` with each None replaced by ``empty``: ``{None: empty}.get(v, v)`` is
    ``empty`` for None and ``v`` for anything else, a look-up in C a value."""
    return list(map({None: empty}.get, values, values))


def _strings(values: Sequence[Any], n: int, bitmap: Any, nulls: int) -> list[Any]:
    """The buffers of a string column."""
    import pyarrow as pa

    texts = values if nulls == 0 else _or_empty(values, "")
    joined = "".join(texts)
    if joined.isascii():  # a character a byte: the lengths are those of the strings
        data, lengths = joined.encode(), np.fromiter(map(len, texts), dtype=np.int32, count=n)
    else:
        encoded = list(map(str.encode, texts))
        data, lengths = b"".join(encoded), np.fromiter(map(len, encoded), np.int32, count=n)
    offsets = np.zeros(n + 1, dtype=np.int32)
    np.cumsum(lengths, out=offsets[1:])
    return [bitmap, pa.py_buffer(offsets), pa.py_buffer(data)]


def column(values: Sequence[Any], kind: Any) -> Any:
    """``pa.array(values, kind)`` for int64, float64, bool and string columns, where None is
    null."""
    import pyarrow as pa

    n = len(values)
    valid = np.fromiter(map(is_not, values, repeat(None)), dtype=np.bool_, count=n)
    nulls = n - int(valid.sum())
    bitmap = pa.py_buffer(np.packbits(valid, bitorder="little")) if nulls else None
    if pa.types.is_string(kind):
        buffers = _strings(values, n, bitmap, nulls)
    elif pa.types.is_boolean(kind):
        bits = np.fromiter(map(bool, values), dtype=np.bool_, count=n)  # None: False
        buffers = [bitmap, pa.py_buffer(np.packbits(bits, bitorder="little"))]
    else:
        dtype = np.float64 if pa.types.is_floating(kind) else np.int64
        data: Any
        if nulls == n:
            data = np.zeros(n, dtype=dtype)
        else:
            data = np.fromiter(map({None: 0}.get, values, values), dtype=dtype, count=n)
        buffers = [bitmap, pa.py_buffer(data)]
    return pa.Array.from_buffers(kind, n, buffers, null_count=nulls)


def int_column(values: Any) -> Any:
    """What ``column`` gives for a numpy int64 array without nulls."""
    import pyarrow as pa

    data = np.ascontiguousarray(values, dtype=np.int64)
    return pa.Array.from_buffers(pa.int64(), len(data), [None, pa.py_buffer(data)])


def arrow_schema() -> Any:
    """The Arrow schema of the votes file's columns (``votes.NAMES``)."""
    import pyarrow as pa

    other = {"score": pa.float64(), "direct": pa.bool_()}
    return pa.schema(
        [(n, pa.string() if n in STRINGS else other.get(n, pa.int64())) for n in NAMES]
    )


@dataclass(frozen=True, slots=True)
class VoteUnit:
    """The votes of a run of sentences as columns, built where the sentences were labelled
    (a worker process): each sentence's number of rows (``counts``) and the vote columns but
    the first (``votes.NAMES[1:]``, Arrow arrays). The writer cuts its row groups from them.
    A few arrays cross the pipe (or Ray's object store) for what unpickling some 14,000 row
    tuples a unit and building the columns from them cost the main process: a sixth of the
    driver's CPU on Ray (issue 14)."""

    counts: Any  # numpy int64, one a sentence
    columns: list[Any]

    def __reduce__(self) -> tuple[type[VoteUnit], tuple[Any, list[Any]]]:
        # By its fields, as ``parallel.Worked`` (the compiled build; docs/compiled.md).
        return VoteUnit, (self.counts, self.columns)


def _from_parts(kind: Any, valid: Any, data: Any) -> Any:
    """What ``column`` gives for values ``data`` (numpy: int64, float64 or bool, 0 or False
    where not ``valid``) and the mask ``valid``."""
    import pyarrow as pa

    n = len(data)
    nulls = n - int(valid.sum())
    bitmap = pa.py_buffer(np.packbits(valid, bitorder="little")) if nulls else None
    if data.dtype == np.bool_:
        data = np.packbits(data, bitorder="little")
    return pa.Array.from_buffers(kind, n, [bitmap, pa.py_buffer(data)], null_count=nulls)


def spread(values: Sequence[Any], at: Any, n: int, kind: Any) -> Any:
    """What ``column`` gives for ``n`` values, null but at the positions ``at`` (numpy),
    which hold ``values`` (None: null there too); int64, float64 or bool."""
    import pyarrow as pa

    dtype: Any = np.int64 if pa.types.is_integer(kind) else np.float64
    dtype = np.bool_ if pa.types.is_boolean(kind) else dtype
    k = len(values)
    valid, data = np.zeros(n, dtype=np.bool_), np.zeros(n, dtype=dtype)
    if None in values:
        valid[at] = np.fromiter(map(is_not, values, repeat(None)), dtype=np.bool_, count=k)
        data[at] = np.fromiter(map({None: 0}.get, values, values), dtype=dtype, count=k)
    else:  # an entity's offsets, a claim's span: a scan in C, not two passes a value
        valid[at] = True
        data[at] = np.fromiter(values, dtype=dtype, count=k)
    return _from_parts(kind, valid, data)


def taken(pool: Sequence[str], at: Any) -> Any:
    """What ``column`` gives for the strings ``[pool[i] for i in at]`` (numpy ints), none
    of them null."""
    import pyarrow as pa

    encoded = [s.encode() for s in pool]
    sizes = np.fromiter(map(len, encoded), dtype=np.int32, count=len(encoded))
    n = len(at)
    offsets = np.zeros(n + 1, dtype=np.int32)
    np.cumsum(sizes[at], out=offsets[1:])
    width = int(sizes[0]) if len(sizes) else 0
    if width and not (sizes != width).any():  # sentence ids: rows of one width, taken whole
        data = np.frombuffer(b"".join(encoded), np.uint8).reshape(-1, width)[at].tobytes()
    else:
        data = b"".join(map(encoded.__getitem__, at.tolist()))
    buffers = [None, pa.py_buffer(offsets), pa.py_buffer(data)]
    return pa.Array.from_buffers(pa.string(), n, buffers, null_count=0)


def whole(values: Sequence[Any], kind: Any) -> Any:
    """What ``column`` gives for string or float64 ``values`` none of which is None, without
    its pass to find them."""
    import pyarrow as pa

    n = len(values)
    if pa.types.is_string(kind):
        return pa.Array.from_buffers(kind, n, _strings(values, n, None, 0), null_count=0)
    data = np.fromiter(values, dtype=np.float64, count=n)
    return pa.Array.from_buffers(kind, n, [None, pa.py_buffer(data)], null_count=0)
