"""What a caller sees of a pipeline run: progress, warnings, one line per finished step."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Protocol, TypeVar

T = TypeVar("T")


class Progress(Protocol):
    def __call__(
        self, items: Iterable[T], description: str, total: int | None = None
    ) -> Iterator[T]: ...


def _no_progress(items: Iterable[T], description: str, total: int | None = None) -> Iterator[T]:
    return iter(items)


def _ignore(message: str) -> None:
    return None


@dataclass(frozen=True)
class Hooks:
    """What a caller sees of a run (all silent by default)."""

    progress: Progress = _no_progress
    warn: Callable[[str], None] = _ignore  # a problem that does not stop the run
    info: Callable[[str], None] = _ignore  # a step finished


SILENT = Hooks()
