"""The learned models on disk: one file, the same bytes for the same corpus.

Layout: a magic line, then length-prefixed parts: a JSON header (sorted keys: what it was
trained on, how long nothing, whether it is trusted), the casing table (JSON, sorted), the
entity CRFsuite model and, in the second format (``builder crf 2``), the claim CRFsuite model.
A file without a claim model is written in the first format (``builder entity-crf 1``, three
parts), so that such a model keeps the bytes, and the name, it had before claim models were.
No timestamp, no path: the file's SHA-256 names the models, and its first 12 hex digits enter
the pre-labels' ``model_version`` (``heuristics-...+crf-<12 hex>``).

``use`` in the header says what `builder prelabel --model` does with the model's votes:

- ``decides``: its entities are the entity layer (``builder learn`` measured it beating the
  heuristics on human labels it did not train on);
- ``votes``: its votes join the heuristics' at its ``prior`` (a choice made on dev gold);
- ``advisory``: its votes are stored beside the heuristics' (scored by `heuristics report` and
  `eval` like any heuristic) but change no pre-label: nothing showed it is better.

The claim model's ``use`` is in the header's ``claims``: ``votes`` (its claims join the
heuristics' at its ``prior``) or ``advisory``; there too are the words it tags as cues.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from builder.errors import E206_BAD_MODEL, InputError

MAGIC = b"builder crf 2\n"
FIRST_MAGIC = b"builder entity-crf 1\n"  # three parts: no claim model
USES = ("decides", "votes", "advisory")
CLAIM_USES = ("votes", "advisory")


@dataclass(frozen=True)
class Artefact:
    header: dict[str, Any]
    casing: dict[str, str]
    crf: bytes
    claims: bytes = b""  # the claim model (empty: none)

    def to_bytes(self) -> bytes:
        parts = [
            orjson.dumps(self.header, option=orjson.OPT_SORT_KEYS),
            orjson.dumps(self.casing, option=orjson.OPT_SORT_KEYS),
            self.crf,
        ]
        magic = MAGIC if self.claims else FIRST_MAGIC
        if self.claims:
            parts.append(self.claims)
        return magic + b"".join(len(p).to_bytes(8, "little") + p for p in parts)

    @property
    def digest(self) -> str:
        return hashlib.sha256(self.to_bytes()).hexdigest()


def read_artefact(path: Path) -> Artefact:
    """The model in ``path``; E206 when it is not one (or is damaged)."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(E206_BAD_MODEL, str(path), f"cannot read the model ({exc})") from exc
    magic = next((m for m in (MAGIC, FIRST_MAGIC) if raw.startswith(m)), None)
    if magic is None:
        raise InputError(E206_BAD_MODEL, str(path), "not a model written by `builder learn`")
    count = 4 if magic == MAGIC else 3
    parts: list[bytes] = []
    at = len(magic)
    for _ in range(count):
        size = int.from_bytes(raw[at : at + 8], "little")
        parts.append(raw[at + 8 : at + 8 + size])
        at += 8 + size
        if len(parts[-1]) != size:
            break
    try:
        if len(parts) != count or at != len(raw) or len(parts[2]) == 0:
            raise ValueError("truncated or extended")
        header, casing = orjson.loads(parts[0]), orjson.loads(parts[1])
        if not isinstance(header, dict) or header.get("use") not in USES:
            raise ValueError("no valid header")
        if not isinstance(casing, dict):
            raise ValueError("no casing table")
        claims = parts[3] if count == 4 else b""
        described = header.get("claims")
        if (count == 4 and not claims) or bool(claims) != isinstance(described, dict):
            raise ValueError("the claim model and its header do not agree")
        if isinstance(described, dict) and described.get("use") not in CLAIM_USES:
            raise ValueError("the claim model and its header do not agree")
    except ValueError as exc:
        raise InputError(E206_BAD_MODEL, str(path), f"damaged model ({exc})") from exc
    return Artefact(header, casing, parts[2], claims)
