"""The local engine: the default, with no Ray imported (it may not even be installed)."""

from __future__ import annotations

import subprocess
import sys

from builder.engine import Engine
from builder.workers import Pool
from builder.workers.remote import active, remote


def test_the_local_engine_gives_the_workers_asked_for_and_imports_no_ray() -> None:
    code = (
        "import sys\n"
        "from builder.engine import Engine, running_on\n"
        "with running_on(Engine.local, None, 3) as workers:\n"
        "    print(workers, 'ray' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["3", "False"]


def _double(setup: int, item: int) -> int:
    return setup * item


def test_a_remote_mapper_takes_every_pool_s_tasks_in_order_while_it_is_active() -> None:
    seen: list[tuple[object, int, list[int]]] = []

    def mapper(task, setup, items):  # type: ignore[no-untyped-def]
        items = list(items)
        seen.append((task, setup, items))
        return (task(setup, item) for item in items)

    with remote(mapper):
        assert active() is mapper
        with Pool(2, workers=4) as pool:  # no process starts: the mapper runs the tasks
            assert list(pool.map(_double, [1, 2, 3])) == [2, 4, 6]
    assert active() is None
    assert seen == [(_double, 2, [1, 2, 3])]
    assert Engine("ray") is Engine.ray
