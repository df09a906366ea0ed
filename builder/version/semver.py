"""Which version an export becomes, from what changed since the latest one.

- the label schema changed -> major (old label ids no longer mean the same thing);
- the human annotations changed -> minor;
- anything else (heuristics, parameters, documents) -> patch.
Nothing changed at all: the latest version is already this dataset, and it is refused.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from builder.errors import (
    E505_NOTHING_CHANGED,
    E506_BAD_VERSION,
    E512_DAMAGED_VERSION,
    BuilderError,
    InputError,
    UsageError,
)
from builder.schemas import first_error

# Strict: ASCII digits (\d also matches other scripts' digits), no leading zero (01.0.0 would
# be a second folder for 1.0.0), nothing after (a `$` would let a trailing newline through).
_SEMVER = re.compile(r"(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)")
MANIFEST = "manifest"  # schemas/manifest.schema.json
RESTORE = "the version folder is damaged; versions are immutable, restore it from a copy"


def parse(version: str) -> tuple[int, int, int]:
    m = _SEMVER.fullmatch(version)
    if m is None:
        raise BuilderError(
            E506_BAD_VERSION, f"version {version!r} is not X.Y.Z (numbers without leading zeros)"
        )
    return int(m[1]), int(m[2]), int(m[3])


def check_version(version: str) -> str:
    """A version given as an option: X.Y.Z, or a usage error (exit 2) before any work."""
    try:
        parse(version)
    except BuilderError as exc:
        raise UsageError(exc.code, f"--version: {exc.message}") from None
    return version


def versions(dataset: Path) -> list[str]:
    """The complete versions of a dataset folder (those with a manifest), oldest first."""
    if not dataset.is_dir():
        return []
    found = [
        p.name
        for p in dataset.iterdir()
        if _SEMVER.fullmatch(p.name) and (p / "manifest.json").is_file()
    ]
    return sorted(found, key=parse)


def manifest(dataset: Path, version: str) -> dict[str, Any]:
    """The manifest of a version, checked against ``schemas/manifest.schema.json`` (what the
    readers of versions use of it): a damaged one is an error naming the file."""
    parse(version)  # a version is a name, never a path (`../x`)
    path = dataset / version / "manifest.json"
    if not path.is_file():
        raise BuilderError(E506_BAD_VERSION, f"{dataset.name} has no version {version} ({path})")
    try:
        data = json.loads(path.read_bytes())
    except OSError as exc:
        raise InputError(E512_DAMAGED_VERSION, str(path), f"cannot read: {exc.strerror}") from None
    except ValueError as exc:  # not JSON, or not UTF-8
        problem = f"not valid JSON ({exc}): {RESTORE}"
        raise InputError(E512_DAMAGED_VERSION, str(path), problem) from None
    wrong = first_error(MANIFEST, data)
    if wrong is not None:
        problem = f"not a manifest of builder export ({wrong}): {RESTORE}"
        raise InputError(E512_DAMAGED_VERSION, str(path), problem)
    checked: dict[str, Any] = data
    return checked


def _digest(annotations: Any) -> Any:
    """The annotations' content hash ({"folder", "sha256"} in the manifest)."""
    return annotations.get("sha256") if isinstance(annotations, dict) else annotations


def fingerprint(m: dict[str, Any]) -> dict[str, Any]:
    """What decides a bump: schema, gold inputs, everything else."""
    inputs = m.get("inputs", {})
    return {
        "schema": m.get("label_schema_sha256"),
        "gold": _digest(inputs.get("annotations")),
        "rest": [
            inputs.get("sentences"),
            inputs.get("prelabels"),
            m.get("params"),
            m.get("heuristics_versions"),
            inputs.get("quality"),
        ],
    }


def next_version(dataset: Path, new: dict[str, Any]) -> str:
    """The version an export with fingerprint ``new`` gets, after the latest existing one."""
    existing = versions(dataset)
    if not existing:
        return "0.1.0"
    latest = existing[-1]
    old = fingerprint(manifest(dataset, latest))
    major, minor, patch = parse(latest)
    if new["schema"] != old["schema"]:
        return f"{major + 1}.0.0"
    if new["gold"] != old["gold"]:
        return f"{major}.{minor + 1}.0"
    if new["rest"] != old["rest"]:
        return f"{major}.{minor}.{patch + 1}"
    raise BuilderError(
        E505_NOTHING_CHANGED, f"nothing changed since {dataset.name} {latest}: no new version"
    )
