"""The stages over files: JSONL in, JSONL out, each output written atomically."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from builder.errors import E113_NOTHING_INGESTED, InputError
from builder.hooks import SILENT, Hooks
from builder.ingest import load_rules
from builder.jsonl import write_records
from builder.pipeline.records import documents, prelabelled
from builder.prelabel.apply import Prelabeler
from builder.prelabel.io import read_sentences
from builder.prelabel.lf import select
from builder.segment.pipeline import read_documents, segment_records

if TYPE_CHECKING:
    from builder.export.build import ExportParams, ExportResult


@dataclass(frozen=True)
class Ingested:
    documents: int
    skipped: list[InputError] = field(default_factory=list)


def ingest(
    inputs: Sequence[Path],
    output: Path,
    *,
    patterns: Path | None = None,
    strict: bool = False,
    report: Path | None = None,
    hooks: Hooks = SILENT,
) -> Ingested:
    """Raw files -> documents.jsonl; the skipped inputs also to ``report`` (JSONL) if given.
    Nothing to write at all (every input skipped) is an error: E113."""
    skipped: list[InputError] = []
    docs = documents(inputs, load_rules(patterns), strict=strict, skipped=skipped, hooks=hooks)
    records = (doc.to_dict() for doc in docs)
    try:
        n = write_records(output, _non_empty(records, skipped))
    finally:
        # Written whatever happened: the report matters most when every input was skipped.
        if report is not None:
            write_records(report, (_problem_record(p) for p in skipped))
    return Ingested(n, skipped)


def _non_empty(records: Iterator[dict[str, Any]], skipped: list[InputError]) -> Iterator[Any]:
    """Pass records through; if there were none, fail before the output file is renamed."""
    any_record = False
    for record in records:
        any_record = True
        yield record
    if not any_record:
        why = f" ({len(skipped)} inputs skipped)" if skipped else ""
        raise InputError(E113_NOTHING_INGESTED, "-", f"no document to write{why}")


def _problem_record(p: InputError) -> dict[str, Any]:
    return {"code": p.code, "path": p.path, "line": p.line, "message": p.detail}


def segment(
    documents_path: Path,
    output: Path,
    *,
    workers: int = 1,
    keep_list_markers: bool = False,
    rules: Path | None = None,
    hooks: Hooks = SILENT,
) -> int:
    """documents.jsonl -> sentences.jsonl; returns the number of sentences."""
    records = segment_records(
        hooks.progress(read_documents(documents_path), "segment"),
        workers=workers,
        keep_list_markers=keep_list_markers,
        rules_path=rules,
    )
    return write_records(output, records)


@dataclass(frozen=True)
class Prelabelled:
    sentences: int
    model_version: str


def prelabel(
    sentences_path: Path,
    output: Path,
    *,
    disable: Sequence[str] = (),
    hooks: Hooks = SILENT,
) -> Prelabelled:
    """sentences.jsonl -> prelabels.jsonl, with every heuristic but the ``disable``d ones
    (an unknown name is refused before any work: E204)."""
    prelabeler = Prelabeler(select(disable))
    labelled = prelabelled(hooks.progress(read_sentences(sentences_path), "prelabel"), prelabeler)
    n = write_records(output, (item.prediction for item in labelled))
    return Prelabelled(n, prelabeler.model_version)


def evaluate(
    sentences_path: Path,
    prelabels: Path,
    annotations: Path,
    output: Path | None = None,
    *,
    policy: str = "latest",
) -> dict[str, Any]:
    """The quality report (`builder eval`): heuristics against human labels, annotators
    against each other; also written to ``output`` (JSON, stable bytes) if given."""
    from builder.quality.evaluate import evaluate as quality_report
    from builder.quality.evaluate import write_report

    report = quality_report(sentences_path, prelabels, annotations, policy)
    if output is not None:
        write_report(output, report)
    return report


def export(
    sentences_path: Path, prelabels: Path, out: Path, params: ExportParams, hooks: Hooks = SILENT
) -> ExportResult:
    """A new dataset version folder under ``out/NAME/``; warns about what was left out."""
    # Imported here: datasets and pyarrow take a second and 150 MB that other stages
    # should not pay for.
    from builder.export.build import export as export_version

    result = export_version(sentences_path, prelabels, out, params)
    for problem in result.misaligned[:20]:
        hooks.warn(f"E502 {problem}: left out")
    gold = result.manifest["gold"]
    if gold["stale"]:
        hooks.warn(
            f"{gold['stale']} annotated sentences changed text since: their gold is not used"
        )
    if gold["ambiguous"]:
        hooks.warn(
            f"{gold['ambiguous']} sentences ambiguous under policy {params.policy}: "
            "no gold (manifest)"
        )
    for where in result.manifest["balance"]["warn"]:
        hooks.warn(f"label distribution of {where} is far from the whole dataset's (card: Balance)")
    return result
