"""Registry snapshot: names, layers, versions, priors and a fingerprint of what each heuristic
votes on the shipped sample corpus. A heuristic whose votes change while its version stays the
same fails here: bump its version, then refresh the snapshot with

    UPDATE_SNAPSHOT=1 pytest tests/prelabel/test_registry.py
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

import pytest

from builder.ingest import ingest
from builder.model import Document, Sentence
from builder.prelabel.lf import DocContext, LabelingFunction
from builder.prelabel.registry import registry
from builder.segment import segment_document
from tests.conftest import SAMPLES

SNAPSHOT = Path(__file__).with_name("registry_snapshot.json")


def sample_documents() -> list[list[Sentence]]:
    return [list(segment_document(d)) for d in ingest([SAMPLES]) if isinstance(d, Document)]


def fingerprint(lf: LabelingFunction, docs: list[list[Sentence]]) -> str:
    """Hash of the LF's votes, each document read in order with an entity-free context."""
    h = hashlib.sha256()
    for sentences in docs:
        ctx = DocContext(sentences[0].doc_id)
        for s in sentences:
            h.update(repr(sorted(map(repr, lf(s, ctx)))).encode())
            ctx.previous.append(s)
    return h.hexdigest()[:16]


def current() -> list[dict[str, Any]]:
    docs = sample_documents()
    return [
        {
            "name": lf.name,
            "layer": lf.layer,
            "version": lf.version,
            "prior": lf.prior,
            "votes": fingerprint(lf, docs),
        }
        for lf in registry()
    ]


def test_registry_matches_snapshot() -> None:
    now = current()
    if os.environ.get("UPDATE_SNAPSHOT"):
        SNAPSHOT.write_text(json.dumps(now, indent=1) + "\n")
    saved = {h["name"]: h for h in json.loads(SNAPSHOT.read_text())}
    problems = []
    for h in now:
        old = saved.pop(h["name"], None)
        if old is None:
            problems.append(f"new heuristic {h['name']}: add it to the snapshot")
        elif old["votes"] != h["votes"] and old["version"] == h["version"]:
            problems.append(
                f"{h['name']} votes differently but is still version {h['version']}: bump its version"
            )
        elif old != h:
            problems.append(f"{h['name']} changed ({old} -> {h}): refresh the snapshot")
    problems += [f"heuristic {name} was removed: refresh the snapshot" for name in saved]
    assert not problems, "\n".join(
        [*problems, "refresh: UPDATE_SNAPSHOT=1 pytest tests/prelabel/test_registry.py"]
    )


def test_every_heuristic_is_described_and_has_a_sane_prior() -> None:
    lfs = registry()
    if not lfs:
        pytest.skip("no heuristics registered")
    for lf in lfs:
        assert lf.description, f"{lf.name} needs a docstring"
        assert 0 < lf.prior <= 1
        assert lf.version >= 1
        for path in lf.data:
            assert path.is_file(), f"{lf.name}: data file {path} is missing"
