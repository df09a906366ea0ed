"""Loads ``schemas/labels.yaml``: the only source of label names and of their order."""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from builder.datafiles import safe_load
from builder.errors import E301_BAD_LABELS, UsageError
from builder.schemas import schema_dir


@dataclass(frozen=True, slots=True)
class Label:
    name: str
    description: str


@dataclass(frozen=True, slots=True)
class LabelSchema:
    version: int
    entities: tuple[Label, ...]
    claim_parts: tuple[Label, ...]
    quote_types: tuple[Label, ...]
    check_worthy: tuple[Label, ...]
    sentiment: tuple[Label, ...]
    sha: str  # SHA-256 of the file's bytes: changes whenever a name, order or text changes

    @property
    def entity_types(self) -> tuple[str, ...]:
        return tuple(label.name for label in self.entities)

    @property
    def sentiment_classes(self) -> tuple[str, ...]:
        return tuple(label.name for label in self.sentiment)

    @property
    def check_worthy_classes(self) -> tuple[str, ...]:
        return tuple(label.name for label in self.check_worthy)


def _labels(path: Path, data: dict[str, Any], *keys: str) -> tuple[Label, ...]:
    node: Any = data
    for key in keys:
        node = node.get(key) if isinstance(node, dict) else None
    if not isinstance(node, list) or not node:
        raise UsageError(E301_BAD_LABELS, f"{path}: `{'.'.join(keys)}` must be a non-empty list")
    out = []
    for item in node:
        if not isinstance(item, dict) or not isinstance(item.get("name"), str):
            problem = f"`{'.'.join(keys)}` items need a string name (quote yes/no): {item!r}"
            raise UsageError(E301_BAD_LABELS, f"{path}: {problem}")
        out.append(Label(item["name"], str(item.get("description", ""))))
    names = [label.name for label in out]
    if len(set(names)) != len(names):
        raise UsageError(E301_BAD_LABELS, f"{path}: duplicate names in `{'.'.join(keys)}`")
    return tuple(out)


def _read(path: Path) -> tuple[bytes, dict[str, Any]]:
    """The file's bytes and its mapping; YAML that does not parse names the line."""
    try:
        raw = path.read_bytes()
        data = safe_load(raw)
    except OSError as exc:
        raise UsageError(E301_BAD_LABELS, f"{path}: cannot read: {exc.strerror}") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark is not None else str(path)
        problem = getattr(exc, "problem", None) or "cannot be parsed"
        raise UsageError(E301_BAD_LABELS, f"{where}: not valid YAML: {problem}") from None
    if not isinstance(data, dict):
        raise UsageError(E301_BAD_LABELS, f"{path}: expected a mapping")
    try:
        data["version"] = int(data.get("version", 1))
    except (TypeError, ValueError):
        raise UsageError(E301_BAD_LABELS, f"{path}: `version` must be a whole number") from None
    return raw, data


def load_labels(path: Path | None = None) -> LabelSchema:
    path = path or schema_dir() / "labels.yaml"
    raw, data = _read(path)
    return LabelSchema(
        version=data["version"],
        entities=_labels(path, data, "entities"),
        claim_parts=_labels(path, data, "claims", "parts"),
        quote_types=_labels(path, data, "claims", "quote_types"),
        check_worthy=_labels(path, data, "check_worthy"),
        sentiment=_labels(path, data, "sentiment"),
        sha=hashlib.sha256(raw).hexdigest(),
    )


@functools.cache
def labels() -> LabelSchema:
    return load_labels()
