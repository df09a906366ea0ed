"""Commands imported when they run, not when `builder` starts.

Each command module imports its stage (and ``build`` imports every stage): importing them all
cost 0.4 s of CPU before any command began, a quarter of what `builder segment` then spent on
15 MB of news. The root group holds its commands in a mapping that knows every name and
imports a command's module when the command is looked up: to run it, or for the root's
``--help``, which lists them all.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Mapping, MutableMapping
from typing import Any

import typer
from typer._click import Command  # the click typer vendors: the type of its commands
from typer.core import TyperGroup

# name -> (module under builder.cli, attribute): a function is a command, a Typer a group.
COMMANDS: dict[str, tuple[str, str]] = {
    "ingest": ("ingest", "command"),
    "segment": ("segment", "command"),
    "prelabel": ("prelabel", "command"),
    "export": ("export", "command"),
    "versions": ("versions", "command"),
    "diff": ("diff", "command"),
    "build": ("build", "command"),
    "learn": ("learn", "command"),
    "eval": ("evaluate", "command"),
    "heuristics": ("heuristics", "app"),
    "studio": ("studio", "app"),
}


def load(name: str) -> Command:
    """The command (or group) called ``name``, its module imported now."""
    module, attribute = COMMANDS[name]
    target: Any = getattr(importlib.import_module(f"builder.cli.{module}"), attribute)
    if isinstance(target, typer.Typer):
        group = typer.main.get_group(target)
        group.name = name
        return group
    single = typer.Typer(add_completion=False, pretty_exceptions_enable=False)
    single.command(name)(target)
    # A second, hidden command keeps typer from making a lone command the root.
    single.command("_", hidden=True)(_placeholder)
    return typer.main.get_group(single).commands[name]


def _placeholder() -> None:  # pragma: no cover - hidden, never run
    """Never shown."""


class _Commands(MutableMapping[str, Command]):
    """Every command's name, in ``COMMANDS`` order; a command is loaded when first asked for."""

    def __init__(self, loaded: Mapping[str, Command]) -> None:
        self._loaded = dict(loaded)

    def __getitem__(self, name: str) -> Command:
        if name not in self._loaded:
            if name not in COMMANDS:
                raise KeyError(name)
            self._loaded[name] = load(name)
        return self._loaded[name]

    def __setitem__(self, name: str, command: Command) -> None:
        self._loaded[name] = command

    def __delitem__(self, name: str) -> None:
        del self._loaded[name]

    def __iter__(self) -> Iterator[str]:
        yield from self._loaded
        yield from (name for name in COMMANDS if name not in self._loaded)

    def __len__(self) -> int:
        return len(self._loaded.keys() | COMMANDS.keys())


class LazyGroup(TyperGroup):
    """The root group, over the lazy mapping of commands."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.commands = _Commands(self.commands)
