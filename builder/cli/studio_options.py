"""Options and helpers shared by the `builder studio` commands."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from builder.cli.console import err, info

State = Annotated[
    Path,
    typer.Option(
        "--state",
        envvar="BUILDER_STUDIO_STATE",
        help="Folder for the local server's data, login and token (keep it out of git).",
    ),
]
Url = Annotated[str | None, typer.Option("--url", help="Label Studio URL [LABEL_STUDIO_URL].")]
Token = Annotated[
    str | None,
    typer.Option("--token", help="API token [LABEL_STUDIO_API_KEY].", show_default=False),
]
Project = Annotated[
    str, typer.Option("--project", envvar="BUILDER_STUDIO_PROJECT", help="Project title.")
]
DEFAULT_PROJECT = "news-dataset-builder"


class Order(StrEnum):
    input = "input"
    priority = "priority"


def connect(url: str | None, token: str | None, state: Path) -> Any:
    from builder.studio.client import Studio, endpoint

    studio = Studio(endpoint(url, token, state), notice=info)  # long waits say what is left
    studio.whoami()  # fail early, before any local or remote state changes
    return studio


def counts_table(title: str, counts: dict[str, int]) -> None:
    from rich.table import Table

    table = Table(title=title, show_header=False)
    for key, value in counts.items():
        table.add_row(key, str(value))
    err.print(table)
