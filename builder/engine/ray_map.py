"""The Ray side of the engine: connecting to a cluster, and an ordered map over Ray tasks.

:func:`ray_map` is a mapper for ``builder.workers.remote``: a stage's pool hands it its task,
its set-up and its chunks; each chunk becomes one Ray task that runs the stage's own task in
a Ray worker. Results are taken in the order of the chunks, so that the files the driver
writes are the bytes of the local engine. A task killed with its worker process (a node lost,
out of memory) is run again by Ray (``max_retries``); an error of the task travels back as a
value (``builder.workers.serve.call``) and is raised again here as itself, code and message.

Memory does not grow with the input, here or in the workers: at most ``AHEAD`` chunks a CPU
of the cluster are in flight (their input and results, pickled bytes, in Ray's object store),
the next one is read only when the oldest result has been taken, and each object is let go as
soon as it is taken. (Windows of 32 chunks through Ray Data did this before: a window of the
export held 130,000 sentences, more than a whole input of 41,724, so that the driver's memory
and the store's pages every worker touched grew with the input up to three windows; and each
window paid Ray Data's start-up, seconds, and two actors of its own, 180 MB each.)

Only this module, ``ray_engine.py`` and ``ray_lsh.py`` import ray, and only when the Ray
engine is chosen.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import pickle
import signal
import socket
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from builder.errors import E509_WORKER_DIED, E520_RAY, BuilderError, ExitCode
from builder.workers.serve import call, unwrap

AHEAD = 2  # chunks in flight a CPU of the cluster: one running, one waiting to be taken
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
_SETUPS: dict[str, Job] = {}  # per worker process, by the digest of the pickled job


def _job(key: str, where: list[Any]) -> Job:
    """The task and set-up of a map, fetched from the object store and unpickled once per
    worker process (a set-up may be heavy: gold labels, gazetteers); ``where`` holds its
    reference inside a list, so that Ray does not fetch it for every chunk. The worker moves
    to the driver's working directory: paths as the user typed them (relative ones too) name
    the same files there, on one machine or on a shared disk, and they are part of the output
    (document sources)."""
    if key not in _SETUPS:
        import ray

        _SETUPS.clear()  # one map at a time: the last one's set-up may go
        task, setup, cwd = pickle.loads(ray.get(where[0]))
        with contextlib.suppress(OSError):  # not there: relative paths fail as unreadable
            os.chdir(cwd)
        _SETUPS[key] = (task, setup)
    return _SETUPS[key]


def run_chunk(key: str, where: list[Any], blob: bytes) -> bytes:
    """A Ray task: one pickled chunk -> its pickled outcome (a result or an error, as a
    value)."""
    task, setup = _job(key, where)
    _kill_once(task.__name__)
    return pickle.dumps(call(task, setup, pickle.loads(blob)), pickle.HIGHEST_PROTOCOL)


def ray_map(task: Callable[[Any, Any], Any], setup: Any, items: Iterable[Any]) -> Iterator[Any]:
    """``task(setup, item)`` for each item in Ray's workers, results in order. ``AHEAD``
    chunks a CPU run or wait while the caller takes the results of earlier ones: the workers
    do not wait for the driver, and nothing piles up."""
    import ray

    job = pickle.dumps((task, setup, os.getcwd()), pickle.HIGHEST_PROTOCOL)
    key = hashlib.blake2b(job, digest_size=16).hexdigest()
    where = [ray.put(job)]
    del job
    remote: Any = ray.remote(run_chunk).options(num_cpus=1, max_retries=RETRIES)
    ahead = AHEAD * max(1, int(ray.cluster_resources().get("CPU", 1)))
    pending: deque[Any] = deque()
    try:
        for item in items:
            pending.append(remote.remote(key, where, pickle.dumps(item, pickle.HIGHEST_PROTOCOL)))
            while len(pending) >= ahead:
                yield _outcome(pending.popleft())
        while pending:
            yield _outcome(pending.popleft())
    finally:
        for ref in pending:  # failing, or the caller stopped: the rest is not wanted
            with contextlib.suppress(Exception):
                ray.cancel(ref)


def _outcome(ref: Any) -> Any:
    """The result of a chunk's task, or its error raised here; the object store lets go of
    its bytes as the reference goes."""
    import ray

    try:
        blob = ray.get(ref)
    except ray.exceptions.RayError as exc:  # the task's own errors come back as values
        text = str(exc).strip()
        why = text.splitlines()[0] if text else ""
        raise BuilderError(
            E509_WORKER_DIED,
            f"a Ray task failed {RETRIES + 1} times, or Ray did ({type(exc).__name__}: {why})",
        ) from None
    del ref
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
    except ImportError:
        raise RayUnavailable("the Ray engine needs ray: pip install '.[ray]'") from None
    ours = not ray.is_initialized()
    if ours:
        _init(ray, address or os.environ.get("RAY_ADDRESS") or None)
    logging.getLogger("ray").setLevel(logging.ERROR)  # the terminal shows our progress only
    try:
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
