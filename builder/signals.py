"""Signals held back over a few lines that must not be cut in the middle.

A signal mask would not do: the kernel hands a process's signal to any thread that does not
block it, and the interpreter then runs the Python handler in the main thread at whatever line
it has reached. So the main thread's handlers are swapped for ones that only note the signal,
and the real handlers get what arrived once the lines are done. Only the main thread can set
handlers; elsewhere (where no handler runs) nothing changes."""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterable, Iterator

TERMINATING = (signal.SIGINT, signal.SIGTERM)


@contextlib.contextmanager
def held(signums: Iterable[int] = TERMINATING) -> Iterator[None]:
    """Run the block to its end whatever of ``signums`` arrives; then raise each that did
    (once: a second Ctrl-C meanwhile is the same request), under the handlers as they were."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    arrived: list[int] = []
    saved = {s: signal.signal(s, lambda signum, _: arrived.append(signum)) for s in signums}
    try:
        yield
    finally:
        for signum, handler in saved.items():
            signal.signal(signum, signal.SIG_DFL if handler is None else handler)
        for signum in dict.fromkeys(arrived):  # now to the handler it was meant for
            signal.raise_signal(signum)
