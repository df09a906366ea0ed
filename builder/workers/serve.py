"""What runs inside a worker process of :class:`builder.workers.Pool`, and what its answers
look like on their way back: the task's result, a :class:`BuilderError` to raise again, or a
bug as text. The pool's side is in ``pool.py``.
"""

from __future__ import annotations

import contextlib
import ctypes
import importlib
import multiprocessing
import os
import pickle
import queue
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any, TypeVar

from builder.errors import E509_WORKER_DIED, BuilderError

S = TypeVar("S")
T = TypeVar("T")
R = TypeVar("R")
_DONE = object()  # the end of a worker's results
_PR_SET_PDEATHSIG = 1  # linux/prctl.h
STARTUP_BLOCKED = {signal.SIGINT}  # blocked while a worker starts, until it ignores them


@dataclass(frozen=True)
class Failed:
    """A BuilderError on its way back from a worker: its constructor does not unpickle (its
    arguments are not its ``args``), so it travels as its class, args and attributes."""

    kind: type[BuilderError]
    args: tuple[Any, ...]
    state: dict[str, Any]

    def error(self) -> BuilderError:
        exc = self.kind.__new__(self.kind)
        Exception.__init__(exc, *self.args)
        exc.__dict__.update(self.state)
        return exc


@dataclass(frozen=True)
class Crashed:
    """Any other exception of a task, as text (it may not unpickle either)."""

    error: str


def call(task: Callable[[S, T], R], setup: S, item: T) -> R | list[Any] | Failed | Crashed:
    """``task(setup, item)`` as a worker sends it back: an iterator as a list (a generator
    does not pickle; a task may stream when it runs in the caller's process), an error as a
    value."""
    try:
        result = task(setup, item)
        return list(result) if isinstance(result, Iterator) else result
    except BuilderError as exc:
        return Failed(type(exc), exc.args, dict(vars(exc)))
    except Exception as exc:  # a bug, not a dead worker: say what it was
        return Crashed(f"{type(exc).__name__}: {exc}")


def answer(message: bytes, setup: Any) -> bytes:
    """The pickled result of a pickled ``(task, item)``; what cannot be (un)pickled is a bug of
    the task, reported as one."""
    if isinstance(setup, Crashed):  # the set-up did not unpickle: every answer says so
        return pickle.dumps(setup, pickle.HIGHEST_PROTOCOL)
    try:
        task, item = pickle.loads(message)
        return pickle.dumps(call(task, setup, item), pickle.HIGHEST_PROTOCOL)
    except Exception as exc:
        return pickle.dumps(Crashed(f"{type(exc).__name__}: {exc}"), pickle.HIGHEST_PROTOCOL)


def serve(
    tasks: Connection, results: Connection, parent: int, preload: tuple[str, ...] = ()
) -> None:
    """A worker process: tasks in, results out, in order, until the parent closes its end.

    The set-up is the first message, unpickled only once this worker follows its parent:
    unpickling imports what it is made of (Arrow...: seconds), during which a dead parent went
    unnoticed. The modules ``preload`` are imported while the parent makes or sends it
    (``pool.Later``). A thread sends the results, so that the next chunk is worked on while
    the main process is still reading the last one (a pipe's send blocks until the other side
    has read).
    """
    _die_with_parent(parent)
    for name in preload:  # one that fails fails again where it is needed, and says so there
        with contextlib.suppress(Exception):
            importlib.import_module(name)
    try:
        pickled = tasks.recv_bytes()
    except (EOFError, OSError):  # the pool ended before it sent the set-up
        return
    try:
        setup = pickle.loads(pickled)
    except Exception as exc:
        setup = Crashed(f"the set-up did not unpickle: {type(exc).__name__}: {exc}")
    outbox: queue.Queue[Any] = queue.Queue(maxsize=2)

    def send() -> None:
        try:
            while (result := outbox.get()) is not _DONE:
                results.send_bytes(result)
        except BaseException:
            os._exit(1)  # the main process then sees the pipe close (E509), never a hang

    sender = threading.Thread(target=send, daemon=True)
    sender.start()
    while True:
        try:
            message = tasks.recv_bytes()
        except (EOFError, OSError):  # the pool is done with us, or its process is gone
            break
        outbox.put(answer(message, setup))
    outbox.put(_DONE)
    sender.join()


def _die_with_parent(parent: int) -> None:
    """End this worker when its parent ends, however it ends (a SIGKILLed export left its
    workers, 115 MB each, under PID 1). On Linux the kernel kills us when the thread that
    started us ends (PDEATHSIG: a pool lives in one thread); as a second line, and elsewhere,
    a thread waits for the end of the pipe only the parent holds. SIGINT is now ignored."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the parent died before we could ask to follow it
        os._exit(1)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, STARTUP_BLOCKED)
    spawner = multiprocessing.parent_process()
    if spawner is not None and spawner.sentinel is not None:
        threading.Thread(target=_exit_with, args=(spawner.sentinel,), daemon=True).start()


def _exit_with(sentinel: int) -> None:
    wait([sentinel])
    os._exit(1)


def unwrap(result: Any) -> Any:
    if isinstance(result, Failed):
        raise result.error()
    if isinstance(result, Crashed):
        raise BuilderError(E509_WORKER_DIED, f"a worker process failed: {result.error}")
    return result
