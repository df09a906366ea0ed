"""Terminal plumbing shared by the commands: stderr console, progress, error handling.

Data goes to files or stdout; progress, warnings and errors go to stderr. Progress bars show
only on a terminal, so logs and pipes stay clean.

Interrupts: Ctrl-C, SIGTERM (``kill``, a job scheduler, ``docker stop``) and SIGHUP (the
terminal closed) all unwind the command the same way, so that every ``finally`` runs: worker
processes stopped, temporary files and staging folders removed. The user sees one line and
the exit code 128 + the signal's number (130 for Ctrl-C), as shells report a killed command.
A command that knows how far it got adds a note to the interrupt (``add_note``): the line
says that instead (``studio push``: how many tasks landed).
"""

from __future__ import annotations

import contextlib
import functools
import os
import signal
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from types import FrameType
from typing import TYPE_CHECKING, ParamSpec, TypeVar

import typer
from rich.console import Console

if TYPE_CHECKING:
    from rich.progress import Progress

from builder import __version__
from builder.errors import E112_CANNOT_WRITE, E900_INTERNAL, BuilderError, ExitCode, InputError
from builder.hooks import Hooks

err = Console(stderr=True, highlight=False, soft_wrap=True)

P = ParamSpec("P")
R = TypeVar("R")
T = TypeVar("T")


class Interrupted(KeyboardInterrupt):
    """A termination signal, raised where Ctrl-C's KeyboardInterrupt would be."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


# Taken over only while they have their default action: a SIGHUP that `nohup` ignores stays so.
_TERMINATING = tuple(
    getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)
)


def _terminate(signum: int, frame: FrameType | None) -> None:
    signal.signal(signum, signal.SIG_IGN)  # once is enough: a second must not cut the clean-up
    raise Interrupted(signum)


@contextmanager
def _signals_interrupt() -> Iterator[None]:
    """SIGTERM and SIGHUP raise :class:`Interrupted` in the main thread while the block runs."""
    if threading.current_thread() is not threading.main_thread():
        yield  # only the main thread may set handlers (and receives the signals)
        return
    taken = {
        s: signal.signal(s, _terminate)
        for s in _TERMINATING
        if signal.getsignal(s) is signal.SIG_DFL
    }
    try:
        yield
    finally:
        for signum, before in taken.items():
            signal.signal(signum, before)


def handles_errors(fn: Callable[P, R]) -> Callable[P, R]:
    """Turn a ``BuilderError`` into its message on stderr and its exit code, and an interrupt
    (Ctrl-C, SIGTERM, SIGHUP) into one line and 128 + the signal's number."""

    @functools.wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:  # outermost: an interrupt may also land in the handlers below
            with _signals_interrupt():
                try:
                    return fn(*args, **kwargs)
                except BuilderError as exc:
                    error(str(exc))
                    raise typer.Exit(int(exc.exit_code)) from None
                except OSError as exc:  # an output we cannot write: a path, not a traceback
                    where = f"{exc.filename}: " if exc.filename else ""
                    error(f"{E112_CANNOT_WRITE} {where}{exc.strerror or exc}")
                    raise typer.Exit(int(ExitCode.DATA)) from None
                except Exception as exc:
                    code = last_resort(exc)
                    if code is None:  # typer's own exceptions (exit, abort, bad parameter)
                        raise
                    raise typer.Exit(code) from None
        except KeyboardInterrupt as exc:
            signum = exc.signum if isinstance(exc, Interrupted) else int(signal.SIGINT)
            # A command may say how far it got (a note added to the exception on its way out).
            said = "; ".join(getattr(exc, "__notes__", ())) or (
                "unfinished output removed; re-run to finish"
            )
            with contextlib.suppress(OSError):  # SIGHUP: the terminal may be gone
                name = signal.Signals(signum).name
                err.print(f"interrupted ({name}): {said}", markup=False)
            raise typer.Exit(128 + signum) from None

    return wrapper


def error(message: str) -> None:
    """One error line on stderr, any API token in it masked (a server may echo it)."""
    err.print(f"error: {_redacted(message)}", style="bold red", markup=False)


def _redacted(message: str) -> str:
    from builder.studio.secrets import redact  # small, and only when something is printed

    return redact(message)


def last_resort(exc: Exception) -> int | None:
    """An exception nothing turned into a coded error is a bug: one coded line with the
    version to report, and the exit code (1); never a traceback (``BUILDER_TRACEBACK=1``
    shows it, for whoever debugs it: None is returned, and the caller re-raises). Typer's own
    exceptions are not bugs: None, for the caller to re-raise."""
    if isinstance(exc, typer.TyperException | typer.Exit | typer.Abort):
        return None
    if os.environ.get("BUILDER_TRACEBACK"):
        return None
    error(
        f"{E900_INTERNAL} internal error, please report: {type(exc).__name__}: {exc} "
        f"(news-dataset-builder {__version__})"
    )
    return int(ExitCode.DATA)


def hooks() -> Hooks:
    """The pipeline's callbacks, drawn on stderr."""
    return Hooks(progress=progress, counter=counter, warn=warn, info=info)


def warn(problem: InputError | str) -> None:
    err.print(f"warning: {_redacted(str(problem))}", style="yellow", markup=False)


def info(message: str) -> None:
    err.print(message, markup=False)


def _bar() -> Progress:
    # Imported here: off a terminal no bar is drawn, and the module was some 10 ms of the
    # start-up of a command.
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        disable=not err.is_terminal,
    )


def progress(items: Iterable[T], description: str, total: int | None = None) -> Iterator[T]:
    """Iterate with a progress bar on stderr (silent when stderr is not a terminal)."""
    if not err.is_terminal:  # no bar to draw: none made, nor advanced for each item
        yield from items
        return
    with _bar() as bar:
        task = bar.add_task(description, total=total)
        for item in items:
            yield item
            bar.advance(task)


@contextmanager
def counter(description: str, total: int) -> Iterator[Callable[[int], None]]:
    """A counted step with a progress bar on stderr (silent when stderr is not a terminal)."""
    with _bar() as bar:
        task = bar.add_task(description, total=total)
        yield lambda n: bar.advance(task, n)
