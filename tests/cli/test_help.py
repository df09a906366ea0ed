"""`--help` of every command shows every option's help text whole: brackets included.

Typer renders help through rich, whose markup takes ``[lowercase words]`` for a style tag and
drops it: ``[default: beside PRELABELS]`` once vanished from `builder studio push --help`. The
walk below covers every command the app has, so a new option cannot bring the bug back.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from builder.cli import app


def _commands(group: Any, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], Any]]:
    """Every command under ``group`` (typer's own click, so duck-typed), with its path."""
    if hasattr(group, "commands"):
        for name, sub in sorted(group.commands.items()):
            yield from _commands(sub, (*path, name))
    else:
        yield path, group


COMMANDS = list(_commands(typer.main.get_command(app)))


def _flat(text: str) -> str:
    """The help screen as one line: box borders and line wrapping removed."""
    return " ".join(re.sub(r"[│╭╮╰╯─]", " ", text).split())


def _shown(param: Any) -> str | None:
    """The default typer adds in brackets, when it shows one."""
    if param.param_type_name != "option" or param.show_default is False:
        return None
    if isinstance(param.show_default, str):
        return f"[default: ({param.show_default})]"
    if param.is_flag or param.default in (None, "", ()):
        return None
    default = param.default.value if hasattr(param.default, "value") else param.default
    return f"[default: {default}]"


def test_the_walk_finds_the_commands() -> None:
    names = {" ".join(path) for path, _ in COMMANDS}
    assert {"build", "studio push", "studio up", "heuristics report"} <= names


@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=[" ".join(p) for p, _ in COMMANDS])
def test_every_option_help_renders_whole(path: tuple[str, ...], command: Any) -> None:
    result = CliRunner().invoke(app, [*path, "--help"], env={"COLUMNS": "400"})
    assert result.exit_code == 0, result.output
    screen = _flat(result.output)
    for param in command.params:
        help_text = getattr(param, "help", None)
        if help_text:
            expected = " ".join(help_text.replace("\\[", "[").split())
            assert expected in screen, f"{param.name}: {expected!r} is not shown whole"
        if (default := _shown(param)) is not None:
            assert default in screen, f"{param.name}: {default!r} is missing"


def test_the_sentences_default_of_push_is_shown() -> None:
    """The case that was lost."""
    result = CliRunner().invoke(app, ["studio", "push", "--help"], env={"COLUMNS": "400"})
    assert "[default: (beside PRELABELS)]" in _flat(result.output)
