"""The `builder` command line: one thin module per command, assembled here."""

from __future__ import annotations

import sys

import typer

from builder import __version__
from builder.cli.console import last_resort
from builder.cli.lazy import LazyGroup

app = typer.Typer(
    name="builder",
    help="Turn raw news documents into annotated, versioned NLP datasets.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    cls=LazyGroup,  # the commands (lazy.COMMANDS) are imported when they run
)


@app.callback(invoke_without_command=True)
def _root(
    version: bool = typer.Option(False, "--version", help="Print the version and exit."),
) -> None:
    if version:
        typer.echo(__version__)
        raise typer.Exit()


def main() -> None:
    """The console script: typer's own errors exit as typer says; anything else that escapes
    a command (or happens outside one) is the one coded E900 line of ``last_resort``."""
    try:
        app()
    except Exception as exc:
        code = last_resort(exc)
        if code is None:
            raise
        sys.exit(code)
