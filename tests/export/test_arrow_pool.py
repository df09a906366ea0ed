"""The export's tasks put Arrow's buffers on the C library's allocator (a worker's memory stays
level over chunk after chunk: docs/benchmarks.md, issue 14), unless ARROW_DEFAULT_MEMORY_POOL
chooses another one, and put the caller's pool back after each task. Each case in a fresh process: the pool is a process's state."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

CODE = """
import pyarrow as pa
from builder.export.workers import _system_pool
before = pa.default_memory_pool().backend_name
with _system_pool():
    print(pa.default_memory_pool().backend_name)
print(pa.default_memory_pool().backend_name == before)
"""


@pytest.mark.parametrize(("chosen", "expected"), [(None, "system"), ("mimalloc", "mimalloc")])
def test_the_export_tasks_use_malloc_unless_the_user_chose_a_pool(
    chosen: str | None, expected: str
) -> None:
    env = {k: v for k, v in os.environ.items() if k != "ARROW_DEFAULT_MEMORY_POOL"}
    if chosen is not None:
        env["ARROW_DEFAULT_MEMORY_POOL"] = chosen
    found = subprocess.run(
        [sys.executable, "-c", CODE], env=env, capture_output=True, text=True, check=True
    )
    inside, restored = found.stdout.split()
    assert inside == expected
    assert restored == "True"  # the caller's pool is back after the task
