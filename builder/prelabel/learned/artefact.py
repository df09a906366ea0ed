"""The learned entity model on disk: one file, the same bytes for the same corpus.

Layout: a magic line, then three length-prefixed parts: a JSON header (sorted keys: what it was
trained on, how long nothing, whether it is trusted), the casing table (JSON, sorted) and the
CRFsuite model. No timestamp, no path: the file's SHA-256 names the model, and its first 12 hex
digits enter the pre-labels' ``model_version`` (``heuristics-...+crf-<12 hex>``).

``use`` in the header says what `builder prelabel --model` does with the model's votes:

- ``decides``: its entities are the entity layer (``builder learn`` measured it beating the
  heuristics on human labels it did not train on);
- ``votes``: its votes join the heuristics' at its ``prior`` (a choice made on dev gold);
- ``advisory``: its votes are stored beside the heuristics' (scored by `heuristics report` and
  `eval` like any heuristic) but change no pre-label: nothing showed it is better.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from builder.errors import E206_BAD_MODEL, InputError

MAGIC = b"builder entity-crf 1\n"
USES = ("decides", "votes", "advisory")


@dataclass(frozen=True)
class Artefact:
    header: dict[str, Any]
    casing: dict[str, str]
    crf: bytes

    def to_bytes(self) -> bytes:
        parts = [
            orjson.dumps(self.header, option=orjson.OPT_SORT_KEYS),
            orjson.dumps(self.casing, option=orjson.OPT_SORT_KEYS),
            self.crf,
        ]
        return MAGIC + b"".join(len(p).to_bytes(8, "little") + p for p in parts)

    @property
    def digest(self) -> str:
        return hashlib.sha256(self.to_bytes()).hexdigest()


def read_artefact(path: Path) -> Artefact:
    """The model in ``path``; E206 when it is not one (or is damaged)."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(E206_BAD_MODEL, str(path), f"cannot read the model ({exc})") from exc
    if not raw.startswith(MAGIC):
        raise InputError(E206_BAD_MODEL, str(path), "not a model written by `builder learn`")
    parts: list[bytes] = []
    at = len(MAGIC)
    for _ in range(3):
        size = int.from_bytes(raw[at : at + 8], "little")
        parts.append(raw[at + 8 : at + 8 + size])
        at += 8 + size
        if len(parts[-1]) != size:
            break
    try:
        if len(parts) != 3 or at != len(raw) or len(parts[-1]) == 0:
            raise ValueError("truncated or extended")
        header, casing = orjson.loads(parts[0]), orjson.loads(parts[1])
        if not isinstance(header, dict) or header.get("use") not in USES:
            raise ValueError("no valid header")
        if not isinstance(casing, dict):
            raise ValueError("no casing table")
    except ValueError as exc:
        raise InputError(E206_BAD_MODEL, str(path), f"damaged model ({exc})") from exc
    return Artefact(header, casing, parts[2])
