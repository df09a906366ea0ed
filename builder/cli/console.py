"""Terminal plumbing shared by the commands: stderr console, progress, error handling.

Data goes to files or stdout; progress, warnings and errors go to stderr. Progress bars show
only on a terminal, so logs and pipes stay clean.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import ParamSpec, TypeVar

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from builder.errors import E112_CANNOT_WRITE, BuilderError, ExitCode, InputError
from builder.hooks import Hooks

err = Console(stderr=True, highlight=False, soft_wrap=True)

P = ParamSpec("P")
R = TypeVar("R")
T = TypeVar("T")


def handles_errors(fn: Callable[P, R]) -> Callable[P, R]:
    """Turn a ``BuilderError`` into its message on stderr and its exit code."""

    @functools.wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return fn(*args, **kwargs)
        except BuilderError as exc:
            err.print(f"error: {exc}", style="bold red", markup=False)
            raise typer.Exit(int(exc.exit_code)) from None
        except OSError as exc:  # an output we cannot write: a path, not a traceback
            where = f"{exc.filename}: " if exc.filename else ""
            err.print(
                f"error: {E112_CANNOT_WRITE} {where}{exc.strerror or exc}",
                style="bold red",
                markup=False,
            )
            raise typer.Exit(int(ExitCode.DATA)) from None

    return wrapper


def hooks() -> Hooks:
    """The pipeline's callbacks, drawn on stderr."""
    return Hooks(progress=progress, counter=counter, warn=warn, info=info)


def warn(problem: InputError | str) -> None:
    err.print(f"warning: {problem}", style="yellow", markup=False)


def info(message: str) -> None:
    err.print(message, markup=False)


def _bar() -> Progress:
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
