"""`builder ingest`: raw documents -> documents.jsonl."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any

import typer

from builder.cli.console import handles_errors, info, progress, warn
from builder.errors import E113_NOTHING_INGESTED, InputError
from builder.ingest import ingest, load_rules
from builder.jsonl import write_records

Inputs = Annotated[
    list[Path], typer.Argument(help="Files or folders (.txt .md .html .htm .jsonl).")
]
Patterns = Annotated[
    Path | None,
    typer.Option("--patterns", help="Extra boilerplate rules (YAML) merged over the defaults."),
]
Strict = Annotated[
    bool, typer.Option("--strict", help="Fail on the first bad input instead of skipping it.")
]
Report = Annotated[
    Path | None, typer.Option("--report", help="Write the skipped inputs as JSONL here.")
]


def ingest_to(
    inputs: list[Path], output: Path, patterns: Path | None, strict: bool, report: Path | None
) -> tuple[int, list[InputError]]:
    """Run ingest into ``output``; return the document count and the problems skipped."""
    rules = load_rules(patterns)
    problems: list[InputError] = []

    def documents() -> Iterator[dict[str, Any]]:
        for item in progress(ingest(inputs, rules), "ingest"):
            if isinstance(item, InputError):
                if strict:
                    raise item
                warn(item)
                problems.append(item)
            else:
                yield item.to_dict()

    n = write_records(output, _non_empty(documents(), problems))
    if report is not None:
        write_records(report, (_problem_record(p) for p in problems))
    return n, problems


def _non_empty(
    records: Iterator[dict[str, Any]], problems: list[InputError]
) -> Iterator[dict[str, Any]]:
    """Pass records through; if there were none, fail before the output file is renamed."""
    any_record = False
    for record in records:
        any_record = True
        yield record
    if not any_record:
        why = f" ({len(problems)} inputs skipped)" if problems else ""
        raise InputError(E113_NOTHING_INGESTED, "-", f"no document to write{why}")


def _problem_record(p: InputError) -> dict[str, Any]:
    return {"code": p.code, "path": p.path, "line": p.line, "message": p.detail}


@handles_errors
def command(
    inputs: Inputs,
    output: Annotated[Path, typer.Option("-o", "--output", help="documents.jsonl to write.")],
    patterns: Patterns = None,
    strict: Strict = False,
    report: Report = None,
) -> None:
    """Read raw documents, normalise them, remove boilerplate, write documents.jsonl."""
    n, problems = ingest_to(inputs, output, patterns, strict, report)
    skipped = f", {len(problems)} skipped (see warnings)" if problems else ""
    info(f"ingested {n} documents{skipped} -> {output}")
