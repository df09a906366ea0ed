"""The pipeline as a library: every stage of `builder`, callable without the command line.

Each stage comes twice: over records (``documents``, ``sentences``, ``prelabelled``: typed
records in, typed records out, nothing read or written) and over files (``ingest``,
``segment``, ``prelabel``, ``evaluate``, ``export``, ``build``: JSONL in, JSONL out, each file
written atomically). The command line, a notebook, a test or another engine calls the same
functions; the command line only parses options, calls one of them and prints.

What a caller sees of a run comes through ``Hooks``: a progress wrapper for long iterations,
warnings (skipped inputs, dropped spans) and one line per finished step. The defaults are
silent. Errors are raised as ``BuilderError``s with their codes, never printed here.
"""

from __future__ import annotations

from builder.hooks import SILENT, Hooks, Progress
from builder.pipeline.build import Built, build
from builder.pipeline.records import documents, prelabelled, sentences
from builder.pipeline.stages import (
    Ingested,
    Prelabelled,
    evaluate,
    export,
    ingest,
    prelabel,
    segment,
)

__all__ = [
    "SILENT",
    "Built",
    "Hooks",
    "Ingested",
    "Prelabelled",
    "Progress",
    "build",
    "documents",
    "evaluate",
    "export",
    "ingest",
    "prelabel",
    "prelabelled",
    "segment",
    "sentences",
]
