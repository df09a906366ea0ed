"""The Ray side of the engine: connecting to a cluster, and an ordered map over Ray Data.

:func:`ray_map` is a mapper for ``builder.workers.remote``: a stage's pool hands it its task,
its set-up and its chunks; the chunks become the rows of a Ray Dataset, one block each, and
``map_batches`` runs the stage's own task on them in Ray's workers. Results come back in the
order of the chunks (``preserve_order``, and checked), so that the files the driver writes are
the bytes of the local engine. A task killed with its worker process (a node lost, out of
memory) is run again by Ray (``max_retries``); an error of the task travels back as a value
(``builder.workers.serve.call``) and is raised again here as itself, code and message.

Chunks go in windows of ``WINDOW``, a few at once, so that the driver holds a few windows of
input and no more; each row carries only pickled bytes: Ray moves them as they are, whatever
the stage's record types.

Only this module and ``ray_engine.py`` import ray, and only when the Ray engine is chosen.
"""

from __future__ import annotations

import contextlib
import logging
import os
import pickle
import signal
import socket
import warnings
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from typing import Any

from builder.errors import E509_WORKER_DIED, E520_RAY, BuilderError, ExitCode
from builder.workers import chunks
from builder.workers.serve import call, unwrap

WINDOW = 32  # chunks per Ray Dataset (export: 130,000 sentences)
AHEAD = 2  # windows running at once: the driver holds AHEAD + 1 windows of input at most
RETRIES = 3  # runs of a task whose worker died, before the build fails
# Test hook, "TASK:PATH" (TASK: a stage's task function, e.g. _label): the first chunk of TASK
# that finds no file at PATH creates it and kills its own worker process (SIGKILL), so that a
# test sees Ray run the chunk again, once, in the middle of a build.
KILL_ONCE = "BUILDER_RAY_KILL_ONCE"


class RayUnavailable(BuilderError):
    exit_code = ExitCode.UNREACHABLE

    def __init__(self, message: str) -> None:
        super().__init__(E520_RAY, message)


def _kill_once(task: str) -> None:
    target, _, marker = os.environ.get(KILL_ONCE, "").partition(":")
    if target != task or not marker:
        return
    try:
        with open(marker, "x"):
            pass
    except FileExistsError:
        return
    os.kill(os.getpid(), signal.SIGKILL)


Job = tuple[Callable[[Any, Any], Any], Any]  # a map's task and set-up
_SETUPS: dict[bytes, Job] = {}  # per worker process


def _job(job: bytes) -> Job:
    """The task and set-up of a map, unpickled once per worker process (a set-up may be
    heavy: gold labels, gazetteers). The worker moves to the driver's working directory:
    paths as the user typed them (relative ones too) name the same files there, on one
    machine or on a shared disk, and they are part of the output (document sources)."""
    if job not in _SETUPS:
        _SETUPS.clear()  # one map at a time: the last one's set-up may go
        task, setup, cwd = pickle.loads(job)
        with contextlib.suppress(OSError):  # not there: relative paths fail as unreadable
            os.chdir(cwd)
        _SETUPS[job] = (task, setup)
    return _SETUPS[job]


def apply_batch(batch: dict[str, Any], job: bytes) -> dict[str, Any]:
    """A Ray Data batch of chunks -> their results, pickled, in the same rows."""
    task, setup = _job(job)
    _kill_once(task.__name__)
    results = []
    for blob in batch["item"]:
        outcome = call(task, setup, pickle.loads(blob))
        results.append(pickle.dumps(outcome, pickle.HIGHEST_PROTOCOL))
    return {"index": batch["index"], "result": results}


def _run_window(window: list[Any], first: int, job: bytes) -> list[bytes]:
    """One window of chunks through Ray Data: their pickled outcomes, in order."""
    import ray.data

    rows = [
        {"index": first + k, "item": pickle.dumps(item, pickle.HIGHEST_PROTOCOL)}
        for k, item in enumerate(window)
    ]
    dataset = ray.data.from_items(rows, override_num_blocks=len(rows)).map_batches(
        apply_batch,
        batch_size=1,
        fn_kwargs={"job": job},
        num_cpus=1,
        # Ray Data retries forever by default: a chunk that kills its worker each time (out
        # of memory) would never end the build.
        max_retries=RETRIES,
    )
    outcomes = []
    try:
        for row in dataset.iter_rows():
            outcomes.append(row["result"])
            if row["index"] != first + len(outcomes) - 1:  # the bytes rest on it: checked
                raise BuilderError(E509_WORKER_DIED, f"Ray gave back chunk {row['index']} early")
    except BuilderError:
        raise
    except Exception as exc:  # a task's own errors come back as values: this is Ray's failure
        why = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
        raise BuilderError(
            E509_WORKER_DIED,
            f"a Ray task failed {RETRIES + 1} times, or Ray did ({type(exc).__name__}: {why})",
        ) from None
    return outcomes


def ray_map(task: Callable[[Any, Any], Any], setup: Any, items: Iterable[Any]) -> Iterator[Any]:
    """``task(setup, item)`` for each item in Ray's workers, results in order. ``AHEAD``
    windows run at once, while this thread reads the next one and its caller takes the
    results of an earlier one: the workers do not wait for the driver between windows."""
    job = pickle.dumps((task, setup, os.getcwd()), pickle.HIGHEST_PROTOCOL)
    runner = ThreadPoolExecutor(AHEAD, thread_name_prefix="ray-window")
    pending: deque[Future[list[bytes]]] = deque()
    first = 0
    try:
        for window in chunks(items, WINDOW):
            pending.append(runner.submit(_run_window, window, first, job))
            first += len(window)
            while len(pending) > AHEAD:
                yield from map(_outcome, pending.popleft().result())
        while pending:
            yield from map(_outcome, pending.popleft().result())
    finally:
        runner.shutdown(wait=False, cancel_futures=True)  # failing: the rest is not wanted


def _outcome(blob: bytes) -> Any:
    return unwrap(pickle.loads(blob))


def _reachable(address: str) -> bool:
    host, _, port = address.removeprefix("ray://").rpartition(":")
    if not port.isdigit():
        return True  # "auto" and the like: Ray knows what they mean
    try:
        with socket.create_connection((host or "127.0.0.1", int(port)), timeout=5):
            return True
    except OSError:
        return False


@contextmanager
def connected(address: str | None) -> Iterator[int]:
    """Ray, connected to the cluster at ``address`` (None: ``RAY_ADDRESS``, else a new local
    one) for the block; yields the cluster's CPUs. A Ray this process initialised already (a
    notebook, a benchmark) is used as it is, and left running. The nodes' workers import
    builder as the nodes have it (installed, or on the ``PYTHONPATH`` of ``ray start``): the
    same version as here. Only the test hook is passed on (a runtime environment of its own
    would make Ray start new worker processes for the run, seconds each)."""
    try:
        import ray
        import ray.data
    except ImportError:
        raise RayUnavailable("the Ray engine needs ray: pip install '.[ray]'") from None
    ours = not ray.is_initialized()
    if ours:
        _init(ray, address or os.environ.get("RAY_ADDRESS") or None)
    for name in ("ray", "ray.data"):  # the terminal shows our progress only
        logging.getLogger(name).setLevel(logging.ERROR)
    # max_retries has no other way into map_batches, as of Ray 2.60. For the whole process:
    # windows run in threads, and catch_warnings is not thread-safe.
    warnings.filterwarnings("ignore", "`ray_remote_args` is deprecated")
    try:
        context = ray.data.DataContext.get_current()
        context.execution_options.preserve_order = True
        context.enable_progress_bars = False
        context.print_on_execution_start = False
        yield max(1, int(ray.cluster_resources().get("CPU", 1)))
    finally:
        if ours:
            ray.shutdown()


def _init(ray: Any, address: str | None) -> None:
    if address is not None and not _reachable(address):
        raise RayUnavailable(f"no Ray cluster answers at {address} (ray start --head ...?)")
    env = {KILL_ONCE: os.environ[KILL_ONCE]} if os.environ.get(KILL_ONCE) else {}
    try:
        ray.init(
            address=address,
            runtime_env={"env_vars": env} if env else None,
            logging_level=logging.ERROR,
            log_to_driver=False,
            include_dashboard=False,
            configure_logging=True,
        )
    except (ConnectionError, RuntimeError) as exc:
        where = address or "a new local cluster"
        raise RayUnavailable(f"cannot connect to Ray at {where}: {exc}") from None
