"""What a caller sees of a long run: progress, warnings, one line per finished step.

The pipeline and the Label Studio sync take a ``Hooks``; the command line passes one that
draws on stderr (``cli/console.py``), a notebook or a test passes none and sees nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from typing import Protocol, TypeVar

T = TypeVar("T")


class Progress(Protocol):
    """Wraps an iteration: yields the items, showing how far it got."""

    def __call__(
        self, items: Iterable[T], description: str, total: int | None = None
    ) -> Iterator[T]: ...


class Counter(Protocol):
    """A counted step (``total`` units of work): a context giving ``advance(n)``."""

    def __call__(
        self, description: str, total: int
    ) -> AbstractContextManager[Callable[[int], None]]: ...


def _no_progress(items: Iterable[T], description: str, total: int | None = None) -> Iterator[T]:
    return iter(items)


@contextmanager
def _no_counter(description: str, total: int) -> Iterator[Callable[[int], None]]:
    yield lambda n: None


def _ignore(message: str) -> None:
    return None


@dataclass(frozen=True)
class Hooks:
    """What a caller sees of a run (all silent by default)."""

    progress: Progress = _no_progress
    counter: Counter = _no_counter
    warn: Callable[[str], None] = _ignore  # a problem that does not stop the run
    info: Callable[[str], None] = _ignore  # a step finished


SILENT = Hooks()
