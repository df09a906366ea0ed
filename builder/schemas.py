"""JSON Schemas of the records written to disk (``schemas/`` at the repo root)."""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import fastjsonschema
import orjson

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator

# Wheels carry a copy of the repo's schemas/ (pyproject); editable installs read the repo's.
# The wheel's copy comes first: site-packages/schemas could belong to another package.
_CANDIDATES = (
    Path(__file__).resolve().with_name("_schemas"),
    Path(__file__).resolve().parents[1] / "schemas",
)


def schema_dir() -> Path:
    for candidate in _CANDIDATES:
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("schemas/ folder not found beside the builder package")


@functools.cache
def _read(name: str) -> dict[str, Any]:
    schema: dict[str, Any] = orjson.loads((schema_dir() / f"{name}.schema.json").read_bytes())
    return schema


@functools.cache
def load_schema(name: str) -> dict[str, Any]:
    """``schemas/<name>.schema.json``, checked against the JSON Schema meta-schema."""
    from jsonschema import Draft202012Validator  # here: importing it is a tenth of a second

    schema = _read(name)
    Draft202012Validator.check_schema(schema)
    return schema


@functools.cache
def validator(name: str) -> Draft202012Validator:
    """A validator for ``schemas/<name>.schema.json``."""
    from jsonschema import Draft202012Validator

    return Draft202012Validator(load_schema(name))


Check = Callable[[Any], bool]


@functools.cache
def is_valid(name: str) -> Check:
    """The yes/no check of ``schemas/<name>.schema.json``, compiled to Python code by
    fastjsonschema: some 50 times faster than jsonschema's validator, fast enough to run on
    every record read (tests/test_schemas.py checks that both answer alike on our schemas);
    ``first_error`` asks jsonschema to explain a no. The schema is not checked against the
    meta-schema here (tests/test_schemas.py checks every one; ``validator`` checks it): that
    needs jsonschema, whose import was a fifth of the start-up of a command that reads
    only good records."""
    validate = fastjsonschema.compile(_read(name))

    def check(record: Any) -> bool:
        try:
            validate(record)
        except fastjsonschema.JsonSchemaException:
            return False
        return True

    return check


def first_error(name: str, record: Any) -> str | None:
    """The first schema violation of ``record`` as a readable sentence, or None."""
    if is_valid(name)(record):
        return None
    error = next(iter(validator(name).iter_errors(record)), None)
    if error is None:
        return None
    where = "/".join(map(str, error.absolute_path)) or "record"
    # jsonschema quotes the whole value: a 100 kB sentence made a 100 kB error line.
    shown = repr(error.instance)
    if len(shown) > _QUOTED:
        short = f"{shown[: _QUOTED - 20]}... ({len(shown):,} characters)"
        return f"{where}: {error.message.replace(shown, short)}"
    return f"{where}: {error.message}"


_QUOTED = 120  # characters of a value an error message quotes
